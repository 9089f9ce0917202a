// Checks of a shot list's header blocks against the house style and against the story they head:
// the languages the soundbites use, the DATELINE's shape and its FILE/RECENT marker, a header block
// pasted twice. Each reads the parsed model; none re-reads the text.
import { runToEnd, type Steps } from '../util/steps';
import type { DatedPlace, Header, HeaderField, Section, Soundbite, TranscriptDiagnostic, TranscriptDocument } from '../model';
import { formatMessage } from '../messages/format';
import { messageFragments } from '../messages/diagnostics';
import { lastStartingAtOrBefore } from '../outline/ranges';
import type { StoryGroup } from '../outline/storyGroups';
import { canonicalHeaderField, englishMonthAbbreviations, englishMonthNames, languageAliases, recogniseLanguage, suggestLanguage } from '../parse/lexicon';
import { collapseWhitespace } from '../text/whitespace';
import { finding, rangeOnLine } from './finding';

/** The header's first field of this canonical name (`LANGUAGES` finds `LANGUAGE:` too). */
/**
 * The header block that holds `offset`: the last one starting at or before it (an archive has 14,600;
 * by offset, since a mangled file may start several on one line).
 */
export function headerAt(document: TranscriptDocument, offset: number): Header | undefined {
  return document.headers[lastStartingAtOrBefore(document.headers, offset, (header) => header.range.start.offset)];
}

export function headerField(header: Header, canonical: string): HeaderField | undefined {
  return header.fields.find((field) => canonicalHeaderField(field.name) === canonical);
}

/** Items of a LANGUAGES value (split on `/` and `,`) with where each starts in the value, trimmed. */
export function languageItems(value: string): { text: string; start: number }[] {
  const items: { text: string; start: number }[] = [];
  let start = 0;
  for (let index = 0; index <= value.length; index++) {
    const code = value.charCodeAt(index);
    if (index === value.length || code === 0x2f || code === 0x2c) {
      const raw = value.slice(start, index);
      const text = raw.trim();
      if (text.length > 0) {
        items.push({ text, start: start + raw.indexOf(text) });
      }
      start = index + 1;
    }
  }
  return items;
}

/** One name per language, lower-cased (`Kiswahili` and `SWAHILI` are the same language). */
function sameLanguage(name: string): string {
  const lower = name.toLowerCase();
  return languageAliases.get(lower) ?? lower;
}

/** What a header lists as languages: each recognised language, or the one a misspelling most likely means. */
function listedLanguages(field: HeaderField): Set<string> {
  const listed = new Set<string>();
  for (const item of languageItems(field.value)) {
    const known = recogniseLanguage(item.text) ?? suggestLanguage(item.text);
    if (known !== null) {
      listed.add(sameLanguage(known));
    }
  }
  return listed;
}

export function checkHeaderGroup(group: StoryGroup, soundbites: readonly Soundbite[], sections: readonly Section[],
  out: TranscriptDiagnostic[]): void {
  const header = group.header;
  if (header === null) {
    return;
  }
  const languages = headerField(header, 'LANGUAGES');
  if (languages) {
    checkLanguageSpelling(languages, out);
    checkLanguagesUsed(languages, soundbites, out);
  }
  const dateline = headerField(header, 'DATELINE');
  if (dateline && header.dateline) {
    const first = header.dateline.places[0];
    if (first) {
      checkDateShape(first, out);
    }
    checkMarker(header, dateline, sections, out);
  }
}

/** A LANGUAGES item that is no language but close to one (`ENGLSH`): the same finding as a soundbite's. */
function checkLanguageSpelling(field: HeaderField, out: TranscriptDiagnostic[]): void {
  for (const item of languageItems(field.value)) {
    if (recogniseLanguage(item.text) !== null) {
      continue;
    }
    const suggested = suggestLanguage(item.text);
    // Without a likely spelling the item may be a newsroom's own word (`MULTIPLE`): say nothing.
    if (suggested === null) {
      continue;
    }
    out.push(finding('unknown-language', rangeOnLine(field.valueRange.start, item.start, item.text.length), {
      language: item.text,
      suggestion: formatMessage(messageFragments.didYouMean, { suggestion: suggested }),
      suggested,
    }));
  }
}

/** Each language a soundbite uses and LANGUAGES lacks, once, at its first soundbite. */
function checkLanguagesUsed(field: HeaderField, soundbites: readonly Soundbite[], out: TranscriptDiagnostic[]): void {
  const listed = listedLanguages(field);
  const reported = new Set<string>();
  for (const soundbite of soundbites) {
    const name = soundbite.languageName;
    if (name === null || soundbite.languageRange === null) {
      continue;
    }
    const key = sameLanguage(name);
    if (listed.has(key) || reported.has(key)) {
      continue;
    }
    reported.add(key);
    out.push(finding('header-language-missing', soundbite.languageRange, {
      language: name, languages: collapseWhitespace(field.value), upper: name.toUpperCase(),
    }, field.range));
  }
}

/** The month word of a date as written (`DECEMBER`, `décembre`), with where it starts in the date's text. */
export function monthWord(text: string): { word: string; start: number } | null {
  const found = /\p{L}{3,}/u.exec(text);
  return found ? { word: found[0], start: found.index } : null;
}

