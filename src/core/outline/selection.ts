// Smart select (Expand / Shrink Selection): the chain of ever larger ranges around a position, from a
// sentence or a quote's words up to its soundbite, section, story and the whole document.
import type { Quote, TextRange, TranscriptDocument } from '../model';
import { firstVisible, isSpaceCode, lastVisibleEnd } from '../text/whitespace';
import {
  comparePositions, lastStartingAtOrBefore, plain, rangeContainsPosition, rangeContainsRange, rangesEqual, span, type OutlinePosition, type OutlineRange,
} from './ranges';
import { storyGroups, storyTextRange } from './storyGroups';

/**
 * The ranges that Expand Selection grows through from `position`, innermost first, each containing
 * the one before. Shot lists: quote text → quote with marks → soundbite → section → story (header
 * block and body) → document. Interviews: sentence or quote → paragraph → turn → document. The word
 * itself comes from the editor. `lineText` reads a line of the same document version.
 */
export function selectionChain(document: TranscriptDocument, position: OutlinePosition, lineText: (line: number) => string): OutlineRange[] {
  const candidates: OutlineRange[] = [];
  const add = (range: OutlineRange | TextRange | null | undefined): void => {
    if (range) {
      const value = 'offset' in range.start ? plain(range as TextRange) : range;
      if (rangeContainsPosition(value, position)) {
        candidates.push(value);
      }
    }
  };
  if (document.format === 'shotlist') {
    shotlistCandidates(document, position, add, lineText);
  } else {
    spokenCandidates(document, position, add, lineText);
  }
  const lastLine = Math.max(0, document.lineCount - 1);
  add(span({ line: 0, character: 0 }, { line: lastLine, character: lineText(lastLine).length }));
  return nest(candidates);
}

/**
 * Orders the ranges as the editor does (later start first, then earlier end) and keeps each one
 * that strictly contains the one kept before it. All of them contain the position.
 */
function nest(candidates: OutlineRange[]): OutlineRange[] {
  candidates.sort((a, b) => comparePositions(b.start, a.start) || comparePositions(a.end, b.end));
  const chain: OutlineRange[] = [];
  for (const range of candidates) {
    const previous = chain[chain.length - 1];
    if (!previous || (rangeContainsRange(range, previous) && !rangesEqual(range, previous))) {
      chain.push(range);
    }
  }
  return chain;
}

type Add = (range: OutlineRange | TextRange | null | undefined) => void;

function shotlistCandidates(document: TranscriptDocument, position: OutlinePosition, add: Add, lineText: (line: number) => string): void {
  const line = position.line;
  const groups = storyGroups(document);
  const group = groups[Math.max(0, lastStartingAtOrBefore(groups, line, (item) => item.range.start.line))];
  if (group) {
    add(group.range);
  }
  const header = group?.header;
  if (header && rangeContainsPosition(plain(header.range), position)) {
    add(header.range);
    for (const field of header.fields) {
      if (field.range.start.line === line) {
        add(field.range);
        add(field.valueRange);
      }
    }
    return;
  }
  const sectionIndex = lastStartingAtOrBefore(document.sections, line, (section) => section.headingRange.start.line);
  const section = document.sections[sectionIndex];
  if (section && rangeContainsPosition(plain(section.range), position)) {
    add(section.range);
    add(section.headingRange);
  }
  const shotIndex = lastStartingAtOrBefore(document.shots, line, (shot) => shot.lineRange.start.line);
  const shot = document.shots[shotIndex];
  if (shot && rangeContainsPosition(plain(shot.range), position)) {
    add(shot.range);
    add(shot.lineRange);
    const soundbite = shot.soundbiteIndex === null ? undefined : document.soundbites[shot.soundbiteIndex];
    if (soundbite) {
      add(soundbite.range);
      add(soundbite.speakerRange);
      add(soundbite.titleRange);
      add(soundbite.languageRange);
      if (soundbite.quote) {
        add(soundbite.quote.range);
        add(soundbite.quote.innerRange);
      }
    }
    return;
  }
  for (const story of group?.stories ?? []) {
    const range = storyTextRange(story);
    if (!rangeContainsPosition(range, position)) {
      continue;
    }
    add(range);
    add(story.headingRange);
    const paragraph = story.paragraphs.find((item) => item.start.line <= line && line <= item.end.line);
    add(paragraph);
    for (const quote of story.quotes) {
      add(quote.range);
      add(quote.innerRange);
    }
    if (paragraph) {
      add(sentenceAt(lineText(line), position, plain(paragraph)));
    }
  }
}

