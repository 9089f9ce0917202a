// Finds every mention of the knowledge base's entries in a text, in one left-to-right pass whose cost
// does not depend on the number of entries: all forms are compiled once into a trie over folded
// characters (lower case, no accents, one space for any run of white space, one apostrophe, one
// hyphen), and each word start walks it as far as the text allows. The longest acceptable form wins,
// then scanning resumes after it.
//
// Rules: a form matches only as whole words (Unicode letters, digits and marks); acronyms match in
// capitals only; names and aliases in any case, except their words written in capitals
// (`la MONUSCO` matches `La MONUSCO`, not `la Monusco`); accents are optional (`résolution 2719`,
// `Guehenno`). Resolution entries also answer to `resolution N`, `résolution N`, `S/RES/N (YYYY)`
// and `Security Council resolution N (YYYY)`.
import { detachedCopy } from '../text/copies';
import { isRegExpSpaceCode } from '../text/whitespace';
import { runToEnd, StepBudget, type Steps } from '../util/steps';
import type { KbEntry, KbEntryType } from './model';

export interface Mention {
  /** The entity's id and type. */
  readonly id: string;
  readonly type: KbEntryType;
  /** 0-based offsets in the text; `end` exclusive. */
  readonly start: number;
  readonly end: number;
  /** The text as written (`la MONUSCO`, `S/RES/2719 (2023)`). */
  readonly text: string;
  /** Other entries with the same form (e.g. one person in two posts); the first entry wins. */
  readonly alternatives?: readonly string[];
}

export interface EntityMatcher {
  /**
   * Every mention, in order, not overlapping. With `from` and `until`, only the mentions that start
   * in [from, until), as a scan of the whole text finds them when `from` is a line start outside any
   * mention (a mention starting before `until` may end after it).
   */
  find(text: string, from?: number, until?: number): Mention[];
  /**
   * True when no match that reaches `offset` of `text` can reach its end: from `offset` on, the text
   * holds more characters that each take a step down the trie than the deepest form has steps. Then a
   * text cut there has the same mentions starting before `offset` as the whole (findMentionsSteps).
   */
  walksEndWithin(text: string, offset: number): boolean;
}

interface Unit {
  /** The form's character as written (apostrophes and hyphens normalised); ' ' for white space. */
  readonly char: string;
  /** The character must appear exactly as written (capitals of acronyms and capitalised words). */
  readonly exact: boolean;
}

interface Form {
  readonly entry: number;
  readonly units: readonly Unit[];
  readonly exact: boolean;
  /** Whether the form's first/last characters are word characters (then a word boundary is required). */
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  forms: Form[] | null;
}

const wordCharacter = /[\p{L}\p{N}\p{M}]/u;
const upper = /\p{Lu}/u;
const letter = /\p{L}/u;
const apostrophes = new Set(['\u2019', '\u02BC', '\u2018', '`', '\u00B4']);
const hyphens = new Set(['\u2010', '\u2011', '\u2012', '\u2013']);

function isSpace(char: string): boolean {
  return isRegExpSpaceCode(char.charCodeAt(0));
}

/** The form's character after normalising apostrophes and hyphens. */
function plain(char: string): string {
  if (apostrophes.has(char)) {
    return "'";
  }
  return hyphens.has(char) ? '-' : char;
}

const foldCache = new Map<string, string>();
/** ASCII folds, looked up without hashing: most of a transcript is ASCII. */
const asciiFold: readonly string[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code);
  return char === '`' ? "'" : char.toLowerCase();
});
/** Lower case, without accents: the trie's alphabet. May be empty (a combining mark) or longer than one. */
function fold(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128 && char.length === 1) {
    return asciiFold[code] as string;
  }
  let folded = foldCache.get(char);
  if (folded === undefined) {
    folded = plain(char).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    foldCache.set(char, folded);
  }
  return folded;
}

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) {
    return false;
  }
  const code = text.charCodeAt(index);
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  // The low half of a surrogate pair: look at the whole character.
  const at = code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index;
  return wordCharacter.test(String.fromCodePoint(text.codePointAt(at) ?? code));
}

/** Splits a form into units; `exactCase` marks which letters must match as written. */
function unitsOf(form: string, acronym: boolean): Unit[] {
  const units: Unit[] = [];
  const chars = Array.from(form.trim());
  // Words (runs of word characters) written in capitals, at least two letters: exact in any form.
  const exactAt = new Array<boolean>(chars.length).fill(acronym);
  if (!acronym) {
    let i = 0;
    while (i < chars.length) {
      if (!wordCharacter.test(chars[i] ?? '')) {
        i++;
        continue;
      }
      let j = i;
      let letters = 0;
      let capitals = 0;
      while (j < chars.length && wordCharacter.test(chars[j] ?? '')) {
        if (letter.test(chars[j] ?? '')) {
          letters++;
          capitals += upper.test(chars[j] ?? '') ? 1 : 0;
        }
        j++;
      }
      if (letters >= 2 && capitals === letters) {
        exactAt.fill(true, i, j);
      }
      i = j;
    }
  }
  chars.forEach((char, index) => {
    if (isSpace(char)) {
      if (units.at(-1)?.char !== ' ') {
        units.push({ char: ' ', exact: false });
      }
      return;
    }
    units.push({ char: plain(char), exact: (exactAt[index] ?? false) && letter.test(char) });
  });
  return units;
}

