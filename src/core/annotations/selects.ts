// The selection as a package: the passages marked "selected", in the order the editor arranged (else
// document order), with their read times and the running total against the story's TRT or a target;
// and the selects sheet that goes to the producer (quote styles, Markdown, CSV, JSON).
import type { QuoteItem } from '../quotes/extract';
import { csvField } from '../quotes/export';
import { formatQuote, validateStyle, type QuoteError, type QuoteStyle, type QuoteStyleOptions } from '../quotes/styles';
import { formatDuration, readSeconds } from '../outline/readTime';
import { formatMessage } from '../messages/format';
import { selectsWording } from '../messages/annotations';
import type { AnnotationStatus } from './sidecar';
import { appendAll } from '../util/arrays';

/** What the package needs of one annotation placed in its transcript. */
export interface PlacedSelect {
  readonly id: string;
  readonly status: AnnotationStatus | null;
  readonly order: number | null;
  /** Where the words are now (offsets); null for a detached annotation, which is never in the package. */
  readonly start: number | null;
  /** The words as they read now (or as stored, for a passage under review). */
  readonly words: string;
  readonly note: string | null;
  readonly tags: readonly string[];
  readonly needsReview: boolean;
}

export interface PackageItem {
  readonly id: string;
  readonly position: number;
  readonly seconds: number;
  /** Seconds from the start of the package to the end of this item. */
  readonly runningSeconds: number;
  readonly select: PlacedSelect;
}

export interface SelectionPackage {
  readonly items: readonly PackageItem[];
  readonly totalSeconds: number;
  /** The target: the editor's, else the story's TRT, else null. */
  readonly targetSeconds: number | null;
  readonly targetFrom: 'editor' | 'trt' | null;
  /** totalSeconds − targetSeconds (negative: time left), null without a target. */
  readonly overSeconds: number | null;
}

/** Arranged items first (by their order), then the rest in document order; detached ones are left out. */
export function orderSelects(selects: readonly PlacedSelect[]): PlacedSelect[] {
  const chosen = selects.filter((select) => select.status === 'selected' && select.start !== null);
  return chosen.sort((a, b) => {
    if (a.order !== null || b.order !== null) {
      if (a.order === null) {
        return 1;
      }
      if (b.order === null) {
        return -1;
      }
      if (a.order !== b.order) {
        return a.order - b.order;
      }
    }
    return (a.start as number) - (b.start as number);
  });
}

export function buildPackage(selects: readonly PlacedSelect[], trtSeconds: number | null, editorTargetSeconds: number | null): SelectionPackage {
  const items: PackageItem[] = [];
  let running = 0;
  for (const select of orderSelects(selects)) {
    const seconds = readSeconds(select.words);
    running += seconds;
    items.push({ id: select.id, position: items.length + 1, seconds, runningSeconds: running, select });
  }
  const targetSeconds = editorTargetSeconds ?? trtSeconds;
  return {
    items,
    totalSeconds: running,
    targetSeconds,
    targetFrom: editorTargetSeconds !== null ? 'editor' : trtSeconds !== null ? 'trt' : null,
    overSeconds: targetSeconds === null ? null : running - targetSeconds,
  };
}

/**
 * The order values that move one item of the package up or down one place (every item gets its
 * position, so that later additions go after the arranged ones). Returns id → order, or null when the
 * move is impossible (first item up, last down, unknown id).
 */
export function reorder(items: readonly PackageItem[], id: string, direction: -1 | 1): Map<string, number> | null {
  const index = items.findIndex((item) => item.id === id);
  const other = index + direction;
  if (index < 0 || other < 0 || other >= items.length) {
    return null;
  }
  const ids = items.map((item) => item.id);
  ids[index] = ids[other] as string;
  ids[other] = id;
  return new Map(ids.map((each, position) => [each, position + 1]));
}

/** One line of the selects sheet: the quote as Copy Quote reads it, with the annotation's note and tags. */
export interface SheetEntry {
  readonly position: number;
  readonly seconds: number;
  readonly runningSeconds: number;
  readonly quote: QuoteItem;
  readonly note: string | null;
  readonly tags: readonly string[];
  readonly needsReview: boolean;
}

export type SheetFormat = 'text' | 'markdown' | 'csv' | 'json';
export const sheetFormats: readonly SheetFormat[] = ['text', 'markdown', 'csv', 'json'];

const csvColumns = [
  'position', 'seconds', 'running', 'quote', 'speaker', 'title', 'source', 'date', 'place', 'restrictions', 'note', 'tags', 'file', 'line', 'shot', 'needsReview', 'formatted',
] as const;

