// Interviews: labelled turns (`UN News:` / `Lacroix:`, `Q:`, `RFI : `, `Porte-parole [Name] :`),
// French dash answers (`— `), timecoded captions (`01:23 text`) and unlabelled question and answer
// paragraphs. All become one list of turns with a role.
import { LineClass } from './classify';
import type { ParseContext } from './context';
import { answerLabels, chromePrefixPattern, questionLabels } from './lexicon';
import type { Turn, TurnRole } from '../model';
import { collapseWhitespace, firstVisible, isRegExpSpaceCode, lastVisibleEnd } from '../text/whitespace';

/** A model type being built: its fields are set while the turns are assembled, read-only once returned. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const labelPattern =
  /^[\s\u00a0]*((?:[\p{Lu}\d][\p{L}\p{M}\d.'’&-]*(?:[ \u00a0]+(?:[\p{L}\p{M}\d.'’&-]+|\[[^\]\n]{1,60}\])){0,4})|\[[^\]\n]{1,60}\])[ \u00a0]?:[\s\u00a0]+(?=\S)/u;
const timecodePattern = /^[\s\u00a0]*\[?(\d{1,2}:\d{2}(?::\d{2})?)\]?[\s\u00a0]+(?=\S)/u;
const dashPattern = /^[\s\u00a0]*[—–][\s\u00a0]+(?=\S)/u;
function isCloserAfterQuestion(code: number): boolean {
  return code === 0x22 || code === 0x201d || code === 0xbb || code === 0x29 || code === 0x2019;
}

/**
 * True when the text ends with a question mark (closing quotes, brackets and spaces allowed after
 * it). Read from the end: a regular expression looking for the mark from the start cost the square
 * of the length of a run of spaces after a question mark.
 */
export function endsWithQuestion(text: string): boolean {
  let end = text.length;
  while (end > 0 && isRegExpSpaceCode(text.charCodeAt(end - 1))) {
    end--;
  }
  while (end > 0 && isCloserAfterQuestion(text.charCodeAt(end - 1))) {
    end--;
  }
  while (end > 0 && isRegExpSpaceCode(text.charCodeAt(end - 1))) {
    end--;
  }
  return end > 0 && text.charCodeAt(end - 1) === 0x3f;
}

export type InterviewStyle = 'label' | 'dash' | 'timecode' | 'paragraph';

/** A non-blank, non-chrome line, in order, with what it starts with. */
export interface Paragraph {
  readonly line: number;
  readonly label: { text: string; start: number; end: number; textStart: number } | null;
  readonly timecode: { text: string; start: number; textStart: number } | null;
  readonly dashTextStart: number;
  readonly question: boolean;
}

export function readLabel(text: string): Paragraph['label'] {
  const match = labelPattern.exec(text);
  if (!match || !match[1]) {
    return null;
  }
  const label = match[1].trim();
  if (chromePrefixPattern.test(`${label}:`) || /^\d+$/u.test(label)) {
    return null;
  }
  const start = text.indexOf(label);
  return { text: label.replace(/\u00a0/gu, ' '), start, end: start + label.length, textStart: match[0].length };
}

export function readParagraph(context: ParseContext, line: number): Paragraph {
  const text = context.line(line);
  const timecodeMatch = timecodePattern.exec(text);
  const timecode = timecodeMatch && timecodeMatch[1] ?
    { text: timecodeMatch[1], start: text.indexOf(timecodeMatch[1]), textStart: timecodeMatch[0].length } : null;
  const labelText = timecode ? text.slice(timecode.textStart) : text;
  const offset = timecode ? timecode.textStart : 0;
  const found = readLabel(labelText);
  const label = found ? { ...found, start: found.start + offset, end: found.end + offset, textStart: found.textStart + offset } : null;
  const dash = dashPattern.exec(text);
  return { line, label, timecode, dashTextStart: dash ? dash[0].length : -1, question: endsWithQuestion(text) };
}

/** Evidence of each interview style, used to pick one. */
export interface InterviewEvidence {
  readonly style: InterviewStyle | null;
  /** Labels (lower-cased) that count as speaker labels. */
  readonly labels: ReadonlySet<string>;
}