function spokenCandidates(document: TranscriptDocument, position: OutlinePosition, add: Add, lineText: (line: number) => string): void {
  const line = position.line;
  const text = lineText(line);
  const paragraph = paragraphOn(text, line);
  const turnIndex = lastStartingAtOrBefore(document.turns, line, (turn) => turn.range.start.line);
  const turn = document.turns[turnIndex];
  let bounds = paragraph;
  if (turn && rangeContainsPosition(plain(turn.range), position)) {
    add(turn.range);
    add(turn.labelRange);
    const textRange = plain(turn.textRange);
    add(textRange);
    if (paragraph && textRange.start.line === line) {
      bounds = span(textRange.start, paragraph.end);
    }
  }
  if (document.title && document.title.range.start.line === line) {
    add(document.title.range);
  }
  add(paragraph);
  add(bounds);
  // Quotes never overlap: those starting on this line, and at most one from an earlier line.
  for (let index = lastStartingAtOrBefore(document.quotes, line, (quote) => quote.range.start.line); index >= 0; index--) {
    const quote = document.quotes[index] as Quote;
    const range = plain(quote.range);
    if (rangeContainsPosition(range, position)) {
      add(range);
      add(quote.innerRange);
    }
    if (range.start.line < line) {
      break;
    }
  }
  if (bounds) {
    add(sentenceAt(text, position, bounds));
  }
}

/** The visible part of a line, or null for a blank line. */
function paragraphOn(text: string, line: number): OutlineRange | null {
  const start = firstVisible(text);
  const end = lastVisibleEnd(text);
  return end > start ? span({ line, character: start }, { line, character: end }) : null;
}

const closingAfterStop = new Set(['"', '”', '’', '»', ')', ']', '\'']);

/**
 * The sentence around the position on its line, kept inside `bounds`: from after the previous
 * `.`, `?`, `!` or `…` that is followed by white space, to the next one (with its closing marks).
 */
export function sentenceAt(text: string, position: OutlinePosition, bounds: OutlineRange): OutlineRange | null {
  const line = position.line;
  const from = bounds.start.line === line ? bounds.start.character : firstVisible(text);
  const to = bounds.end.line === line ? Math.min(bounds.end.character, text.length) : lastVisibleEnd(text);
  const at = Math.min(Math.max(position.character, from), to);
  let start = from;
  for (let index = Math.min(at, to) - 1; index > from; index--) {
    if (isSpaceCode(text.charCodeAt(index)) && endsSentence(text, index, from)) {
      start = index + 1;
      break;
    }
  }
  while (start < to && isSpaceCode(text.charCodeAt(start))) {
    start++;
  }
  let end = to;
  for (let index = Math.max(at, start); index < to; index++) {
    if (isSpaceCode(text.charCodeAt(index)) && endsSentence(text, index, from)) {
      end = index;
      break;
    }
  }
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) {
    end--;
  }
  return end > start ? span({ line, character: start }, { line, character: end }) : null;
}

/** True when the characters just before the white space at `index` close a sentence. */
function endsSentence(text: string, index: number, from: number): boolean {
  let end = index - 1;
  while (end >= from && closingAfterStop.has(text.charAt(end))) {
    end--;
  }
  const stop = text.charAt(end);
  if (stop !== '.' && stop !== '?' && stop !== '!' && stop !== '…') {
    return false;
  }
  if (stop === '.') {
    // `Mr. Lacroix`, `Lt. Col.`, `U.N.`: a short capitalised word or an initialism before the dot.
    let wordStart = end;
    while (wordStart > from && !isSpaceCode(text.charCodeAt(wordStart - 1))) {
      wordStart--;
    }
    const word = text.slice(wordStart, end);
    if (/^(?:[A-Z][a-z]{0,3}|(?:[A-Za-z]\.)+[A-Za-z]?|[a-z]{1,2})$/u.test(word) && !/^(?:I|A)$/u.test(word)) {
      return false;
    }
  }
  return true;
}

