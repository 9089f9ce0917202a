// Annotations read from a sidecar and found again in the transcript as it is now, as the CLI reports
// them (`notes`) and as the selects sheet needs them (`selects`): nothing is written.
import type { TranscriptDocument } from '../model';
import { quoteAt, type QuoteItem } from '../quotes/extract';
import { AnnotationText, placementOf } from './placement';
import { buildPackage, type PlacedSelect, type SelectionPackage, type SheetEntry } from './selects';
import type { Annotation, AnnotationStatus } from './sidecar';
import type { ResolveReason } from './anchor';

export interface NoteReport {
  readonly id: string;
  readonly status: AnnotationStatus | null;
  readonly tags: readonly string[];
  readonly note: string | null;
  /** 1-based line where the words are now; for an orphaned annotation, the line stored in the sidecar. */
  readonly line: number;
  /** The words as they read now; for an orphaned annotation, as stored. */
  readonly text: string;
  /** Its words are gone from the transcript (detached). */
  readonly orphaned?: true;
  /** Placed at a best guess: check it. */
  readonly review?: true;
  readonly reason?: ResolveReason;
}

interface Placed {
  readonly annotation: Annotation;
  readonly start: number | null;
  readonly end: number;
  readonly report: NoteReport;
}

function place(text: string, document: TranscriptDocument, annotations: readonly Annotation[]): Placed[] {
  const placement = new AnnotationText(text, document);
  return annotations.map((annotation) => {
    const resolution = placement.resolve(annotation.anchor);
    const shown = placementOf(resolution);
    const base = { id: annotation.id, status: annotation.status, tags: annotation.tags, note: annotation.note };
    if (shown === 'none') {
      return {
        annotation, start: null, end: 0,
        report: { ...base, line: annotation.anchor.line, text: annotation.anchor.text, orphaned: true, reason: resolution.reason },
      };
    }
    return {
      annotation, start: resolution.start, end: resolution.end,
      report: {
        ...base, line: resolution.line, text: text.slice(resolution.start, resolution.end),
        ...(shown === 'review' ? { review: true as const, reason: resolution.reason } : {}),
      },
    };
  });
}

/** Every annotation with where it is now, in sidecar order. */
export function reportNotes(text: string, document: TranscriptDocument, annotations: readonly Annotation[]): NoteReport[] {
  return place(text, document, annotations).map((placed) => placed.report);
}

/** The package of the file and its sheet entries (quotes with attribution, read times, note, tags). */
export function selectsOf(
  text: string, document: TranscriptDocument, annotations: readonly Annotation[], file: string, targetSeconds: number | null,
): { package: SelectionPackage; entries: SheetEntry[] } {
  const placed = place(text, document, annotations);
  const selects: PlacedSelect[] = placed.map((each) => ({
    id: each.annotation.id, status: each.annotation.status, order: each.annotation.order, start: each.start,
    words: each.start === null ? each.annotation.anchor.text : text.slice(each.start, each.end),
    note: each.annotation.note, tags: each.annotation.tags, needsReview: each.report.review === true,
  }));
  const trt = document.headers.find((header) => header.trtSeconds !== null)?.trtSeconds ?? null;
  const pack = buildPackage(selects, trt, targetSeconds);
  const ranges = new Map(placed.filter((each) => each.start !== null).map((each) => [each.annotation.id, { start: each.start as number, end: each.end }]));
  const entries = sheetEntries(pack, ranges, document, text, file);
  return { package: pack, entries };
}

/** The sheet entries of a package: each passage as Copy Quote reads it (with attribution), or as plain words outside any soundbite or turn. */
export function sheetEntries(
  pack: SelectionPackage, ranges: ReadonlyMap<string, { start: number; end: number }>, document: TranscriptDocument, text: string, file: string,
): SheetEntry[] {
  const placement = new AnnotationText(text, document);
  return pack.items.map((item): SheetEntry => {
    const range = ranges.get(item.id) ?? { start: item.select.start ?? 0, end: item.select.start ?? 0 };
    const quote: QuoteItem = quoteAt(document, text, range, file) ?? {
      text: item.select.words.replace(/\s+/gu, ' ').trim(), speaker: null, title: null, language: null, translatedFrom: null, shot: null,
      date: null, place: null, source: null, story: null, restrictions: null, file, line: placement.lineOf(range.start), kind: 'quote',
    };
    return { position: item.position, seconds: item.seconds, runningSeconds: item.runningSeconds, quote, note: item.select.note, tags: item.select.tags, needsReview: item.select.needsReview };
  });
}
