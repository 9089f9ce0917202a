// The first parse of a long file in steps of bounded size, so that a caller on a busy thread (the
// extension host) can let other work run between them. The result equals the one-call parse.
//
// An archive of shot lists is a run of stories that parse alone (store/segments.ts), and a re-parse
// re-reads only the stories an edit touched (reparse.ts). So the text is read as a growing prefix: the
// first chunk is parsed, then each next chunk is "typed" at the end of the prefix and the prefix
// re-parsed from the previous one, which re-reads only its last story and the new chunk. Every prefix
// ends right after a line break. Then, still in steps, the records of each list are built story run by
// story run, so that reading the document's lists afterwards only gathers arrays.
//
// Callers let the event loop turn between steps (setImmediate or a timer), not only other work: the
// steps build about 150 MB of model for a 50 MB archive, and V8 marks that heap incrementally in
// tasks of the event loop. Steps run back to back in one task end in atomic collections of 60-100 ms.
//
// Not sliced (one call of the ordinary parser): Markdown, interviews and prose, and a flattened shot
// list (none of them splits into segments). A story longer than a chunk is read in steps that double
// with it, so the whole stays linear: the work of all steps is at most a few times the text.
import { cutAfterLineBreak, prefixOf, wholeText, type TextSource } from '../text/chunkedText';
import type { TranscriptDocument } from '../model';
import { parseTranscript } from './lines';
import { rebuildSegments } from './reparse';
import { gatherListSteps, segmentationOf, segmentStart, type PlacedSegment } from './store/segments';
import type { ShotlistStore } from './store/shotlistStore';
import { runToEnd } from '../util/steps';

/** About a few milliseconds of parsing on an ordinary machine. */
export const defaultStepChars = 256 * 1024;

/** A prefix this long that is not a shot list is taken not to become one (however small the chunk). */
const formatShownWithin = 4096;

/** Characters a step reads for each story it walks (numbering one costs about what parsing a few characters does). */
const charsPerStoryWalked = 4;

export interface StepOptions {
  /** How many characters of text one step reads, about (it ends at a line break; a story longer than that is read whole). */
  readonly chunkChars?: number;
}

/** Told, after each step of the parse proper, how many characters that step parsed (tests count them). */
export type StepMeter = (parsedChars: number) => void;

/**
 * The line-oriented parse of `text` in steps: yields between units of work of about `chunkChars`
 * characters, returns what parseTranscript(text) returns (re-parseable after an edit the same way).
 */
export function* parseTranscriptInSteps(text: TextSource, options: StepOptions = {}, meter?: StepMeter): Generator<void, TranscriptDocument, void> {
  const chunk = stepSize(options.chunkChars);
  let document: TranscriptDocument;
  try {
    document = yield* parsePrefixes(text, chunk, meter);
  } catch {
    // Parsing never throws; should a step ever fail, the text is read in one call rather than lost.
    meter?.(text.length);
    return parseTranscript(wholeText(text));
  }
  yield* warmLists(document, chunk);
  return document;
}

/** How much of a long text is read at most to tell an archive of shot lists from the rest. */
const probeChars = 32 * 1024;

/** The first prefix read: code the engine has not compiled yet parses a few KB in tens of milliseconds. */
const firstProbeChars = 1024;

/**
 * Whether parseTranscriptInSteps reads `text` in short steps: an archive of shot lists whose first two
 * stories begin within its first 32 KB. Anything else (an interview, prose, a shot list that is one
 * long story or has been flattened) it parses in one call as long as the text: half a second for a
 * 10 MB interview. A caller with another thread sends such a text there. In steps: prefixes from 1 KB,
 * doubling, until two stories show (an archive's stories are a few KB each); a line longer than 32 KB
 * within them answers no at once.
 */
export function* splitsIntoStoriesSteps(text: TextSource): Generator<void, boolean, void> {
  for (let size = firstProbeChars; ; size *= 2) {
    const wanted = Math.min(size, probeChars);
    // The line break after `wanted` is looked for within 32 KB: a longer line is no archive's (a shot
    // list flattened onto one line, a pasted blob), and the cut must not be the whole of a 50 MB line.
    const window = prefixOf(text, wanted + probeChars);
    const end = cutAfterLineBreak(window, wanted);
    const endsLine = end > 0 && (window.slice(end - 1, end) === '\n' || window.slice(end - 1, end) === '\r');
    if (end === window.length && end < text.length && !endsLine) {
      return false;
    }
    const document = parseTranscript(wholeText(prefixOf(text, end)));
    if ((segmentationOf(document)?.segments.length ?? 0) >= 2) {
      return true;
    }
    if (size >= probeChars || end >= text.length) {
      return false;
    }
    yield;
  }
}