/** The extra forms of a resolution entry, from its id (`s-res-2719`) or its S/RES citation. */
function resolutionForms(entry: KbEntry): { names: string[]; acronyms: string[] } {
  const citation = [...entry.acronyms, ...entry.names].map((form) => /S\/RES\/(\d+)\s*(?:\((\d{4})\))?/.exec(form)).find((m) => m !== null);
  const number = citation?.[1] ?? /^s-res-(\d+)$/.exec(entry.id)?.[1];
  if (number === undefined) {
    return { names: [], acronyms: [] };
  }
  const year = citation?.[2] ?? (typeof entry.start === 'number' ? String(entry.start) : undefined);
  const names = [`resolution ${number}`, `Security Council resolution ${number}`];
  const acronyms = [`S/RES/${number}`];
  if (year !== undefined) {
    names.push(`resolution ${number} (${year})`, `Security Council resolution ${number} (${year})`);
    acronyms.push(`S/RES/${number} (${year})`, `S/RES/${number}(${year})`);
  }
  return { names, acronyms };
}

/** Compiles the entries once; `find` then costs one pass over the text whatever their number. */
export function createMatcher(entries: readonly KbEntry[]): EntityMatcher {
  return runToEnd(createMatcherSteps(entries));
}

/**
 * Forms added to the trie per step of createMatcherSteps. The bundled knowledge has about 600 forms and
 * takes 10-40 ms to compile in one call (18 steps of a few milliseconds here); a workspace file may add thousands more.
 */
const formsPerStep = 32;

