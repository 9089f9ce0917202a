// Which language the core's wording is rendered in. The English templates live beside each renderer
// (diagnostics.ts, knowledge.ts, notices.ts, quotes.ts) and stay the source; another locale is a
// catalog of the same keys (fr.ts). The extension picks the locale once at activation from VS Code's
// display language (`setMessageLocale(vscode.env.language)`); the CLI and the tests never call it and
// keep English. A key missing from a catalog falls back to English, so an untranslated message still
// reads: test/unit/translations.test.ts lists every such key.
import type { DiagnosticCode } from '../model';
import type { KbProblemCode } from '../kb/model';
import type { MarkdownNoticeCode } from '../parse';
import type { messageFragments } from './diagnostics';
import type { kbTypeDescriptions } from './knowledge';
import type { QuoteErrorCode } from './quotes';
import type { SidecarProblemCode } from '../annotations/sidecar';
import { frenchMessages } from './fr';

/** Every group of templates the core renders, by key; a catalog may leave keys out (English is used). */
export interface MessageCatalog {
  readonly diagnostics: Readonly<Partial<Record<DiagnosticCode, string>>>;
  readonly diagnosticVariants: Readonly<Partial<Record<DiagnosticCode, Readonly<Record<string, string>>>>>;
  readonly fragments: Readonly<Partial<Record<keyof typeof messageFragments, string>>>;
  readonly knowledge: Readonly<Partial<Record<KbProblemCode, string>>>;
  readonly knowledgeTypes: Readonly<Partial<Record<keyof typeof kbTypeDescriptions, string>>>;
  readonly notices: Readonly<Partial<Record<MarkdownNoticeCode, string>>>;
  readonly quoteErrors: Readonly<Partial<Record<QuoteErrorCode, string>>>;
  readonly sidecar: Readonly<Partial<Record<SidecarProblemCode, string>>>;
}

export type MessageLocale = 'en' | 'fr';

/** The catalogs other than English (English is the templates themselves). */
export const messageCatalogs: Readonly<Record<Exclude<MessageLocale, 'en'>, MessageCatalog>> = {
  fr: frenchMessages,
};

let locale: MessageLocale = 'en';

/**
 * Chooses the catalog for a language tag as VS Code gives it (`fr`, `fr-ca`, `en-gb`…): any French
 * variant reads French, anything else English. Returns the locale chosen.
 */
export function setMessageLocale(tag: string): MessageLocale {
  const language = tag.toLowerCase().split(/[-_]/u)[0];
  locale = language === 'fr' ? 'fr' : 'en';
  return locale;
}

export function messageLocale(): MessageLocale {
  return locale;
}

/** The template of `key` in the active locale, else the English one given. */
export function localizedTemplate<G extends Exclude<keyof MessageCatalog, 'diagnosticVariants'>>(
  group: G, key: keyof MessageCatalog[G] & string, english: string): string {
  if (locale === 'en') {
    return english;
  }
  const templates = messageCatalogs[locale][group] as Readonly<Record<string, string | undefined>>;
  return templates[key] ?? english;
}

/** A diagnostic variant's template in the active locale, else the English one given. */
export function localizedVariant(code: DiagnosticCode, variant: string, english: string): string {
  return locale === 'en' ? english : messageCatalogs[locale].diagnosticVariants[code]?.[variant] ?? english;
}
