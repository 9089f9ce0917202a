// Interviews, briefings and press conferences: labelled turns (`UN News:` / `Lacroix:`, `Q:`, `RFI : `,
// `Porte-parole [Name] :`, `MR. NAME:`, `Q  …`, a label alone on its line), unlabelled question and
// answer paragraphs (also after a first labelled exchange), a statement before a `Questions and
// Answers` heading, French dash dialogue (also run into one paragraph), and timecoded captions. All
// become one list of turns with a role; crossheads and pull quotes between exchanges are not turns.
import { LineClass } from './classify';
import type { ParseContext } from './context';
import { answerLabels, chromePrefixPattern, nonSpeakerLabels, questionLabels, titleFirstWords } from './lexicon';
import type { Turn, TurnRole } from '../model';
import { collapseWhitespace, firstVisible, isRegExpSpaceCode, lastVisibleEnd } from '../text/whitespace';
import { endsWithQuestion } from '../text/words';

export { endsWithQuestion };

/** A model type being built: its fields are set while the turns are assembled, read-only once returned. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// French typography puts a no-break space (U+00A0) or a narrow one (U+202F) before the colon.
const labelPattern =
  /^[\s\u00a0\u202f]*((?:[\p{Lu}\d][\p{L}\p{M}\d.'’&-]*(?:[ \u00a0\u202f]+(?:[\p{L}\p{M}\d.'’&-]+|\[[^\]\n]{1,60}\])){0,4})|\[[^\]\n]{1,60}\])[ \u00a0\u202f]?:[\s\u00a0\u202f]+(?=\S)/u;
/**
 * Press-conference labels the short pattern does not take: a long role before a bracketed name
 * (`Porte-parole militaire de la MONUSCO [Lieutenant-colonel Name] :`), and a numbered question with
 * the journalist and the outlet (`Question 1 – Name, Radio Okapi :`). Bounded, anchored: one attempt per line.
 */
const pressLabelPattern =
  /^[\s\u00a0\u202f]*(\p{Lu}[^[\]:\n]{0,80}\[[^\]\n]{1,60}\]|(?:Question|QUESTION|Q)[ \u00a0]?\d{1,3}[ \u00a0]*[-–—][^:\n]{1,80}?|\p{Lu}[\p{L}\p{M}.'’-]*(?: \p{Lu}[\p{L}\p{M}.'’-]*){1,3}, \p{Lu}[^:\n]{1,100}?)[ \u00a0\u202f]?:(?:[\s\u00a0\u202f]+(?=\S)|[\s\u00a0\u202f]*$)/u;
const dashedInitialPattern = /^[\s\u00a0]*(?:[QAR][ \t]+[-–—]|[QA]\.)[ \t]/u;
const timecodePattern = /^[\s\u00a0]*\[?(\d{1,2}:\d{2}(?::\d{2})?)\]?[\s\u00a0]+(?=\S)/u;
const dashPattern = /^[\s\u00a0]*[—–][\s\u00a0]+(?=\S)/u;
export type InterviewStyle = 'label' | 'dash' | 'timecode' | 'paragraph';

/** A speaker label at the start of a line: where it is, and where the words after it start. */
export interface Label {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly textStart: number;
  /** True for a label alone on its line (`UN News:`): its words are the paragraphs that follow. */
  readonly alone: boolean;
}

/** A non-blank, non-chrome line, in order, with what it starts with. */
export interface Paragraph {
  readonly line: number;
  readonly label: Label | null;
  readonly timecode: { text: string; start: number; textStart: number } | null;
  readonly dashTextStart: number;
  readonly question: boolean;
}

/**
 * `Q  text`, `A.  text`, `Q. text`, `Q - text`, `R - text`: the interviewer's and the answerer's
 * initials used as labels without a colon (press-conference transcripts; `Q - ` / `R - ` in French
 * ones), followed by a dot, by two spaces or a tab, or by a dash between spaces.
 */