/** createMatcher in steps (util/steps.ts), so that the extension compiles a new knowledge base without holding the host. */
export function* createMatcherSteps(entries: readonly KbEntry[]): Steps<EntityMatcher> {
  const root: TrieNode = { next: new Map(), forms: null };
  let depth = 0;
  const add = (entry: number, text: string, acronym: boolean): void => {
    const units = unitsOf(text, acronym);
    if (units.length === 0) {
      return;
    }
    let node = root;
    let steps = 0;
    for (const unit of units) {
      for (const char of fold(unit.char)) {
        let child = node.next.get(char);
        if (child === undefined) {
          child = { next: new Map(), forms: null };
          node.next.set(char, child);
        }
        node = child;
        steps++;
      }
    }
    depth = Math.max(depth, steps);
    const first = units[0]?.char ?? '';
    const last = units.at(-1)?.char ?? '';
    const form: Form = { entry, units, exact: units.some((u) => u.exact), wordStart: wordCharacter.test(first), wordEnd: wordCharacter.test(last) };
    node.forms ??= [];
    // Same form twice for one entry (a name repeated as an alias): keep the first.
    if (!node.forms.some((f) => f.entry === entry && f.exact === form.exact && f.units.every((u, i) => u.char === form.units[i]?.char))) {
      node.forms.push(form);
    }
  };
  const budget = new StepBudget(formsPerStep);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] as KbEntry;
    const extra = entry.type === 'resolution' ? resolutionForms(entry) : { names: [], acronyms: [] };
    for (const names of [entry.names, entry.aliases, extra.names]) {
      for (const name of names) {
        add(index, name, false);
      }
    }
    for (const acronyms of [entry.acronyms, extra.acronyms]) {
      for (const acronym of acronyms) {
        add(index, acronym, true);
      }
    }
    if (budget.spend(entry.names.length + entry.aliases.length + entry.acronyms.length + extra.names.length + extra.acronyms.length)) {
      yield;
    }
  }

  // For ASCII, the find loop's two questions answered by table: is it a word character, and can a form
  // start with it (its fold is a first character of the trie)?
  const asciiWord = new Uint8Array(128);
  const startsAscii = new Uint8Array(128);
  for (let code = 0; code < 128; code++) {
    asciiWord[code] = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;
    startsAscii[code] = root.next.has(asciiFold[code] as string) ? 1 : 0;
  }
  // And for two ASCII characters (neither white space): can a form start with this pair? Most words of
  // running text start with a letter some form starts with, but few with a pair, so most words are
  // passed over without a walk. A node that ends a one-character form keeps every pair.
  const startsPair = new Uint8Array(128 * 128);
  for (let first = 0; first < 128; first++) {
    const node = root.next.get(asciiFold[first] as string);
    if (node === undefined) {
      continue;
    }
    for (let second = 0; second < 128; second++) {
      startsPair[first * 128 + second] = node.forms !== null || node.next.has(asciiFold[second] as string) ? 1 : 0;
    }
  }

  /** Whether the matched text honours a form's capitals. */
  function casesAgree(text: string, start: number, end: number, form: Form): boolean {
    if (!form.exact) {
      return true;
    }
    let u = 0;
    let previousSpace = false;
    for (const char of text.slice(start, end)) {
      if (isSpace(char)) {
        if (!previousSpace) {
          u++;
        }
        previousSpace = true;
        continue;
      }
      previousSpace = false;
      if (fold(char) === '') {
        continue; // a combining mark belongs to the unit before it
      }
      const unit = form.units[u++];
      if (unit?.exact && plain(char) !== unit.char) {
        return false;
      }
    }
    return true;
  }

  function longestAt(text: string, start: number): { end: number; form: Form; others: Form[] } | null {
    let node: TrieNode | undefined = root;
    let best: { end: number; form: Form; others: Form[] } | null = null;
    let previousSpace = false;
    let j = start;
    const length = text.length;
    walk: while (j < length) {
      const code = text.charCodeAt(j);
      if (code < 128 && code !== 32 && (code < 9 || code > 13)) {
        // ASCII other than white space folds to one character: no string to fold or iterate.
        previousSpace = false;
        j++;
        node = node.next.get(asciiFold[code] as string);
        if (node === undefined) {
          break;
        }
      } else {
        const char = text[j] as string;
        let folded: string;
        if (isSpace(char)) {
          j++;
          if (previousSpace) {
            continue;
          }
          previousSpace = true;
          folded = ' ';
        } else {
          previousSpace = false;
          folded = fold(char);
          j++;
        }
        for (const c of folded) {
          node = node.next.get(c);
          if (node === undefined) {
            break walk;
          }
        }
      }
      if (node.forms !== null) {
        const atWordEnd = !isWordAt(text, j);
        const accepted = node.forms.filter((form) => (!form.wordEnd || atWordEnd) && casesAgree(text, start, j, form));
        const [first, ...others] = accepted;
        if (first !== undefined) {
          best = { end: j, form: first, others };
        }
      }
    }
    return best;
  }

  return {
    walksEndWithin(text: string, offset: number): boolean {
      // Three more than the deepest form: a match also reads the character after its end, and one to spare.
      let needed = depth + 3;
      for (let index = Math.max(0, offset); index < text.length; index++) {
        const code = text.charCodeAt(index);
        // As longestAt steps: an ASCII character other than white space always; white space at most
        // once a run and a combining mark never, so neither is counted; another character when it folds to something.
        const steps = code < 128 ? code !== 32 && (code < 9 || code > 13) : !isSpace(text[index] as string) && fold(text[index] as string).length > 0;
        if (steps && --needed === 0) {
          return true;
        }
      }
      return false;
    },
    find(text: string, from = 0, until = text.length): Mention[] {
      const mentions: Mention[] = [];
      const length = Math.min(text.length, until);
      let i = Math.max(0, from);
      // isWordAt(text, i - 1), carried along instead of read again: this loop visits every character.
      let previousWord = i > 0 && isWordAt(text, i - 1);
      while (i < length) {
        const code = text.charCodeAt(i);
        let word: boolean;
        if (code < 128) {
          word = asciiWord[code] === 1;
          const second = i + 1 < length ? text.charCodeAt(i + 1) : 128;
          // Inside a word no form can start; nor at a character, or a pair, no form starts with.
          if ((word && previousWord) || startsAscii[code] === 0 || (second < 128 && second !== 32 && (second < 9 || second > 13) && startsPair[code * 128 + second] === 0)) {
            previousWord = word;
            i++;
            if (word) {
              // The rest of an ASCII word in a tight loop: most of a transcript is passed over here.
              while (i < length) {
                const next = text.charCodeAt(i);
                if (next >= 128 || asciiWord[next] === 0) {
                  break;
                }
                i++;
              }
            }
            continue;
          }
        } else {
          word = isWordAt(text, i);
          const first = word && previousWord ? undefined : fold(text[i] as string)[0];
          if (first === undefined || !root.next.has(first)) {
            previousWord = word;
            i++;
            continue;
          }
        }
        const found = longestAt(text, i);
        if (found === null) {
          previousWord = word;
          i++;
          continue;
        }
        const entry = entries[found.form.entry] as KbEntry;
        const alternatives = [...new Set(found.others.map((f) => (entries[f.entry] as KbEntry).id))].filter((id) => id !== entry.id);
        mentions.push({
          id: entry.id,
          type: entry.type,
          start: i,
          end: found.end,
          // Mentions outlive the text they were found in (they are moved across edits): a long slice would keep it alive.
          text: found.end - i < 13 ? text.slice(i, found.end) : detachedCopy(text.slice(i, found.end)),
          ...(alternatives.length > 0 ? { alternatives } : {}),
        });
        i = found.end;
        previousWord = isWordAt(text, i - 1);
      }
      return mentions;
    },
  };
}