/** splitsIntoStoriesSteps in one call. */
export function splitsIntoStories(text: TextSource): boolean {
  return runToEnd(splitsIntoStoriesSteps(text));
}

function stepSize(requested: number | undefined): number {
  return requested !== undefined && Number.isFinite(requested) && requested >= 1 ? Math.floor(requested) : defaultStepChars;
}

function* parsePrefixes(text: TextSource, chunk: number, meter: StepMeter | undefined): Generator<void, TranscriptDocument, void> {
  // The first steps run code the engine has not compiled or optimised yet (the first file opened): they
  // start at a 64th of the chunk and double up to it. An eighth (8 KB of a first reading) took 32 ms cold.
  let size = Math.max(1, chunk >> 6);
  let end = cutAfterLineBreak(text, size);
  // Slices of the one text, not copies: the document keeps that text anyway.
  let document = parseTranscript(text.slice(0, end));
  meter?.(end);
  while (end < text.length) {
    yield;
    const segments = segmentationOf(document)?.segments;
    if (!segments && end >= Math.max(chunk, formatShownWithin)) {
      // A whole chunk and still not an archive of shot lists (or a flattened one): nothing to slice by.
      meter?.(text.length);
      return parseTranscript(wholeText(text));
    }
    // The last story is read again with the next chunk; a story that outgrows the chunk sets the
    // step's size, so that a giant story costs a few times its length in all, not its square.
    const lastStart = segments ? segmentStart(segments[segments.length - 1] as PlacedSegment) : 0;
    size = Math.min(chunk, size * 2);
    // Each re-parse also walks the list of stories (to number them), so a step reads at least a few
    // characters per story so far: in an archive of hundreds of thousands of stories that walk would
    // otherwise outweigh the chunk, and the steps together grow with the square of the text.
    const walked = (segments?.length ?? 0) * charsPerStoryWalked;
    const next = cutAfterLineBreak(text, end + Math.max(size, end - lastStart, walked));
    // A slice of a string; a view of a text kept in pieces (the pieces are joined only where read).
    const prefix = prefixOf(text, next);
    if (!segments || segments.length < 2) {
      // Too short to show its format yet, or one story so far (a re-parse would read it all anyway).
      document = parseTranscript(wholeText(prefix));
      meter?.(next);
    } else {
      const rebuilt = rebuildSegments(document, prefix, { start: end, oldEnd: end, newEnd: next }, { detach: false });
      if (rebuilt === null) {
        meter?.(text.length);
        return parseTranscript(wholeText(text));
      }
      meter?.(next - firstRebuiltStart(segments, rebuilt));
      document = rebuilt;
    }
    end = next;
  }
  return document;
}

/** Where the re-parse that made `rebuilt` from `segments` started reading (the first segment it did not keep). */
function firstRebuiltStart(segments: readonly PlacedSegment[], rebuilt: TranscriptDocument): number {
  const now = segmentationOf(rebuilt)?.segments ?? [];
  let kept = Math.min(segments.length, now.length);
  // The kept segments are the same objects; the re-read ones are new. Usually only the last differs.
  while (kept > 0 && now[kept - 1] !== segments[kept - 1]) {
    kept--;
  }
  const first = now[kept];
  return first ? segmentStart(first) : 0;
}

/**
 * Builds the records of every list, one parse's store at a time (a store holds the stories one step
 * read), then gathers each list of the document, a few thousand elements per step. Reading a list
 * afterwards costs nothing more. Not the blocks (document.blocks): no feature reads them, and an archive's blocks are
 * several hundred thousand objects that the garbage collector would copy while the reading goes on;
 * a first read covers them story by story then (store/segments.ts).
 */
function* warmLists(document: TranscriptDocument, chunk: number): Generator<void, void, void> {
  const segments = segmentationOf(document)?.segments;
  if (!segments) {
    return;
  }
  let previous: ShotlistStore | undefined;
  let read = 0;
  for (const placed of segments) {
    const { parts, context } = placed;
    const store = parts.store;
    if (store === previous) {
      continue;
    }
    previous = store;
    store.headers();
    store.headings();
    store.sections();
    store.shots();
    store.soundbites();
    store.stories();
    read += context.table.text.length;
    if (read >= chunk) {
      read = 0;
      yield;
    }
  }
  yield* gatherListSteps(document);
}
