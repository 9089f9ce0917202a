// The user-facing wording of quote extraction, styles and templates, in one place. The core returns
// codes plus data; this catalog renders the English text (a UI may render the same codes in another locale).
// Rendered with `formatMessage` from format.ts, which leaves `{{`, `}}` and `{}` as written.
// The error messages follow the active locale (locale.ts); `quoteWording` does not: it is written into
// the quote the user copies, whose language is the story's, not the editor's.
import { formatMessage, type MessageData } from './format';
import { localizedTemplate } from './locale';

/** Stable codes of template and style errors. */
export type QuoteErrorCode =
  | 'unknown-style'
  | 'unknown-field'
  | 'empty-field'
  | 'unclosed-brace'
  | 'unexpected-closing-brace'
  | 'unclosed-group'
  | 'unexpected-closing-bracket'
  | 'group-too-deep';

export const quoteErrorMessages: Readonly<Record<QuoteErrorCode, string>> = {
  'unknown-style': 'Unknown quote style "{style}". Built-in styles: {styles}.',
  'unknown-field': 'Unknown field "{placeholder}" at position {position} of the template. Known fields: {fields}.',
  'empty-field': 'Empty field {} at position {position} of the template (write {{ for a literal brace).',
  'unclosed-brace': 'The brace at position {position} of the template is never closed (write {{ for a literal brace).',
  'unexpected-closing-brace': 'Unexpected } at position {position} of the template (write }} for a literal brace).',
  'unclosed-group': 'The optional group [ at position {position} of the template is never closed (write [[ for a literal bracket).',
  'unexpected-closing-bracket': 'Unexpected ] at position {position} of the template (write ]] for a literal bracket).',
  'group-too-deep': 'The optional group [ at position {position} of the template is nested more than {limit} deep.',
};

/** A template or style error in the active locale. */
export function quoteErrorMessage(code: QuoteErrorCode, data: MessageData): string {
  return formatMessage(localizedTemplate('quoteErrors', code, quoteErrorMessages[code]), data);
}

/** Words the built-in styles and sheets splice around the quote; `{name}` is filled by `formatMessage` (format.ts). */
export const quoteWording = {
  /** Wire style: `“…,” said Name, Title.` */
  wireSaid: 'said',
  translated: 'translated from {language}',
  restrictions: 'RESTRICTIONS: {restrictions}',
  ellipsis: '…',
  sheetTitle: 'Quotes',
  sheetLocation: '{file}, line {line}{shot}',
  sheetShot: ', shot {shot}',
} as const;
