// Content detection: is a plain-text document a UNifeed shot list or an interview transcript?
// The extension asks this when a `.txt` file opens (web copies start with a title, so the first line
// alone says nothing). Cheap: only the head of the text is read (detectionHeadLines lines, at most
// detectionHeadLength characters). Conservative: ordinary prose, notes, READMEs, letters and tables
// must stay plain text, so every rule asks for structure a human would also call a transcript.
import { parseTranscript } from '../parse';
import type { TranscriptDocument, Turn } from '../model';
import { nonSpeakerLabels } from '../parse/lexicon';
import { endsWithQuestion } from '../text/words';

/** Lines of the head that detection reads. */
export const detectionHeadLines = 200;
/** Characters (UTF-16 code units, about 64 KB) of the head that detection reads. */
export const detectionHeadLength = 64 * 1024;
/** A shot-list header must start within this many lines (web copies put a title and chrome above it). */
export const headerSearchLines = 40;

/** Why the text is, or is not, a transcript: a stable code, never a sentence. */
export type DetectionReason =
  /** A header block with at least two UNifeed header fields (STORY, TRT, DATELINE…) near the top. */
  | 'shotlist-header'
  /** A numbered `N. SOUNDBITE` line. */
  | 'shotlist-soundbite'
  /** Numbered shots with shot types (`1. Wide shot, …`) under a FILE/RECENT/dateline section. */
  | 'shotlist-shots'
  /** Labelled turns that alternate between speakers (`UN News:` / `Lacroix:`, `Q:` / `A:`). */
  | 'interview-labels'
  /** Dash answers (`— `) after question paragraphs. */
  | 'interview-dashes'
  /** Timecoded captions (`01:23 text`) on most paragraphs. */
  | 'interview-timecodes'
  /** Unlabelled question and answer paragraphs, in a text that calls itself an interview. */
  | 'interview-questions'
  /** Nothing but white space. */
  | 'empty'
  /** NUL characters: not a text document. */
  | 'binary'
  /** The parser found some shot-list structure, but too little to be sure. */
  | 'weak-shotlist'
  /** The parser found some interview structure, but too little to be sure. */
  | 'weak-interview'
  /** Prose or unstructured text. */
  | 'no-structure';

export interface DetectionResult {
  readonly isTranscript: boolean;
  readonly format: 'shotlist' | 'interview' | null;
  readonly reason: DetectionReason;
}

/** The six header fields of a UNifeed shot list, under their canonical and variant names. */
const coreHeaderFields: ReadonlyMap<string, string> = new Map([
  ['STORY', 'STORY'], ['TRT', 'TRT'], ['SOURCE', 'SOURCE'], ['SOURCES', 'SOURCE'], ['RESTRICTIONS', 'RESTRICTIONS'],
  ['RESTRICTION', 'RESTRICTIONS'], ['LANGUAGES', 'LANGUAGES'], ['LANGUAGE', 'LANGUAGES'], ['DATELINE', 'DATELINE'],
]);
/** Fields that only a shot list carries; SOURCE and LANGUAGE alone also head memos and forms. */
const distinctiveHeaderFields: ReadonlySet<string> = new Set(['STORY', 'TRT', 'DATELINE', 'RESTRICTIONS']);

/** Labels that by themselves mark the two sides of an interview. */
const questionSideLabels: ReadonlySet<string> = new Set(['q', 'question', 'questions']);
const answerSideLabels: ReadonlySet<string> = new Set(['a', 'answer', 'r', 'réponse', 'reponse']);

/** Words by which a web copy of an interview introduces itself, in its first lines. */
const interviewCuePattern =
  /\b(?:interview(?:s|ed)?|entretien|entrevista|intervista|propos recueillis|q\s*&\s*a|questions?\s+(?:and|&)\s+answers?)\b/iu;
/** Non-blank lines at the top of the text where the interview cue is looked for. */
const cueSearchLines = 12;

/** Shot types that are not also the first word of an instruction (`Close the door`, `Top up`). */
const shotTypeShape = /(?:^|[\s-])(?:shots?|close[\s-]?ups?|angle|cutaways?)$|^(?:aerials?|cutaways?|upsound|natsot|nats|stills|graphics)$/iu;

