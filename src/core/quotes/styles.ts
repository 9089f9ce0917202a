// Quote styles: how an extracted quote is written out with its attribution. Built-in styles (wire,
// broadcast, citation, markdown, plain) and user templates over named fields; see README "Quote styles".
import { formatMessage } from '../messages/format';
import type { QuoteItem } from './extract';
import { quoteErrorMessage, quoteWording, type QuoteErrorCode } from '../messages/quotes';

export const builtInStyles = ['wire', 'broadcast', 'citation', 'markdown', 'plain'] as const;
export type BuiltInStyle = (typeof builtInStyles)[number];

/** A built-in style by name, or a user template. */
export type QuoteStyle = BuiltInStyle | { template: string };

export interface QuoteStyleOptions {
  /** Curly `“…”` (default) or straight `"…"` marks around the quote and for the inner marks turned single. */
  marks?: 'curly' | 'straight';
}

export interface QuoteError {
  code: QuoteErrorCode;
  message: string;
  /** The offending field name, for unknown fields. */
  field?: string;
  /** 0-based index into the template. */
  position?: number;
}

export type QuoteResult = { ok: true; text: string } | { ok: false; error: QuoteError };

/** The template fields, in the order sheets list them. */
export const templateFields = [
  'quote', 'speaker', 'title', 'language', 'translatedFrom', 'date', 'place', 'source', 'story', 'restrictions', 'shot', 'file', 'line', 'kind',
] as const;
export type TemplateField = (typeof templateFields)[number];

type TemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; name: TemplateField; position: number }
  | { kind: 'group'; parts: TemplatePart[] };

/** How deep optional groups may nest: rendering a template walks its groups one level per call. */
export const maxTemplateNesting = 8;

/** Parses a template, or returns the first error with its position. */
function parseTemplate(template: string): { ok: true; parts: TemplatePart[] } | { ok: false; error: QuoteError } {
  const stack: { parts: TemplatePart[]; position: number }[] = [{ parts: [], position: 0 }];
  let literal = '';
  const current = (): TemplatePart[] => (stack[stack.length - 1] as { parts: TemplatePart[] }).parts;
  const flush = (): void => {
    if (literal !== '') {
      current().push({ kind: 'literal', text: literal });
      literal = '';
    }
  };
  for (let index = 0; index < template.length; index++) {
    const character = template.charAt(index);
    const next = template.charAt(index + 1);
    if ((character === '{' || character === '}' || character === '[' || character === ']') && next === character) {
      literal += character;
      index++;
      continue;
    }
    if (character === '{') {
      const close = template.indexOf('}', index + 1);
      const nextOpen = template.indexOf('{', index + 1);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        return failure('unclosed-brace', { position: index });
      }
      const name = template.slice(index + 1, close).trim();
      if (name === '') {
        return failure('empty-field', { position: index });
      }
      if (!(templateFields as readonly string[]).includes(name)) {
        return failure('unknown-field', { position: index, field: name });
      }
      flush();
      current().push({ kind: 'field', name: name as TemplateField, position: index });
      index = close;
    } else if (character === '}') {
      return failure('unexpected-closing-brace', { position: index });
    } else if (character === '[') {
      if (stack.length > maxTemplateNesting) {
        return failure('group-too-deep', { position: index });
      }
      flush();
      stack.push({ parts: [], position: index });
    } else if (character === ']') {
      if (stack.length === 1) {
        return failure('unexpected-closing-bracket', { position: index });
      }
      flush();
      const group = stack.pop() as { parts: TemplatePart[] };
      current().push({ kind: 'group', parts: group.parts });
    } else {
      literal += character;
    }
  }
  if (stack.length > 1) {
    return failure('unclosed-group', { position: (stack[stack.length - 1] as { position: number }).position });
  }
  flush();
  return { ok: true, parts: current() };
}

function failure(code: QuoteErrorCode, data: { position: number; field?: string }): { ok: false; error: QuoteError } {
  const message = quoteErrorMessage(code, {
    position: data.position,
    placeholder: `{${data.field ?? ''}}`,
    fields: templateFields.join(', '),
    limit: maxTemplateNesting,
  });
  return { ok: false, error: { code, message, position: data.position, ...(data.field !== undefined ? { field: data.field } : {}) } };
}

/** Checks a user template without an item: `{ ok: true }` or the first error (unknown field, unbalanced brace or bracket). */
export function validateTemplate(template: string): { ok: true } | { ok: false; error: QuoteError } {
  const parsed = parseTemplate(template);
  return parsed.ok ? { ok: true } : parsed;
}

/** Checks a style name or template before formatting many items. */
export function validateStyle(style: QuoteStyle | string): { ok: true } | { ok: false; error: QuoteError } {
  if (typeof style === 'object') {
    return validateTemplate(style.template);
  }
  if ((builtInStyles as readonly string[]).includes(style)) {
    return { ok: true };
  }
  const message = quoteErrorMessage('unknown-style', { style, styles: builtInStyles.join(', ') });
  return { ok: false, error: { code: 'unknown-style', message } };
}

