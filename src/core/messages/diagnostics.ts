// The English wording of the parser's and the checks' findings, one template per diagnostic code
// (the compiler asks for a template for every code). Findings carry the code and its data; this
// catalog renders them, and another locale's catalog renders the same codes.
import type { DiagnosticCode } from '../model';
import { formatMessage, type MessageData } from './format';
import { localizedTemplate, localizedVariant } from './locale';

/** English templates; `{name}` is replaced by the matching entry of the data. */
export const diagnosticMessages: Readonly<Record<DiagnosticCode, string>> = {
  'shot-number-duplicate': 'Shot number {number} is already used on line {firstLine}.',
  'shot-number-out-of-sequence': 'Shot number {number} is out of sequence: expected {expected}.',
  'shot-number-missing': 'This soundbite has no shot number.',
  'unclosed-quote': 'This quote opens with {mark} but is never closed.',
  'mismatched-quote-marks': 'This quote opens with {open} but closes with {close}.',
  'soundbite-missing-colon': 'The soundbite line has no colon after the speaker.',
  'soundbite-missing-quote': 'Soundbite {number} has no quote text.',
  'unknown-language': 'Unknown language "{language}"{suggestion}.',
  'header-missing-field': 'The header has no {field} field.',
  'header-duplicate-field': 'The header repeats the {field} field (first on line {firstLine}).',
  'dateline-format': 'Cannot read the dateline "{text}": expected DD MONTH YYYY, PLACE.',
  'trt-format': 'Cannot read the running time "{text}": expected MM:SS.',
  'speaker-unsure': 'The name and title on this speaker line were hard to tell apart: check the attribution before quoting.',
  'quote-differs': 'This quote does not match soundbite {source} ({speaker}, line {line}): {difference}',
  'quote-unsourced': 'This quote is in none of the story\'s soundbites.',
  'header-language-missing': 'The soundbite is in {language}, which LANGUAGES ({languages}) does not list.',
  'dateline-no-day': 'The DATELINE date "{text}" has no day: house style is DD MONTH YYYY.',
  'dateline-month-not-english': 'The DATELINE month "{month}" is not English: house style is {english}.',
  'dateline-day-padding': 'The DATELINE day "{day}" has no leading zero: house style is {padded}.',
  'dateline-marker-missing': 'The DATELINE has no {marker} marker, but a {marker} section follows (line {sectionLine}).',
  'header-repeated': 'This header block repeats the one on line {firstLine}.',
  'trt-exceeded': 'The soundbites alone read for {soundbites}, longer than the TRT of {trt}.',
};

/**
 * Templates for a finding that says more than its code alone (`data.variant` names the variant): one
 * finding per line, naming every fact about it.
 */
export const diagnosticVariantMessages: Readonly<Partial<Record<DiagnosticCode, Readonly<Record<string, string>>>>> = {
  'shot-number-duplicate': {
    'out-of-sequence': 'Shot number {number} is already used on line {firstLine}, and out of sequence: expected {expected}.',
  },
  'quote-differs': {
    'too-long': 'This quote does not match soundbite {source} ({speaker}, line {line}); it is too long to compare word by word.',
    'answer': 'This quote does not match the answer on line {line}: {difference}',
    'answer-too-long': 'This quote does not match the answer on line {line}; it is too long to compare word by word.',
  },
  'quote-unsourced': {
    'answers': 'This quote is in none of the interview\'s answers.',
  },
  'speaker-unsure': {
    'wrapped': 'This speaker line seems to run onto the next line; check the speaker and title before quoting.',
    'title-first': 'The title seems to come before the name on this speaker line; check the attribution before quoting.',
    'no-separator': 'Nothing separates the name from the title on this speaker line; check the attribution before quoting.',
  },
};

/**
 * The message of a finding in the active locale (locale.ts; English unless the extension chose
 * another): its variant's template when it has one, else its code's. A suggestion carried as
 * `suggested` is worded again in that locale (`suggestion` holds the English fragment).
 */
export function diagnosticMessage(code: DiagnosticCode, data: MessageData): string {
  const variantName = typeof data.variant === 'string' ? data.variant : undefined;
  const englishVariant = variantName === undefined ? undefined : diagnosticVariantMessages[code]?.[variantName];
  const template = englishVariant !== undefined && variantName !== undefined
    ? localizedVariant(code, variantName, englishVariant)
    : localizedTemplate('diagnostics', code, diagnosticMessages[code]);
  const suggested = data.suggested;
  const rendered = suggested === undefined ? data : { ...data, suggestion: suggestionFragment(String(suggested)) };
  return formatMessage(template, rendered);
}

/** ` (did you mean French?)` in the active locale, spliced into 'unknown-language'. */
export function suggestionFragment(suggestion: string): string {
  return formatMessage(localizedTemplate('fragments', 'didYouMean', messageFragments.didYouMean), { suggestion });
}

/** Extra fragments some templates splice in. */
export const messageFragments = {
  didYouMean: ' (did you mean {suggestion}?)',
  /** quote-differs: the differences, each with a word of context, joined by `; `. */
  changed: '[{from} → {to}]',
  added: '[+ {words}]',
  dropped: '[− {words}]',
  moreDifferences: '; and {count} more',
  differenceSeparator: '; ',
} as const;