function readInitialLabel(text: string): Label | null {
  const start = firstVisible(text);
  const initial = text.charAt(start);
  if (initial !== 'Q' && initial !== 'A' && initial !== 'R') {
    return null;
  }
  let after = start + 1;
  const dot = text.charAt(after) === '.';
  if (dot) {
    after++;
  }
  let spaces = 0;
  while (after < text.length && isRegExpSpaceCode(text.charCodeAt(after))) {
    spaces += text.charAt(after) === '\t' ? 2 : 1;
    after++;
  }
  const code = text.charCodeAt(after);
  if (!dot && spaces >= 1 && (code === 0x2d || code === 0x2013 || code === 0x2014) && isRegExpSpaceCode(text.charCodeAt(after + 1))) {
    const words = firstVisible(text, after + 1);
    return words < text.length ? { text: initial, start, end: start + 1, textStart: words, alone: false } : null;
  }
  // `R` alone is a label only before a dash: `R. Kelly` and `R  ` are not answers.
  if (initial === 'R' || after >= text.length || (dot ? spaces < 1 : spaces < 2)) {
    return null;
  }
  return { text: initial, start, end: start + 1, textStart: after, alone: false };
}

/** The speaker label starting `text`, or null. A label alone on its line has no words after it. */
export function readLabel(text: string): Label | null {
  // `Q - Première question : …`, `A. Mostly people: …`: the initial and its dash or dot are the label, whatever colon follows.
  if (dashedInitialPattern.test(text)) {
    return readInitialLabel(text);
  }
  const press = pressLabelPattern.exec(text);
  if (press && press[1] && (!press[1].includes(',') || isNumberedQuestionLabel(press[1]) || isBracketedLabel(press[1]) || isGuestLabel(press[1]))) {
    const end = lastVisibleEnd(text);
    const alone = press[0].length >= end;
    return accept(text, press[1], alone ? end : press[0].length, alone);
  }
  const match = labelPattern.exec(text);
  if (!match || !match[1]) {
    const end = lastVisibleEnd(text);
    if (end > 0 && text.charAt(end - 1) === ':' && end <= 80) {
      // A label alone on its line: read it as if words followed.
      const probe = labelPattern.exec(`${text.slice(0, end)} x`);
      if (probe && probe[1] && probe[0].length === end + 1) {
        return accept(text, probe[1], end, true);
      }
    }
    return readInitialLabel(text);
  }
  return accept(text, match[1], match[0].length, false);
}

