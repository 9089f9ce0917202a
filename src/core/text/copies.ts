// Copies of strings that own their characters. A slice shares the string it was cut from, so text
// kept from a document (a re-parsed story, an index entry, a mention) would keep the whole document
// alive, and every edited version of it with it.

/**
 * A copy of `text` that does not keep a larger string alive. Concatenating and cutting again makes
 * the engine copy the characters (V8 flattens the concatenation before slicing it); other engines
 * just copy.
 */
export function detachedCopy(text: string): string {
  return ` ${text}`.slice(1);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A detached copy that is also compact: one byte a character when the text allows it (the UTF-8
 * round trip gives the engine's one-byte form), else a flat two-byte copy. A document with one curly
 * quote mark stores every slice of it with two bytes a character; an index of thousands of files
 * keeps many such strings.
 */
export function compactCopy(text: string): string;
export function compactCopy(text: string | null): string | null;
export function compactCopy(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  // No `u` flag: a code unit over 0xff is there exactly when a code point over 0xff is, and V8 scans
  // without the flag several times faster (the index copies every quote of a workspace through here).
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? detachedCopy(text) : decoder.decode(encoder.encode(text));
}