/**
 * Decides from the head of `text` whether it is a transcript. Pure and cheap: no I/O, at most
 * `detectionHeadLength` characters and `detectionHeadLines` lines are read.
 */
export function detectTranscript(text: string): DetectionResult {
  const head = sliceHead(text);
  if (head.trim().length === 0) {
    return negative('empty');
  }
  if (head.includes('\u0000')) {
    return negative('binary');
  }
  const document = parseTranscript(head);
  switch (document.format) {
    case 'shotlist':
      return shotlistEvidence(document) ?? negative('weak-shotlist');
    case 'interview':
      return interviewEvidence(document, head) ?? negative('weak-interview');
    default:
      return negative('no-structure');
  }
}

/** The first lines of the text, cut at a line end; a single over-long first line is cut as is. */
export function sliceHead(text: string): string {
  let head = text.length > detectionHeadLength ? text.slice(0, detectionHeadLength) : text;
  if (head.length < text.length) {
    const lastBreak = head.lastIndexOf('\n');
    if (lastBreak > 0) {
      head = head.slice(0, lastBreak);
    }
  }
  let index = -1;
  for (let line = 0; line < detectionHeadLines; line++) {
    index = head.indexOf('\n', index + 1);
    if (index < 0) {
      return head;
    }
  }
  return head.slice(0, index);
}

function negative(reason: DetectionReason): DetectionResult {
  return { isTranscript: false, format: null, reason };
}

function shotlistEvidence(document: TranscriptDocument): DetectionResult | null {
  for (const header of document.headers) {
    if (header.range.start.line >= headerSearchLines) {
      break;
    }
    const fields = new Set<string>();
    for (const field of header.fields) {
      const canonical = coreHeaderFields.get(field.name);
      if (canonical) {
        fields.add(canonical);
      }
    }
    if (fields.size >= 2 && [...fields].some((field) => distinctiveHeaderFields.has(field))) {
      return { isTranscript: true, format: 'shotlist', reason: 'shotlist-header' };
    }
  }
  // `3. SOUNDBITE (English) Name, title:`: numbered, and the keyword in capitals as newsrooms write it.
  if (document.shots.some((shot) => shot.soundbiteIndex !== null && shot.number !== null && /^SOUND ?BITES?\b/u.test(shot.text))) {
    return { isTranscript: true, format: 'shotlist', reason: 'shotlist-soundbite' };
  }
  const typed = document.shots.filter((shot) => shot.number !== null && shot.shotType !== null && shotTypeShape.test(shot.shotType));
  const namedShots = typed.filter((shot) => /shots?$/iu.test(shot.shotType ?? '')).length;
  if (typed.length >= 3 && (document.sections.length > 0 || namedShots >= 2)) {
    return { isTranscript: true, format: 'shotlist', reason: 'shotlist-shots' };
  }
  return null;
}

function interviewEvidence(document: TranscriptDocument, head: string): DetectionResult | null {
  const turns = document.turns;
  if (labelledTurnsAlternate(turns.filter((turn) => turn.style === 'label' && turn.speaker !== null))) {
    return { isTranscript: true, format: 'interview', reason: 'interview-labels' };
  }
  const count = (style: Turn['style'], role?: Turn['role']): number =>
    turns.filter((turn) => turn.style === style && (role === undefined || turn.role === role)).length;
  const questions = turns.filter((turn) => turn.role === 'question').length;
  if (count('dash', 'answer') >= 2 && questions >= 2) {
    return { isTranscript: true, format: 'interview', reason: 'interview-dashes' };
  }
  const timecoded = count('timecode');
  if (timecoded >= 3 && timecoded * 2 >= turns.length) {
    return { isTranscript: true, format: 'interview', reason: 'interview-timecodes' };
  }
  // Questions each followed by an answer are also an FAQ or an essay's rhetorical questions: only a
  // text that says it is an interview (in its title or lead) counts.
  const answers = turns.filter((turn) => turn.style === 'paragraph' && turn.role === 'answer').length;
  if (count('paragraph', 'question') >= 2 && answers >= 2 && callsItselfAnInterview(head)) {
    return { isTranscript: true, format: 'interview', reason: 'interview-questions' };
  }
  return null;
}