/** The house form of a date: `08 DECEMBER 2023`; null when a part is missing. */
export function houseDate(day: number | null, month: number | null, year: number | null): string | null {
  if (day === null || month === null || year === null || month < 1 || month > 12) {
    return null;
  }
  return `${String(day).padStart(2, '0')} ${englishMonthNames[month - 1] as string} ${year}`;
}

function checkDateShape(place: DatedPlace, out: TranscriptDiagnostic[]): void {
  const date = place.date;
  if (date === null || date.month === null) {
    return;
  }
  const dateRange = rangeOnLine(place.range.start, 0, date.text.length);
  if (date.day === null) {
    out.push(finding('dateline-no-day', dateRange, { text: date.text }));
  }
  const month = monthWord(date.text);
  if (month !== null) {
    const lower = month.word.toLowerCase();
    const english = englishMonthNames[date.month - 1] as string;
    if (lower !== english.toLowerCase() && !englishMonthAbbreviations.has(lower)) {
      out.push(finding('dateline-month-not-english', rangeOnLine(place.range.start, month.start, month.word.length), {
        month: month.word, english, fixed: houseDate(date.day, date.month, date.year) ?? '',
      }));
    }
  }
  const digits = /^\d+/u.exec(date.text);
  if (date.day !== null && digits !== null && digits[0].length === 1) {
    out.push(finding('dateline-day-padding', rangeOnLine(place.range.start, 0, 1), {
      day: digits[0], padded: `0${digits[0]}`, fixed: houseDate(date.day, date.month, date.year) ?? '',
    }));
  }
}

/** A FILE (or RECENT) section follows, but the DATELINE does not say so. */
function checkMarker(header: Header, field: HeaderField, sections: readonly Section[], out: TranscriptDiagnostic[]): void {
  if (header.dateline?.marker !== null) {
    return;
  }
  const archive = sections.find((section) => section.kind === 'file' || section.kind === 'recent');
  if (!archive) {
    return;
  }
  const marker = archive.kind === 'file' ? 'FILE' : 'RECENT';
  out.push(finding('dateline-marker-missing', field.valueRange, { marker, sectionLine: archive.headingRange.start.line + 1 }, archive.headingRange));
}

/** Header blocks that repeat an earlier one field for field (the same story pasted twice). */
export function checkRepeatedHeaders(document: TranscriptDocument, out: TranscriptDiagnostic[]): void {
  runToEnd(repeatedHeaderSteps(document, out));
}

/**
 * Headers compared between two chances to yield (an archive has tens of thousands). Each is hashed on
 * its first comparison, about 4 microseconds in plain Node and several times that before the engine
 * optimises it: 500 a step made the first steps 6-10 ms there, and tasks of 20 ms in the extension host.
 */
const headersPerStep = 100;

/** checkRepeatedHeaders in steps of a few hundred headers, for a caller that slices its work. */
export function* repeatedHeaderSteps(document: TranscriptDocument, out: TranscriptDiagnostic[]): Steps<void> {
  if (document.headers.length < 2) {
    return;
  }
  // By hash, each hash's headers in document order: a hash that matches is confirmed field for field.
  const seen = new Map<number, Header | Header[]>();
  let compared = 0;
  for (const header of document.headers) {
    if (++compared % headersPerStep === 0) {
      yield;
    }
    const hash = headerHash(header);
    if (hash === notCompared) {
      continue;
    }
    const known = seen.get(hash);
    const earlier = known === undefined ? undefined : sameHeader(known, header);
    if (earlier) {
      const earlierRange = (earlier.fields[0] as HeaderField).range;
      out.push(finding('header-repeated', (header.fields[0] as HeaderField).range, { firstLine: earlierRange.start.line + 1 }, earlierRange));
    } else if (known === undefined) {
      seen.set(hash, header);
    } else if (Array.isArray(known)) {
      known.push(header);
    } else {
      seen.set(hash, [known, header]);
    }
  }
}

/** The first header of `known` (one, or those sharing a hash) that repeats `header` field for field. */
function sameHeader(known: Header | Header[], header: Header): Header | undefined {
  const key = headerKey(header);
  return Array.isArray(known) ? known.find((candidate) => headerKey(candidate) === key) : headerKey(known) === key ? known : undefined;
}

/** A header with fewer than two fields is not compared. */
const notCompared = -1;

/**
 * Each header's hash, kept with the header: after an edit the parse keeps the headers of the stories it
 * did not touch, so only the touched ones are hashed again. The comparison runs over every header after
 * each edit, and building every header's key each time made tens of megabytes of strings per keystroke.
 */
const headerHashes = new WeakMap<Header, number>();

function headerHash(header: Header): number {
  let hash = headerHashes.get(header);
  if (hash === undefined) {
    hash = header.fields.length < 2 ? notCompared : hashText(headerKey(header));
    headerHashes.set(header, hash);
  }
  return hash;
}

/** The fields as compared: canonical names, values with white space collapsed and upper-cased. */
function headerKey(header: Header): string {
  return header.fields.map((field) => `${canonicalHeaderField(field.name)}:${collapseWhitespace(field.value).toUpperCase()}`).join('\n');
}

/** FNV-1a over the UTF-16 code units, kept to 30 bits (a small integer to the engine: no boxed number per header). */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 2) & 0x3fffffff;
}