/** The selects sheet in a format; quotes written in the quote style (the text form is what Copy Quote gives). */
export function exportSheet(
  entries: readonly SheetEntry[], format: SheetFormat, style: QuoteStyle | string, options: QuoteStyleOptions = {}, targetSeconds: number | null = null,
): { ok: true; text: string } | { ok: false; error: QuoteError } {
  const valid = validateStyle(style);
  if (!valid.ok) {
    return valid;
  }
  const formatted = (entry: SheetEntry): string => {
    const result = formatQuote(entry.quote, style, options);
    return result.ok ? result.text : entry.quote.text;
  };
  const total = entries.length === 0 ? 0 : (entries[entries.length - 1] as SheetEntry).runningSeconds;
  switch (format) {
    case 'json':
      return {
        ok: true,
        text: `${JSON.stringify({
          totalSeconds: total,
          targetSeconds,
          selects: entries.map((entry) => ({
            position: entry.position, seconds: entry.seconds, runningSeconds: entry.runningSeconds,
            ...entry.quote, note: entry.note, tags: entry.tags, needsReview: entry.needsReview, formatted: formatted(entry),
          })),
        }, null, 2)}\n`,
      };
    case 'csv': {
      const rows: string[][] = [csvColumns.slice()];
      for (const entry of entries) {
        const q = entry.quote;
        const cells: Record<(typeof csvColumns)[number], string> = {
          position: String(entry.position), seconds: String(entry.seconds), running: formatDuration(entry.runningSeconds), quote: q.text,
          speaker: q.speaker ?? '', title: q.title ?? '', source: q.source ?? '', date: q.date ?? '', place: q.place ?? '',
          restrictions: q.restrictions ?? '', note: entry.note ?? '', tags: entry.tags.join(' '), file: q.file, line: String(q.line),
          shot: q.shot === null ? '' : String(q.shot), needsReview: entry.needsReview ? 'yes' : '', formatted: formatted(entry),
        };
        rows.push(csvColumns.map((column) => cells[column]));
      }
      return { ok: true, text: rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n' };
    }
    case 'markdown': {
      const out: string[] = [`# ${selectsWording.sheetTitle}`, '', totalLine(total, targetSeconds)];
      for (const entry of entries) {
        const q = entry.quote;
        out.push('', `## ${entry.position}. ${formatDuration(entry.seconds)} (${formatDuration(entry.runningSeconds)})${entry.needsReview ? ` ${selectsWording.needsReview}` : ''}`, '');
        const body = formatted(entry).split('\n');
        appendAll(out, body.map((line, index) => (index < body.length - 1 && line !== '' && style !== 'markdown' ? `${line}  ` : line)));
        const facts = [
          q.source !== null ? formatMessage(selectsWording.source, { source: q.source }) : null,
          q.date !== null || q.place !== null ? formatMessage(selectsWording.dateline, { dateline: [q.place, q.date].filter((part) => part !== null).join(', ') }) : null,
          q.restrictions !== null ? formatMessage(selectsWording.restrictions, { restrictions: q.restrictions }) : null,
          formatMessage(selectsWording.location, { file: q.file, line: q.line }),
        ].filter((fact): fact is string => fact !== null);
        out.push('', `*${facts.join(' · ')}*`);
        if (entry.tags.length > 0) {
          out.push('', entry.tags.map((tag) => `\`#${tag}\``).join(' '));
        }
        if (entry.note !== null && entry.note.trim() !== '') {
          out.push('');
          appendAll(out, entry.note.split('\n').map((line) => `> ${line}`));
        }
      }
      return { ok: true, text: `${out.join('\n')}\n` };
    }
    case 'text': {
      const blocks = entries.map((entry) => {
        const lines = [`${entry.position}. [${formatDuration(entry.seconds)}]${entry.needsReview ? ` ${selectsWording.needsReview}` : ''}`, formatted(entry)];
        if (entry.tags.length > 0) {
          lines.push(entry.tags.map((tag) => `#${tag}`).join(' '));
        }
        if (entry.note !== null && entry.note.trim() !== '') {
          lines.push(formatMessage(selectsWording.note, { note: entry.note }));
        }
        return lines.join('\n');
      });
      return { ok: true, text: `${[totalLine(total, targetSeconds), ...blocks].join('\n\n')}\n` };
    }
  }
}

function totalLine(total: number, target: number | null): string {
  return target === null
    ? formatMessage(selectsWording.total, { total: formatDuration(total) })
    : formatMessage(selectsWording.totalOfTarget, { total: formatDuration(total), target: formatDuration(target) });
}