/**
 * Labelled turns read as an interview when at least two real speakers take turns (A, B, A), or when
 * `Q:` and `A:` both appear. The same label repeated (`Note:` … `Note:`) is a list, not a dialogue.
 */
function labelledTurnsAlternate(turns: readonly Turn[]): boolean {
  const speakers = turns
    .map((turn) => (turn.speaker ?? '').toLowerCase().replace(/\s+/gu, ' ').trim())
    .filter((speaker) => speaker.length > 0 && !nonSpeakerLabels.has(speaker));
  const distinct = new Set(speakers);
  if ([...distinct].some((label) => questionSideLabels.has(label)) && [...distinct].some((label) => answerSideLabels.has(label))) {
    return true;
  }
  // One clear exchange is enough (an editor often pastes an excerpt): a labelled question, ending with
  // a question mark, answered by another speaker.
  const speakerOf = (turn: Turn): string => (turn.speaker ?? '').toLowerCase().replace(/\s+/gu, ' ').trim();
  for (let index = 0; index + 1 < turns.length; index++) {
    const question = turns[index] as Turn;
    const answer = turns[index + 1] as Turn;
    const asker = speakerOf(question);
    const answerer = speakerOf(answer);
    if (question.role === 'question' && answer.role === 'answer' && endsWithQuestion(question.text) && asker !== answerer &&
      !nonSpeakerLabels.has(asker) && !nonSpeakerLabels.has(answerer)) {
      return true;
    }
  }
  let changes = 0;
  for (let index = 1; index < speakers.length; index++) {
    if (speakers[index] !== speakers[index - 1]) {
      changes++;
    }
  }
  return distinct.size >= 2 && speakers.length >= 3 && changes >= 2;
}

function callsItselfAnInterview(head: string): boolean {
  let seen = 0;
  for (const line of head.split('\n')) {
    if (line.trim().length === 0) {
      continue;
    }
    if (interviewCuePattern.test(line)) {
      return true;
    }
    if (++seen >= cueSearchLines) {
      return false;
    }
  }
  return false;
}

/**
 * Whether a `files.associations` key matches a file, as VS Code applies it: a pattern containing `/`
 * matches the whole path, any other pattern matches the file name; both case-insensitively.
 * Glob syntax: `*`, `?`, `**`, `{a,b}`, `[a-z]`, `[!a-z]`.
 */
export function matchesAssociationPattern(path: string, pattern: string): boolean {
  const normalisedPath = path.replace(/\\/gu, '/');
  const normalisedPattern = pattern.replace(/\\/gu, '/');
  const subject = normalisedPattern.includes('/') ? normalisedPath : normalisedPath.slice(normalisedPath.lastIndexOf('/') + 1);
  try {
    return new RegExp(`^${globToRegExpSource(normalisedPattern)}$`, 'iu').test(subject);
  } catch {
    return false; // an unbalanced bracket in a user's pattern matches nothing, as in VS Code
  }
}

function globToRegExpSource(glob: string): string {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const character = glob.charAt(index);
    if (character === '*') {
      if (glob.charAt(index + 1) === '*') {
        index++;
        if (glob.charAt(index + 1) === '/') {
          index++;
          source += '(?:[^/]*/)*'; // `**/`: any number of whole segments, none included
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (character === '?') {
      source += '[^/]';
    } else if (character === '{') {
      const close = glob.indexOf('}', index);
      if (close < 0) {
        source += '\\{';
        continue;
      }
      const alternatives = glob.slice(index + 1, close).split(',').map(globToRegExpSource);
      source += `(?:${alternatives.join('|')})`;
      index = close;
    } else if (character === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      const body = glob.slice(index + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      const members = (negated ? body.slice(1) : body).replace(/[\\\]^]/gu, (c) => `\\${c}`);
      source += `[${negated ? '^' : ''}${members}]`;
      index = close;
    } else {
      source += character.replace(/[.*+?^${}()|[\]\\/]/gu, (c) => `\\${c}`);
    }
  }
  return source;
}
