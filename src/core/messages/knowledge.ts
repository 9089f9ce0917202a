// English wording of the knowledge-file problems (codes + data in, text out; other locales plug in here).
import { formatMessage, type MessageData } from './format';
import { localizedTemplate } from './locale';
import type { KbProblemCode } from '../kb/model';

export const kbMessages: Readonly<Record<KbProblemCode, string>> = {
  'yaml-syntax': 'YAML syntax error: {detail}',
  'root-not-mapping': 'A knowledge file is a mapping with an "entries" list.',
  'entries-not-sequence': '"entries" must be a list of entries.',
  'entry-not-mapping': 'Each entry must be a mapping of fields (id, type, names…).',
  'unknown-field': 'Unknown field "{field}"; known fields: {known}.',
  'wrong-type': 'Field "{field}" must be {expected}.',
  'missing-field': 'This entry has no "{field}"; it is ignored.',
  'unknown-entry-type': 'Unknown type "{value}"; expected one of {known}.',
  'duplicate-id': 'The id "{id}" is already used on line {firstLine}; this entry is ignored.',
  'too-large': 'This knowledge file is {size} KB, over the {limit} KB limit: it was not read. Split it, or keep only the entries you need.',
  'too-deep': 'This knowledge file nests more than {limit} levels deep here: it was not read. Entries nest four levels; look for unclosed [ or { brackets.',
  'more-problems': '…and {count} more problems in this file (only the first {shown} are listed).',
};

/** Descriptions of expected types, spliced into 'wrong-type'. */
export const kbTypeDescriptions = {
  string: 'a text',
  strings: 'a text or a list of texts',
  year: 'a year (e.g. 2013) or "active"',
  date: 'a calendar date written YYYY-MM-DD (e.g. 2023-12-31)',
  version: 'a number',
} as const;

export type KbTypeDescription = keyof typeof kbTypeDescriptions;

/** The words for an expected type in the active locale. */
export function kbTypeDescription(type: KbTypeDescription): string {
  return localizedTemplate('knowledgeTypes', type, kbTypeDescriptions[type]);
}

/**
 * A problem's message in the active locale (locale.ts). `expected` is worded again from
 * `expectedType` when the data carries it, so a problem made in English (say, in the worker) reads in
 * the UI's language.
 */
export function kbMessage(code: KbProblemCode, data: MessageData): string {
  const type = data.expectedType;
  const rendered = typeof type === 'string' && type in kbTypeDescriptions ? { ...data, expected: kbTypeDescription(type as KbTypeDescription) } : data;
  return formatMessage(localizedTemplate('knowledge', code, kbMessages[code]), rendered);
}
