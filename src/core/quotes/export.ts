// Quote sheets: many quotes at once as text, Markdown, CSV (RFC 4180) or JSON.
import { formatMessage } from '../messages/format';
import type { QuoteItem } from './extract';
import { quoteWording } from '../messages/quotes';
import { formatQuote, templateFields, validateStyle, type QuoteError, type QuoteStyle, type QuoteStyleOptions } from './styles';
import { runToEnd, StepBudget, type Steps } from '../util/steps';

export type QuoteExportFormat = 'text' | 'markdown' | 'csv' | 'json';

/**
 * A quote sheet. `text`: each quote in the style, separated by a blank line. `markdown`: a `# Quotes` title,
 * a `##` heading per story (or file), each quote in the style followed by its file, line and shot in italics.
 * `csv`: a header row of the item fields plus `formatted` (the quote in the style), CRLF line ends, fields
 * with commas, quotes or line breaks quoted. `json`: the items as a JSON array. An invalid style or template
 * gives its error and no sheet.
 */
export function exportQuotes(
  items: readonly QuoteItem[], format: QuoteExportFormat, style: QuoteStyle | string, options: QuoteStyleOptions = {},
): { ok: true; text: string } | { ok: false; error: QuoteError } {
  return runToEnd(exportQuotesSteps(items, format, style, options));
}

/** Quotes formatted between two chances to yield: a 50 MB archive's sheet is 58,000 of them (about 400 ms in one call). */
const quotesPerStep = 250;

/** exportQuotes() in steps; the sheet is the same text. */
export function* exportQuotesSteps(
  items: readonly QuoteItem[], format: QuoteExportFormat, style: QuoteStyle | string, options: QuoteStyleOptions = {},
): Steps<{ ok: true; text: string } | { ok: false; error: QuoteError }> {
  const valid = validateStyle(style);
  if (!valid.ok) {
    return valid;
  }
  const formatted = (item: QuoteItem): string => {
    const result = formatQuote(item, style, options);
    return result.ok ? result.text : '';
  };
  const budget = new StepBudget(quotesPerStep);
  switch (format) {
    case 'json': {
      // What JSON.stringify(items, null, 2) writes, an item at a time: each item's lines indented once more.
      if (items.length === 0) {
        return { ok: true, text: '[]' };
      }
      const parts = new JoinedParts(',\n  ');
      for (const item of items) {
        if (budget.spend()) {
          parts.seal();
          yield;
        }
        parts.push(JSON.stringify(item, null, 2).replace(/\n/g, '\n  '));
      }
      return { ok: true, text: `[\n  ${parts.text()}\n]` };
    }
    case 'csv': {
      const columns = [...templateFields.filter((name) => name !== 'quote'), 'formatted'];
      const rows = new JoinedParts('\r\n');
      rows.push(['quote', ...columns].map(csvField).join(','));
      for (const item of items) {
        if (budget.spend()) {
          rows.seal();
          yield;
        }
        rows.push([item.text, ...columns.map((name) => {
          if (name === 'formatted') {
            return formatted(item);
          }
          const value = item[name as keyof QuoteItem];
          return value === null ? '' : String(value);
        })].map(csvField).join(','));
      }
      return { ok: true, text: rows.text() + '\r\n' };
    }
    case 'markdown': {
      const out = new JoinedParts('\n');
      out.push(`# ${quoteWording.sheetTitle}`);
      let group: string | null = null;
      for (const item of items) {
        if (budget.spend()) {
          out.seal();
          yield;
        }
        const heading = item.story ?? item.file;
        if (heading !== group) {
          out.push('', `## ${heading}`);
          group = heading;
        }
        const body = formatted(item).split('\n');
        // Outside the markdown style, keep the style's lines apart with hard line breaks.
        const lines = style === 'markdown' ? body : body.map((line, index) => (index < body.length - 1 && line !== '' ? `${line}  ` : line));
        out.push('');
        for (const line of lines) {
          out.push(line);
        }
        out.push('', `*${formatMessage(quoteWording.sheetLocation, {
          file: item.file, line: item.line, shot: item.shot !== null ? formatMessage(quoteWording.sheetShot, { shot: item.shot }) : '',
        })}*`);
      }
      return { ok: true, text: `${out.text()}\n` };
    }
    case 'text': {
      const quotes = new JoinedParts('\n\n');
      for (const item of items) {
        if (budget.spend()) {
          quotes.seal();
          yield;
        }
        quotes.push(formatted(item));
      }
      return { ok: true, text: quotes.text() };
    }
  }
}

/**
 * Parts of a sheet joined by a separator, a step's worth at a time (seal): joining 58,000 parts in the
 * last step took 200-300 ms; joining the steps' blocks at the end costs about half.
 */
class JoinedParts {
  readonly #blocks: string[] = [];
  #parts: string[] = [];

  constructor(private readonly separator: string) {}

  push(...parts: string[]): void {
    for (const part of parts) {
      this.#parts.push(part);
    }
  }

  seal(): void {
    if (this.#parts.length > 0) {
      this.#blocks.push(this.#parts.join(this.separator));
      this.#parts = [];
    }
  }

  text(): string {
    this.seal();
    return this.#blocks.join(this.separator);
  }
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a double quote or a line break; inner quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
