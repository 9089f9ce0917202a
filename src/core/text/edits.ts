// Edits between two versions of a text, in offsets: what the editor reports (replacements) folded
// into one edit per version, which a re-parse and the knowledge mentions use to redo only what changed.

/**
 * What changed between two versions of a text, in offsets: the text before `start` and the text after
 * `oldEnd` (old version) = after `newEnd` (new version) are the same in both.
 */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * Where an edit fell, in lines: the first line it touched, and the line its end was on before and
 * after it (what follows moved by newEndLine - oldEndLine lines).
 */
export interface EditLines {
  readonly startLine: number;
  readonly oldEndLine: number;
  readonly newEndLine: number;
}

/** One replacement as editors report it: `rangeLength` characters at `rangeOffset` became `text`. */
export interface TextReplacement {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** The edit covering `first` and then `second` (whose offsets are in the text after `first`). */
export function composeEdits(first: TextEdit, second: TextEdit): TextEdit {
  const firstDelta = first.newEnd - first.oldEnd;
  // Where an offset of the text after `first` was before it (inside the replaced text: its end).
  const before = (offset: number): number => (offset <= first.start ? offset : offset >= first.newEnd ? offset - firstDelta : first.oldEnd);
  const start = Math.min(first.start, second.start);
  const oldEnd = Math.max(first.oldEnd, before(second.oldEnd));
  return { start, oldEnd, newEnd: oldEnd + firstDelta + (second.newEnd - second.oldEnd) };
}

/** The edit made by replacements applied one after the other (each in the text the ones before left). */
export function editOf(replacements: readonly TextReplacement[], previous?: TextEdit): TextEdit | undefined {
  let edit = previous;
  for (const { rangeOffset, rangeLength, text } of replacements) {
    const next = { start: rangeOffset, oldEnd: rangeOffset + rangeLength, newEnd: rangeOffset + text.length };
    edit = edit ? composeEdits(edit, next) : next;
  }
  return edit;
}
