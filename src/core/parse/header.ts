// Header blocks of a shot list: `FIELD: value` lines, with TRT, LANGUAGES and DATELINE read.
import { LineClass, readField } from './classify';
import type { ParseContext } from './context';
import { parseDateline, type ParsedDateline } from './dateline';
import { canonicalHeaderField, requiredHeaderFields } from './lexicon';
import type { Dateline, DatedPlace, Header, HeaderField, TextRange } from '../model';
import { isRegExpSpaceCode, lastVisibleEnd } from '../text/whitespace';
import { splitList } from '../text/words';

/** The last line of the header block starting at `line`, or -1 when no header block starts there. */
export function headerBlockEnd(context: ParseContext, line: number, requireTwoKnown: boolean): number {
  if (context.classes[line] !== LineClass.Field) {
    return -1;
  }
  // The run of field and blank lines from here, measured once for the whole parse (context.headerRun).
  const run = context.headerRun(line);
  return run.known >= (requireTwoKnown ? 2 : 1) ? run.lastField : -1;
}

/** Running time in seconds from `07:37`, `2.31`, `2:40”`, `1:02:03` or `90 seconds`; null when unreadable. */
export function parseRunningTime(value: string): number | null {
  const text = withoutTimeUnit(value.trim()).trim();
  const clock = /^(?:(\d{1,2}):)?(\d{1,3})[:.](\d{1,2})$/u.exec(text);
  if (clock) {
    const hours = Number(clock[1] ?? 0);
    const minutes = Number(clock[2]);
    const seconds = Number(clock[3]);
    return seconds < 60 ? hours * 3600 + minutes * 60 + seconds : null;
  }
  const secondsOnly = /^(\d{1,5})\s*(?:s|secs?|seconds?)$/iu.exec(text);
  if (secondsOnly) {
    return Number(secondsOnly[1]);
  }
  const primes = /^(\d{1,3})['’′]\s*(\d{1,2})$/u.exec(text);
  if (primes) {
    return Number(primes[1]) * 60 + Number(primes[2]);
  }
  return null;
}

/** LANGUAGES values are split on slashes and commas. */
export function isLanguageListSeparator(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code === 0x2f || code === 0x2c ? 1 : 0;
}

/** Seconds marks and minute words a running time may end with (`2:40”`, `4 mins`), lower case. */
const timeUnits = ['minutes', 'minute', 'mins.', 'mins', 'min.', 'min'];

function isSecondsMark(code: number): boolean {
  return code === 0x22 || code === 0x201d || code === 0x2033 || code === 0x27 || code === 0x2019;
}

/**
 * The running time without the seconds marks or minute word at its end, nor the white space before
 * them. Read from the end: a regular expression searching for the unit left to right cost the
 * square of the length of a run of spaces or marks.
 */
function withoutTimeUnit(text: string): string {
  let end = text.length;
  if (end > 0 && isSecondsMark(text.charCodeAt(end - 1))) {
    while (end > 0 && isSecondsMark(text.charCodeAt(end - 1))) {
      end--;
    }
  } else {
    const lower = text.slice(Math.max(0, end - timeUnits[0]!.length)).toLowerCase();
    const unit = timeUnits.find((candidate) => lower.endsWith(candidate));
    if (unit === undefined) {
      return text;
    }
    end -= unit.length;
  }
  while (end > 0 && isRegExpSpaceCode(text.charCodeAt(end - 1))) {
    end--;
  }
  return text.slice(0, end);
}

/** Converts a dateline parsed from `text` (starting at `character` of `line`) into the model, with ranges. */
export function datelineModel(context: ParseContext, line: number, character: number, parsed: ParsedDateline): Dateline {
  const places: DatedPlace[] = parsed.places.map((place) => ({
    date: place.date,
    place: place.place,
    range: context.table.range(line, character + place.start, character + place.end),
  }));
  const markerRange: TextRange | null =
    parsed.marker === null ? null : context.table.range(line, character + parsed.markerStart, character + parsed.markerEnd);
  return { places, marker: parsed.marker, markerRange };
}

/**
 * Reads the header block on lines first..last. Nothing is reported here: checkHeader reports what
 * is missing or unreadable during the parse, and headers are built only when someone reads them.
 */
export function readHeader(context: ParseContext, first: number, last: number): Header {
  const fields: HeaderField[] = [];
  const firstSeen = new Set<string>();
  let trtSeconds: number | null = null;
  let languages: string[] = [];
  let dateline: Dateline | null = null;
  let story: string | null = null;
  for (let line = first; line <= last; line++) {
    const found = fieldLine(context, line);
    if (!found) {
      continue;
    }
    const { text, field, valueEnd } = found;
    const value = text.slice(field.valueStart, valueEnd);
    fields.push(new HeaderFieldRecord(context, line, field.name, field.nameStart, field.valueStart, valueEnd, value));
    const canonical = canonicalHeaderField(field.name);
    if (firstSeen.has(canonical)) {
      continue;
    }
    firstSeen.add(canonical);
    switch (canonical) {
      case 'STORY':
        story = value;
        break;
      case 'TRT':
        trtSeconds = parseRunningTime(value);
        break;
      case 'LANGUAGES':
        languages = splitList(value, isLanguageListSeparator);
        break;
      case 'DATELINE':
        dateline = datelineModel(context, line, field.valueStart, parseDateline(value));
        break;
    }
  }
  return { range: context.table.lines(first, last), fields, story, trtSeconds, languages, dateline };
}

/** A header block's `NAME: value` line: its text, its field, and where its value ends; null for any other line. */
function fieldLine(context: ParseContext, line: number): { text: string; field: NonNullable<ReturnType<typeof readField>>; valueEnd: number } | null {
  if (context.classes[line] !== LineClass.Field) {
    return null;
  }
  const text = context.line(line);
  const field = readField(text);
  return field ? { text, field, valueEnd: Math.max(field.valueStart, lastVisibleEnd(text)) } : null;
}

/** Reports what the header block on lines first..last lacks or cannot be read (see readHeader). */
export function checkHeader(context: ParseContext, first: number, last: number): void {
  // A header has a handful of fields: a list is quicker to search than a map is to build.
  const seenNames: string[] = [];
  const seenLines: number[] = [];
  for (let line = first; line <= last; line++) {
    const found = fieldLine(context, line);
    if (!found) {
      continue;
    }
    const { text, field, valueEnd } = found;
    const canonical = canonicalHeaderField(field.name);
    const earlier = seenNames.indexOf(canonical);
    if (earlier >= 0) {
      const earlierLine = seenLines[earlier] ?? line;
      context.report('header-duplicate-field', context.table.range(line, field.valueStart, valueEnd), { field: field.name }, undefined,
        context.table.lines(earlierLine, earlierLine));
      continue;
    }
    seenNames.push(canonical);
    seenLines.push(line);
    if (canonical !== 'TRT' && canonical !== 'DATELINE') {
      continue;
    }
    const value = text.slice(field.valueStart, valueEnd);
    if (canonical === 'TRT' && value.length > 0 && parseRunningTime(value) === null) {
      context.report('trt-format', context.table.range(line, field.valueStart, valueEnd), { text: value });
    }
    if (canonical === 'DATELINE' && value.length > 0 && !parseDateline(value).places.some((place) => place.date !== null)) {
      context.report('dateline-format', context.table.range(line, field.valueStart, valueEnd), { text: value });
    }
  }
  for (const required of requiredHeaderFields) {
    if (!seenNames.includes(required)) {
      context.report('header-missing-field', context.table.lines(first, first), { field: required });
    }
  }
}

/** A header field whose ranges are built when read (an archive holds thousands of header lines). */
class HeaderFieldRecord implements HeaderField {
  readonly #context: ParseContext;
  readonly #line: number;
  readonly #nameStart: number;
  readonly #valueStart: number;
  readonly #valueEnd: number;

  constructor(context: ParseContext, line: number, readonly name: string, nameStart: number, valueStart: number,
    valueEnd: number, readonly value: string) {
    this.#context = context;
    this.#line = line;
    this.#nameStart = nameStart;
    this.#valueStart = valueStart;
    this.#valueEnd = valueEnd;
  }

  get range(): TextRange {
    return this.#context.table.range(this.#line, this.#nameStart, this.#valueEnd);
  }

  get nameRange(): TextRange {
    return this.#context.table.range(this.#line, this.#nameStart, this.#nameStart + this.name.length);
  }

  get valueRange(): TextRange {
    return this.#context.table.range(this.#line, this.#valueStart, this.#valueEnd);
  }

  toJSON(): HeaderField {
    return { name: this.name, value: this.value, range: this.range, nameRange: this.nameRange, valueRange: this.valueRange };
  }
}