export function weighInterviewEvidence(paragraphs: readonly Paragraph[]): InterviewEvidence {
  const labelCounts = new Map<string, number>();
  let dashes = 0;
  let timecodes = 0;
  let questionsAnswered = 0;
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index];
    if (!paragraph) {
      continue;
    }
    if (paragraph.label) {
      const key = paragraph.label.text.toLowerCase();
      labelCounts.set(key, (labelCounts.get(key) ?? 0) + 1);
    }
    if (paragraph.dashTextStart >= 0) {
      dashes++;
    }
    if (paragraph.timecode) {
      timecodes++;
    }
    const next = paragraphs[index + 1];
    if (paragraph.question && next && !next.question) {
      questionsAnswered++;
    }
  }
  // A label counts when it recurs or is a well-known interview label: a one-off `He said:` does not.
  const labels = new Set<string>();
  let labelledParagraphs = 0;
  for (const [label, count] of labelCounts) {
    if (count >= 2 || questionLabels.has(label) || answerLabels.has(label)) {
      labels.add(label);
      labelledParagraphs += count;
    }
  }
  const knownSides = [...labels].some((label) => questionLabels.has(label) || answerLabels.has(label));
  let style: InterviewStyle | null = null;
  if ((labels.size >= 2 && labelledParagraphs >= 3) || (knownSides && labelledParagraphs >= 2)) {
    style = 'label';
  } else if (dashes >= 2) {
    style = 'dash';
  } else if (timecodes >= 3) {
    style = 'timecode';
  } else if (questionsAnswered >= 3 || (questionsAnswered >= 2 && questionsAnswered * 4 >= paragraphs.length)) {
    style = 'paragraph';
  }
  return { style, labels };
}

/**
 * Builds turns over the paragraphs. Paragraphs that belong to no turn (an introduction, text after
 * a separator) are returned so the caller can keep them as plain paragraphs.
 */
export function buildTurns(context: ParseContext, paragraphs: readonly Paragraph[], evidence: InterviewEvidence): { turns: Turn[]; loose: number[] } {
  const turns: Mutable<Turn>[] = [];
  const pieces: string[][] = [];
  const loose: number[] = [];
  let current: Mutable<Turn> | null = null;
  let zoneOpen = false;
  let previousLine = -1;

  const start = (paragraph: Paragraph, role: TurnRole, style: Turn['style'], textStart: number, speaker: string | null,
    labelRange: Turn['labelRange']): void => {
    const text = context.line(paragraph.line);
    const end = lastVisibleEnd(text);
    const words = text.slice(textStart, end);
    current = {
      speaker,
      labelRange,
      role,
      range: context.table.range(paragraph.line, firstVisible(text), end),
      text: '',
      textRange: context.table.range(paragraph.line, textStart, end),
      timecode: paragraph.timecode?.text ?? null,
      timecodeSeconds: paragraph.timecode ? timecodeSeconds(paragraph.timecode.text) : null,
      style,
    };
    turns.push(current);
    pieces.push([words]);
  };
  const extend = (turn: Mutable<Turn>, paragraph: Paragraph): void => {
    const text = context.line(paragraph.line);
    const end = lastVisibleEnd(text);
    turn.range = context.table.span(turn.range.start.line, turn.range.start.character, paragraph.line, end);
    turn.textRange = context.table.span(turn.textRange.start.line, turn.textRange.start.character, paragraph.line, end);
    pieces[pieces.length - 1]?.push(text.slice(firstVisible(text), end));
  };

  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index];
    if (!paragraph) {
      continue;
    }
    // A separator between two paragraphs ends the interview part (seen in compilations of articles).
    if (previousLine >= 0 && crossesSeparator(context, previousLine, paragraph.line)) {
      current = null;
      zoneOpen = false;
    }
    previousLine = paragraph.line;
    const next = paragraphs[index + 1];
    const nextIsAdjacent = next !== undefined && !crossesSeparator(context, paragraph.line, next.line);
    // `current` is reassigned inside the helpers above, which TypeScript's narrowing cannot see.
    const turn = current as Mutable<Turn> | null;
    /** A paragraph that starts no turn continues the current one, or stays a plain paragraph. */
    const continueTurn = (): void => {
      if (turn) {
        extend(turn, paragraph);
      } else {
        loose.push(paragraph.line);
      }
    };
    const label = paragraph.label && evidence.labels.has(paragraph.label.text.toLowerCase()) ? paragraph.label : null;
    const labelRange = label ? context.table.range(paragraph.line, label.start, label.end) : null;
    switch (evidence.style) {
      case 'label': {
        if (label) {
          start(paragraph, 'statement', 'label', label.textStart, label.text, labelRange);
        } else {
          continueTurn();
        }
        break;
      }
      case 'timecode': {
        if (paragraph.timecode) {
          start(paragraph, 'statement', 'timecode', label ? label.textStart : paragraph.timecode.textStart, label?.text ?? null, labelRange);
        } else {
          continueTurn();
        }
        break;
      }
      case 'dash': {
        const isDash = paragraph.dashTextStart >= 0;
        const nextIsDash = nextIsAdjacent && next.dashTextStart >= 0;
        if (!zoneOpen && !isDash && nextIsDash) {
          zoneOpen = true;
        }
        if (!zoneOpen) {
          loose.push(paragraph.line);
        } else if (isDash) {
          start(paragraph, 'answer', 'dash', paragraph.dashTextStart, null, null);
        } else if (paragraph.question || nextIsDash) {
          start(paragraph, 'question', 'paragraph', firstVisible(context.line(paragraph.line)), null, null);
        } else if (turn && turn.role === 'question') {
          start(paragraph, 'answer', 'paragraph', firstVisible(context.line(paragraph.line)), null, null);
        } else {
          continueTurn();
        }
        break;
      }
      default: {
        const answered = paragraph.question && nextIsAdjacent && !next.question;
        if (!zoneOpen && answered) {
          zoneOpen = true;
        }
        if (!zoneOpen) {
          loose.push(paragraph.line);
        } else if (paragraph.question) {
          start(paragraph, 'question', 'paragraph', firstVisible(context.line(paragraph.line)), null, null);
        } else if (turn && turn.role === 'question') {
          start(paragraph, 'answer', 'paragraph', firstVisible(context.line(paragraph.line)), null, null);
        } else {
          continueTurn();
        }
      }
    }
  }
  turns.forEach((turn, index) => {
    turn.text = collapseWhitespace((pieces[index] ?? []).join(' '));
  });
  if (evidence.style === 'label' || evidence.style === 'timecode') {
    assignLabelRoles(turns);
  }
  if (evidence.style === 'timecode') {
    assignCaptionRoles(turns);
  }
  return { turns, loose };
}