/** Writes a quote in a built-in style or a user template; never a half-filled quote. */
export function formatQuote(item: QuoteItem, style: QuoteStyle | string, options: QuoteStyleOptions = {}): QuoteResult {
  const straight = options.marks === 'straight';
  if (typeof style === 'object') {
    const parsed = parseTemplate(style.template);
    if (!parsed.ok) {
      return parsed;
    }
    return { ok: true, text: renderTemplate(item, parsed.parts, style.template) };
  }
  const valid = validateStyle(style);
  if (!valid.ok) {
    return valid;
  }
  const [open, close] = straight ? ['"', '"'] : ['“', '”'];
  const wrapped = singleInnerMarks(item.text, straight);
  const translated = item.translatedFrom !== null ? formatMessage(quoteWording.translated, { language: item.translatedFrom }) : null;
  const attribution = [item.speaker, item.title].filter((part): part is string => part !== null && part !== '').join(', ');
  const lines: string[] = [];
  switch (style as BuiltInStyle) {
    case 'wire': {
      if (attribution === '') {
        lines.push(`${open}${wrapped}${close}${translated !== null ? ` (${translated})` : ''}`);
        break;
      }
      // The final full stop becomes a comma inside the marks; a question or exclamation mark, or an ellipsis, stays.
      // A quote that ends inside an inner quote (`…told them ‘go.’`) gets its comma inside that one too.
      const words = /[?!…][’']?$/u.test(wrapped) ? wrapped
        : /[.,;:]+[’']?$/u.test(wrapped) ? wrapped.replace(/[.,;:]+([’']?)$/u, ',$1') : `${wrapped},`;
      lines.push(`${open}${words}${close} ${quoteWording.wireSaid} ${attribution}${translated !== null ? ` (${translated})` : ''}.`);
      break;
    }
    case 'broadcast':
      if (item.speaker !== null) {
        lines.push(item.speaker.toLocaleUpperCase('en'));
      }
      if (item.title !== null) {
        lines.push(item.title);
      }
      if (translated !== null) {
        lines.push(`(${translated})`);
      }
      lines.push(`${open}${wrapped}${close}`);
      break;
    case 'citation': {
      const context = [item.source, item.date, item.place].filter((part): part is string => part !== null && part !== '').join(', ');
      const details = [context, translated ?? ''].filter((part) => part !== '').join('; ');
      lines.push(`${open}${wrapped}${close}${attribution !== '' ? ` — ${attribution}` : ''}${details !== '' ? ` (${details})` : ''}`);
      break;
    }
    case 'markdown':
      lines.push(`> ${item.text}`);
      if (attribution !== '' || translated !== null) {
        lines.push('>', `> — ${[attribution, translated !== null ? `(${translated})` : ''].filter((part) => part !== '').join(' ')}`);
      }
      break;
    case 'plain':
      lines.push(item.text);
      if (attribution !== '') {
        lines.push(attribution);
      }
      if (translated !== null) {
        lines.push(`(${translated})`);
      }
      break;
  }
  if (item.restrictions !== null) {
    if (style === 'markdown') {
      lines.push('');
    }
    lines.push(formatMessage(quoteWording.restrictions, { restrictions: item.restrictions }));
  }
  return { ok: true, text: lines.join('\n') };
}

/** Double marks inside a quote that will sit in double marks become single ones (curly by position, or straight). */
export function singleInnerMarks(text: string, straight: boolean): string {
  return text.replace(/[“”„«»"]/gu, (mark, index: number) => {
    if (straight) {
      return "'";
    }
    if (mark === '"') {
      const before = index > 0 ? text.charAt(index - 1) : ' ';
      return /[\s([{—–-]/u.test(before) ? '‘' : '’';
    }
    return mark === '“' || mark === '„' || mark === '«' ? '‘' : '’';
  });
}

function fieldValue(item: QuoteItem, name: TemplateField): string {
  const value = name === 'quote' ? item.text : item[name];
  return value === null ? '' : String(value);
}

/**
 * Fields fill in their values (empty when absent). An optional group `[…]` is written only when every field
 * directly inside it has a value. `{quote}` right after a double mark gets its inner double marks turned single.
 * RESTRICTIONS are added on a last line when the template does not show them.
 */
function renderTemplate(item: QuoteItem, parts: readonly TemplatePart[], template: string): string {
  const render = (list: readonly TemplatePart[]): string | null => {
    let out = '';
    for (const part of list) {
      if (part.kind === 'literal') {
        out += part.text;
      } else if (part.kind === 'group') {
        // eslint-disable-next-line shotlist/no-self-recursion -- one call per group level, at most maxTemplateNesting
        out += render(part.parts) ?? '';
      } else {
        let value = fieldValue(item, part.name);
        if (value === '' && list !== parts) {
          return null;
        }
        if (part.name === 'quote') {
          const before = template.charAt(part.position - 1);
          if (before === '"' || before === '“' || before === '„' || before === '«') {
            value = singleInnerMarks(value, before === '"');
          }
        }
        out += value;
      }
    }
    return out;
  };
  const text = render(parts) ?? '';
  if (item.restrictions !== null && !mentions(parts, 'restrictions')) {
    return `${text}\n${formatMessage(quoteWording.restrictions, { restrictions: item.restrictions })}`;
  }
  return text;
}

function mentions(parts: readonly TemplatePart[], name: TemplateField): boolean {
  // eslint-disable-next-line shotlist/no-self-recursion -- one call per group level, at most maxTemplateNesting
  return parts.some((part) => (part.kind === 'field' && part.name === name) || (part.kind === 'group' && mentions(part.parts, name)));
}