function accept(text: string, written: string, textStart: number, alone: boolean): Label | null {
  const label = written.trim();
  if (chromePrefixPattern.test(`${label}:`) || /^\d+$/u.test(label)) {
    return null;
  }
  const start = text.indexOf(label);
  return { text: label.replace(/[\u00a0\u202f]/gu, ' '), start, end: start + label.length, textStart, alone };
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

/** `Porte-parole [Idriss Kaboré]`: a role with a bracketed name is a speaker label wherever it appears. */
function isBracketedLabel(label: string): boolean {
  return label.endsWith(']') && label.includes('[');
}

/**
 * `Name, Title, Place` (the noon briefing's guest): a name of two to four capitalised words, then a
 * title opening with a title word. Sentences with commas before a colon are not labels.
 */
function isGuestLabel(label: string): boolean {
  const comma = label.indexOf(',');
  const title = label.slice(comma + 1).trim();
  const firstTitleWord = (title.split(' ')[0] ?? '').toLowerCase();
  // Every part after the name opens with a capital: `…, Head of Office, said` is a sentence.
  const partsCapitalised = title.split(',').every((part) => {
    const first = part.trim().charAt(0);
    return first !== '' && first !== first.toLowerCase();
  });
  return comma > 0 && titleFirstWords.has(firstTitleWord) && partsCapitalised && label.length <= 120;
}

/** `Question 1 – Name, Outlet`: a numbered journalist's question, on the interviewer's side wherever it appears. */
export function isNumberedQuestionLabel(label: string): boolean {
  return /^(?:question|q) ?\d{1,3}\b/iu.test(label);
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
      if (!nonSpeakerLabels.has(key)) {
        labelCounts.set(key, (labelCounts.get(key) ?? 0) + 1);
      }
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
  // A label counts when it recurs, is a well-known interview label, or names a role and a person
  // (`Porte-parole [Name]`): a one-off `He said:` does not.
  const labels = new Set<string>();
  let labelledParagraphs = 0;
  for (const [label, count] of labelCounts) {
    if (count >= 2 || questionLabels.has(label) || answerLabels.has(label) || isBracketedLabel(label) || isNumberedQuestionLabel(label)) {
      labels.add(label);
      labelledParagraphs += count;
    }
  }
  const knownSides = [...labels].some((label) => questionLabels.has(label) || answerLabels.has(label) || isNumberedQuestionLabel(label));
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

// ---------------------------------------------------------------------------------------------
// Assembling turns

/** The turns being built, and the paragraphs that belong to none. */
class TurnAssembly {
  readonly turns: Mutable<Turn>[] = [];
  readonly loose: number[] = [];
  readonly #pieces: string[][] = [];
  current: Mutable<Turn> | null = null;

  constructor(private readonly context: ParseContext) {}

  /**
   * Starts a turn on `paragraph`'s line, its words from `textStart` to `textEnd` (the line's visible
   * end by default; a dash exchange run into one paragraph gives each turn a piece of the line).
   */
  start(paragraph: Paragraph, role: TurnRole, style: Turn['style'], textStart: number, speaker: string | null,
    labelRange: Turn['labelRange'], textEnd?: number, rangeStart?: number): Mutable<Turn> {
    const text = this.context.line(paragraph.line);
    const end = textEnd ?? lastVisibleEnd(text);
    const wordsStart = Math.min(end, skipInterpreterNote(text, textStart, end));
    const turn: Mutable<Turn> = {
      speaker,
      labelRange,
      role,
      range: this.context.table.range(paragraph.line, rangeStart ?? firstVisible(text), end),
      text: '',
      textRange: this.context.table.range(paragraph.line, wordsStart, end),
      timecode: paragraph.timecode?.text ?? null,
      timecodeSeconds: paragraph.timecode ? timecodeSeconds(paragraph.timecode.text) : null,
      style,
    };
    this.turns.push(turn);
    this.#pieces.push([text.slice(wordsStart, end)]);
    this.current = turn;
    return turn;
  }

  /** The paragraph continues the current turn (from `textStart` of its line), or stays loose without one. */
  continue(paragraph: Paragraph, textStart?: number): void {
    const turn = this.current;
    if (!turn) {
      this.loose.push(paragraph.line);
      return;
    }
    const text = this.context.line(paragraph.line);
    const end = lastVisibleEnd(text);
    const from = textStart ?? firstVisible(text);
    const pieces = this.#pieces[this.#pieces.length - 1];
    turn.range = this.context.table.span(turn.range.start.line, turn.range.start.character, paragraph.line, end);
    // A label alone on its line has no words there: the turn's words start with this paragraph.
    const empty = pieces !== undefined && pieces.every((piece) => piece.trim() === '');
    turn.textRange = empty ? this.context.table.range(paragraph.line, from, end)
      : this.context.table.span(turn.textRange.start.line, turn.textRange.start.character, paragraph.line, end);
    pieces?.push(text.slice(from, end));
  }

  /** The paragraph belongs to no turn, and ends the current one. */
  skip(paragraph: Paragraph): void {
    this.loose.push(paragraph.line);
    this.current = null;
  }

  finish(): { turns: Mutable<Turn>[]; loose: number[] } {
    this.turns.forEach((turn, index) => {
      turn.text = collapseWhitespace((this.#pieces[index] ?? []).join(' '));
    });
    return { turns: this.turns, loose: this.loose };
  }
}

/**
 * Where a turn's words start once an interpreter's note is passed: `(As interpreted.)`,
 * `(Through an interpreter)`, `(Interpretation from French)`. The note is not the speaker's words.
 */
function skipInterpreterNote(text: string, from: number, end: number): number {
  const start = firstVisible(text, from);
  if (text.charAt(start) !== '(') {
    return start;
  }
  const close = text.indexOf(')', start);
  if (close < 0 || close - start > 60 || close >= end) {
    return start;
  }
  const note = text.slice(start + 1, close).toLowerCase();
  return /^(?:as interpreted|through (?:an? )?interpret|interpret|translat|via (?:an? )?interpret|traduction|interprétation)/u.test(note)
    ? firstVisible(text, close + 1) : start;
}

function crossesSeparator(context: ParseContext, from: number, to: number): boolean {
  for (let line = from + 1; line < to; line++) {
    if (context.classes[line] === LineClass.Separator) {
      return true;
    }
  }
  return false;
}

/** `Questions and Answers`, `Q&A`, `Questions-réponses`: the heading between a statement and the questions. */
function isQuestionsHeading(text: string): boolean {
  const words = text.trim().toLowerCase().replace(/[:.]+$/u, '').trim();
  return words.length <= 40 &&
    /^(?:questions?\s*(?:and|&)\s*answers?|q\s*&\s*a|questions?[\s-]*(?:et\s*)?réponses?|questions from (?:the )?(?:press|journalists|the floor)|questions)$/u.test(words);
}

/** A crosshead between exchanges: a few words with no closing punctuation (`Funding the response`). */
function isCrosshead(text: string): boolean {
  const end = lastVisibleEnd(text);
  const start = firstVisible(text);
  if (end - start > 80 || end === start) {
    return false;
  }
  const last = text.charAt(end - 1);
  const first = text.charAt(start);
  return !'.!?…:;,"”»)’'.includes(last) && !'“"«—–-'.includes(first) && text.slice(start, end).split(/\s+/u).length <= 8;
}

/** `**Topic` with no closing marks: a crosshead of the UN noon briefing's plain-text record. */
function isStarCrosshead(text: string): boolean {
  const start = firstVisible(text);
  return text.startsWith('**', start) && !isRegExpSpaceCode(text.charCodeAt(start + 2)) && text.charAt(start + 2) !== '*' &&
    isCrosshead(text.slice(start + 2));
}

/** A paragraph wholly in square brackets (`[Press conference issued separately]`): an editor's note. */
function isEditorialNote(text: string): boolean {
  const start = firstVisible(text);
  const end = lastVisibleEnd(text);
  return text.charAt(start) === '[' && text.charAt(end - 1) === ']' && text.indexOf(']', start) === end - 1;
}

/** A pull quote between exchanges: a paragraph that is one quotation, marks and all, and nothing else. */
function isPullQuote(text: string): boolean {
  const start = firstVisible(text);
  const end = lastVisibleEnd(text);
  const open = text.charAt(start);
  const close = text.charAt(end - 1);
  if (end - start < 3 || !((open === '“' && close === '”') || (open === '"' && close === '"') || (open === '«' && close === '»'))) {
    return false;
  }
  const inner = text.slice(start + 1, end - 1);
  return !inner.includes(open === '"' ? '"' : close) && inner.split(/\s+/u).length <= 60;
}

/** Words that read as a person's or a role's name: 1 to 5 capitalised words (`MR. ODHIAMBO`, `Special Envoy`). */
function isNameLikeLabel(label: string): boolean {
  const words = label.split(/\s+/u);
  return words.length <= 5 && words.every((word) => {
    const first = word.charAt(0);
    return first !== first.toLowerCase() || word.startsWith('[') || /^(?:de|da|du|van|von|al|bin|le|la)$/u.test(word);
  });
}

/**
 * Builds turns over the paragraphs. Paragraphs that belong to no turn (an introduction, a crosshead,
 * text after a separator) are returned so the caller can keep them as plain paragraphs.
 */
export function buildTurns(context: ParseContext, paragraphs: readonly Paragraph[], evidence: InterviewEvidence): { turns: Mutable<Turn>[]; loose: number[] } {
  switch (evidence.style) {
    case 'dash':
      return buildDashTurns(context, paragraphs);
    case 'timecode':
      return buildCaptionTurns(context, paragraphs, evidence);
    default:
      return buildExchanges(context, paragraphs, evidence);
  }
}

/**
 * Labelled turns and unlabelled questions and answers. A usable label starts a turn. Where no label
 * is expected (an interview in unlabelled paragraphs, or after the last label of one labelled only
 * on its first exchange), a paragraph ending in a question mark asks, the one after a question
 * answers, and crossheads and pull quotes stand between exchanges without belonging to either. A
 * statement followed by a `Questions and Answers` heading is one statement turn.
 */
function buildExchanges(context: ParseContext, paragraphs: readonly Paragraph[], evidence: InterviewEvidence): { turns: Mutable<Turn>[]; loose: number[] } {
  const assembly = new TurnAssembly(context);
  const labelled = evidence.style === 'label';
  const usable = (paragraph: Paragraph): Label | null => {
    const label = paragraph.label;
    if (!label) {
      return null;
    }
    const key = label.text.toLowerCase();
    if (nonSpeakerLabels.has(key)) {
      return null;
    }
    return evidence.labels.has(key) || questionLabels.has(key) || answerLabels.has(key) || isBracketedLabel(label.text) ||
      isNumberedQuestionLabel(label.text) || isGuestLabel(label.text) || isNameLikeLabel(label.text) ? label : null;
  };
  let lastLabelled = -1;
  paragraphs.forEach((paragraph, index) => {
    if (usable(paragraph)) {
      lastLabelled = index;
    }
  });
  const headingIndex = paragraphs.findIndex((paragraph) => isQuestionsHeading(context.line(paragraph.line)));
  const firstLabelled = paragraphs.findIndex((paragraph) => usable(paragraph) !== null);
  // A statement before the questions: its paragraphs up to the heading are one turn.
  const statementEnd = headingIndex > 0 && (firstLabelled < 0 || firstLabelled > headingIndex) ? headingIndex : -1;
  let zoneOpen = false;
  let previousLine = -1;
  // Opening remarks under `**Topic` crossheads before the first label (the UN noon briefing).
  let remarksOpen = false;
  paragraphs.forEach((paragraph, index) => {
    const text = context.line(paragraph.line);
    // A separator between two paragraphs ends the interview part (seen in compilations of articles).
    if (previousLine >= 0 && crossesSeparator(context, previousLine, paragraph.line)) {
      assembly.current = null;
      zoneOpen = false;
    }
    previousLine = paragraph.line;
    if (labelled && index < firstLabelled && statementEnd < 0) {
      if (isStarCrosshead(text)) {
        // Each topic is one statement: the crosshead ends the one before.
        remarksOpen = true;
        assembly.skip(paragraph);
        return;
      }
      if (remarksOpen) {
        if (assembly.current) {
          assembly.continue(paragraph);
        } else {
          assembly.start(paragraph, 'statement', 'paragraph', firstVisible(text), null, null);
        }
        return;
      }
    }
    if (index < statementEnd) {
      if (assembly.current) {
        assembly.continue(paragraph);
      } else {
        assembly.start(paragraph, 'statement', 'paragraph', firstVisible(text), null, null);
      }
      return;
    }
    if (index === headingIndex) {
      assembly.skip(paragraph);
      return;
    }
    const label = usable(paragraph);
    // `A. Kuol, the chief …` right after an `A.` answer, with no question between: an initial, and the answer goes on.
    if (label && label.text === 'A' && text.charAt(label.end) === '.' && assembly.current?.speaker === 'A') {
      assembly.continue(paragraph);
      return;
    }
    if (label) {
      zoneOpen = true;
      assembly.start(paragraph, 'statement', 'label', label.textStart, label.text, context.table.range(paragraph.line, label.start, label.end));
      return;
    }
    if (labelled && isEditorialNote(text)) {
      // `[The guest's briefing is issued separately]`: the editor's words, nobody's turn.
      assembly.skip(paragraph);
      return;
    }
    const next = paragraphs[index + 1];
    const unlabelledPart = !labelled || index > lastLabelled;
    if (!zoneOpen) {
      // Unlabelled interviews start with the first question that is answered.
      if (!labelled && paragraph.question && next && !next.question) {
        zoneOpen = true;
      } else {
        assembly.loose.push(paragraph.line);
        return;
      }
    }
    if (unlabelledPart && (isCrosshead(text) || isPullQuote(text)) && next !== undefined) {
      assembly.skip(paragraph);
      return;
    }
    const turn = assembly.current;
    if (unlabelledPart && paragraph.question) {
      assembly.start(paragraph, 'question', 'paragraph', firstVisible(text), null, null);
    } else if (unlabelledPart && turn && turn.role === 'question' && (turn.speaker === null || labelled)) {
      assembly.start(paragraph, 'answer', 'paragraph', firstVisible(text), null, null);
    } else {
      assembly.continue(paragraph);
    }
  });
  const built = assembly.finish();
  assignLabelRoles(built.turns);
  return built;
}

/** Where ` — ` (or ` – `) starts a new speaker inside a paragraph, after a question mark; -1 when nowhere. */
function nextDashReply(text: string, from: number): number {
  for (let dash = from; dash < text.length; dash++) {
    const code = text.charCodeAt(dash);
    if ((code !== 0x2014 && code !== 0x2013) || !isRegExpSpaceCode(text.charCodeAt(dash - 1)) || !isRegExpSpaceCode(text.charCodeAt(dash + 1))) {
      continue;
    }
    if (endsWithQuestion(text.slice(from, dash))) {
      return dash;
    }
  }
  return -1;
}

/**
 * French dash dialogue: the interviewer's questions as paragraphs (usually ending with `?`), each
 * answer opening with `— `. A whole exchange may be run into one paragraph (`— Question ? — Answer`):
 * a dash after a question mark starts the reply.
 */
function buildDashTurns(context: ParseContext, paragraphs: readonly Paragraph[]): { turns: Mutable<Turn>[]; loose: number[] } {
  const assembly = new TurnAssembly(context);
  let zoneOpen = false;
  let previousLine = -1;
  paragraphs.forEach((paragraph, index) => {
    if (previousLine >= 0 && crossesSeparator(context, previousLine, paragraph.line)) {
      assembly.current = null;
      zoneOpen = false;
    }
    previousLine = paragraph.line;
    const next = paragraphs[index + 1];
    const isDash = paragraph.dashTextStart >= 0;
    const nextIsDash = next !== undefined && next.dashTextStart >= 0 && !crossesSeparator(context, paragraph.line, next.line);
    if (!zoneOpen && !isDash && nextIsDash) {
      zoneOpen = true;
    }
    const text = context.line(paragraph.line);
    const turn = assembly.current;
    if (!zoneOpen) {
      assembly.loose.push(paragraph.line);
    } else if (isDash) {
      // `— Question ? — Answer`: the pieces of the line between the dashes take turns.
      let from = paragraph.dashTextStart;
      let rangeStart = firstVisible(text);
      for (let reply = nextDashReply(text, from); reply >= 0; reply = nextDashReply(text, from)) {
        assembly.start(paragraph, 'question', 'dash', from, null, null, lastVisibleEnd(text, reply), rangeStart);
        rangeStart = reply;
        from = firstVisible(text, reply + 1);
      }
      assembly.start(paragraph, 'answer', 'dash', from, null, null, undefined, rangeStart);
    } else if (paragraph.question || nextIsDash) {
      assembly.start(paragraph, 'question', 'paragraph', firstVisible(text), null, null);
    } else if (turn && turn.role === 'question') {
      assembly.start(paragraph, 'answer', 'paragraph', firstVisible(text), null, null);
    } else {
      assembly.continue(paragraph);
    }
  });
  return assembly.finish();
}

/**
 * Timecoded captions. Labelled captions (`01:23 UN News: …`) take turns by label. Unlabelled ones,
 * auto-generated and cut mid-sentence, are one voice until a question: consecutive captions form one
 * turn that keeps the first timecode; a caption ending with `?` is a question of its own, and the
 * captions after it answer until the next question.
 */
function buildCaptionTurns(context: ParseContext, paragraphs: readonly Paragraph[], evidence: InterviewEvidence): { turns: Mutable<Turn>[]; loose: number[] } {
  const assembly = new TurnAssembly(context);
  let answering = false;
  let afterQuestion = false;
  let previousLine = -1;
  for (const paragraph of paragraphs) {
    if (previousLine >= 0 && crossesSeparator(context, previousLine, paragraph.line)) {
      assembly.current = null;
    }
    previousLine = paragraph.line;
    const label = paragraph.label && evidence.labels.has(paragraph.label.text.toLowerCase()) ? paragraph.label : null;
    if (!paragraph.timecode) {
      assembly.continue(paragraph);
      continue;
    }
    if (label) {
      assembly.start(paragraph, 'statement', 'timecode', label.textStart, label.text, context.table.range(paragraph.line, label.start, label.end));
      afterQuestion = false;
      continue;
    }
    const current = assembly.current;
    if (paragraph.question) {
      assembly.start(paragraph, 'question', 'timecode', paragraph.timecode.textStart, null, null);
      answering = true;
      afterQuestion = true;
    } else if (current === null || current.speaker !== null || afterQuestion) {
      assembly.start(paragraph, answering ? 'answer' : 'statement', 'timecode', paragraph.timecode.textStart, null, null);
      afterQuestion = false;
    } else {
      assembly.continue(paragraph, paragraph.timecode.textStart);
    }
  }
  const built = assembly.finish();
  if (evidence.labels.size > 0) {
    assignLabelRoles(built.turns);
  }
  return built;
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
    if (questionLabels.has(label) || isNumberedQuestionLabel(label)) {
      roles.set(label, 'question');
    } else if (answerLabels.has(label)) {
      roles.set(label, 'answer');
    } else if (byLabel.size >= 2 && tally.questions * 2 > tally.total) {
      roles.set(label, 'question');
    }
  }
  const anyQuestion = [...roles.values()].includes('question');
  if (anyQuestion) {
    askBetweenAnswers(turns, byLabel, roles);
  }
  for (const turn of turns) {
    if (turn.speaker === null) {
      continue;
    }
    turn.role = roles.get(turn.speaker.toLowerCase()) ?? (anyQuestion ? 'answer' : 'statement');
  }
}

/**
 * At a press conference with one main answerer, an outlet label that is not a known interviewer
 * (`Radio Miraya:`) and speaks once or twice, each time between two turns of the answerer, asks,
 * even without a question mark. A label with a title or a bracketed name is someone who answers.
 */
function askBetweenAnswers(turns: readonly Mutable<Turn>[], byLabel: ReadonlyMap<string, { total: number; questions: number }>, roles: Map<string, TurnRole>): void {
  let main: string | null = null;
  let mainTotal = 0;
  for (const [label, tally] of byLabel) {
    if (!roles.has(label) && tally.total > mainTotal) {
      main = label;
      mainTotal = tally.total;
    }
  }
  if (main === null || mainTotal < 3) {
    return;
  }
  const between = new Map<string, boolean>();
  turns.forEach((turn, index) => {
    const key = turn.speaker?.toLowerCase();
    // A label that gives a title (`Name, Humanitarian Coordinator, …`) or a bracketed name is a speaker introduced to answer.
    if (key === undefined || key === main || roles.has(key) || (byLabel.get(key)?.total ?? 0) > 2 ||
      isGuestLabel(turn.speaker ?? '') || isBracketedLabel(turn.speaker ?? '')) {
      return;
    }
    const before = turns[index - 1]?.speaker?.toLowerCase();
    const after = turns[index + 1]?.speaker?.toLowerCase();
    between.set(key, (between.get(key) ?? true) && before === main && after === main);
  });
  for (const [label, always] of between) {
    if (always) {
      roles.set(label, 'question');
    }
  }
}

/** Seconds of `MM:SS` or `H:MM:SS`. */
export function timecodeSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}