/**
 * Roles of labelled turns: known interviewer labels ask, `A`/`Answer` answer; other labels ask when
 * most of their turns end in a question mark. With a single speaker every turn is a statement.
 */
export function assignLabelRoles(turns: Mutable<Turn>[]): void {
  const byLabel = new Map<string, { total: number; questions: number }>();
  for (const turn of turns) {
    if (turn.speaker === null) {
      continue;
    }
    const key = turn.speaker.toLowerCase();
    const tally = byLabel.get(key) ?? { total: 0, questions: 0 };
    tally.total++;
    if (endsWithQuestion(turn.text)) {
      tally.questions++;
    }
    byLabel.set(key, tally);
  }
  const roles = new Map<string, TurnRole>();
  for (const [label, tally] of byLabel) {
    if (questionLabels.has(label)) {
      roles.set(label, 'question');
    } else if (answerLabels.has(label)) {
      roles.set(label, 'answer');
    } else if (byLabel.size >= 2 && tally.questions * 2 > tally.total) {
      roles.set(label, 'question');
    }
  }
  const anyQuestion = [...roles.values()].includes('question');
  for (const turn of turns) {
    if (turn.speaker === null) {
      continue;
    }
    turn.role = roles.get(turn.speaker.toLowerCase()) ?? (anyQuestion ? 'answer' : 'statement');
  }
}

/**
 * Unlabelled captions: a caption ending in a question mark asks, the captions after it answer until
 * the next question; captions before any question are statements.
 */
function assignCaptionRoles(turns: Mutable<Turn>[]): void {
  let answering = false;
  for (const turn of turns) {
    if (turn.speaker !== null) {
      answering = turn.role === 'question';
      continue;
    }
    if (endsWithQuestion(turn.text)) {
      turn.role = 'question';
      answering = true;
    } else {
      turn.role = answering ? 'answer' : 'statement';
    }
  }
}

function crossesSeparator(context: ParseContext, from: number, to: number): boolean {
  for (let line = from + 1; line < to; line++) {
    if (context.classes[line] === LineClass.Separator) {
      return true;
    }
  }
  return false;
}

/** Seconds of `MM:SS` or `H:MM:SS`. */
export function timecodeSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
