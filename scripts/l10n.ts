// The extension's translations, checked and kept in step with the source:
//   `npm run l10n`          writes l10n/bundle.l10n.json: every `vscode.l10n.t(…)` message of src/, sorted
//   `npm run l10n -- --check`   exits 1 and names every key when the English bundle is stale or a
//                           translation (package.nls.fr.json, l10n/bundle.l10n.fr.json) lacks a key
// The messages are read with the TypeScript parser, not a regular expression: a call may span lines,
// hold escaped quotes or a `{ message, comment }` object. test/unit/translations.test.ts runs the
// same checks, so a new untranslated string fails `npx mocha` too.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { diagnosticMessages, diagnosticVariantMessages, messageFragments } from '../src/core/messages/diagnostics';
import { kbMessages, kbTypeDescriptions } from '../src/core/messages/knowledge';
import { messageCatalogs, type MessageCatalog } from '../src/core/messages/locale';
import { markdownNoticeMessages } from '../src/core/messages/notices';
import { sidecarMessages } from '../src/core/messages/annotations';
import { quoteErrorMessages } from '../src/core/messages/quotes';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const englishBundlePath = path.join(repoRoot, 'l10n', 'bundle.l10n.json');

/** The locales we ship a translation for (the English text is the source). */
export const translatedLocales = ['fr'] as const;

export interface L10nExtraction {
  /** Bundle key -> its English text and the places (`src/…:line`) that use it. */
  readonly messages: ReadonlyMap<string, { readonly text: string; readonly places: readonly string[] }>;
  /** Calls whose message is not a literal: their text cannot be looked up in a bundle. */
  readonly problems: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => path.join(dir, file));
}

/** `vscode.l10n.t` or `l10n.t` (the module imported under its own name). */
function isL10nCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') {
    return false;
  }
  const target = callee.expression;
  return (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n') || (ts.isIdentifier(target) && target.text === 'l10n');
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/**
 * The bundle key of one call and its English text, as VS Code looks it up: the message, or
 * `message/comment` when the object form carries a comment (an array of comments is joined).
 */
function keyOf(call: ts.CallExpression): { key: string; text: string } | undefined {
  const first = call.arguments[0];
  const plain = literalText(first);
  if (plain !== undefined) {
    return { key: plain, text: plain };
  }
  if (!first || !ts.isObjectLiteralExpression(first)) {
    return undefined;
  }
  let message: string | undefined;
  let comment: string | undefined = '';
  for (const property of first.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) {
      continue;
    }
    if (property.name.text === 'message') {
      message = literalText(property.initializer);
    } else if (property.name.text === 'comment') {
      const value = property.initializer;
      comment = ts.isArrayLiteralExpression(value)
        ? value.elements.every((element) => literalText(element) !== undefined) ? value.elements.map((element) => literalText(element)).join('') : undefined
        : literalText(value);
    }
  }
  if (message === undefined || comment === undefined) {
    return undefined;
  }
  return { key: comment === '' ? message : `${message}/${comment}`, text: message };
}

/** Every `l10n.t` message of the extension's source (src/), walked with an explicit stack. */
export function extractL10nMessages(srcDir = path.join(repoRoot, 'src')): L10nExtraction {
  const messages = new Map<string, { text: string; places: string[] }>();
  const problems: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('l10n')) {
      continue;
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const where = (node: ts.Node): string => `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const stack: ts.Node[] = [source];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (ts.isCallExpression(node) && isL10nCall(node)) {
        const found = keyOf(node);
        if (found === undefined) {
          problems.push(`${where(node)}: the message of l10n.t must be a string literal (or { message, comment } of literals)`);
        } else {
          const known = messages.get(found.key);
          if (known) {
            known.places.push(where(node));
          } else {
            messages.set(found.key, { text: found.text, places: [where(node)] });
          }
        }
      }
      node.forEachChild((child) => {
        stack.push(child);
      });
    }
  }
  return { messages, problems };
}

/** The English bundle as `npm run l10n` writes it: key -> message, keys sorted. */
export function englishBundle(extraction: L10nExtraction): Record<string, string> {
  const bundle: Record<string, string> = {};
  for (const [key, { text }] of [...extraction.messages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    bundle[key] = text;
  }
  return bundle;
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** The message text of a bundle value (`"text"` or `{ "message": "text", "comment": … }`). */
export function bundleText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return undefined;
}

/**
 * What must come through a translation unchanged: `{0}`/`{name}` placeholders, `command:` link targets,
 * `#setting.id#` links and `code spans`. Sorted, so the order may change with the language.
 */
export function protectedTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const pattern of [/\{\w*\}/gu, /\(command:[^)\s]*\)/gu, /#[\w.]+#/gu, /`[^`\n]*`/gu]) {
    for (const match of text.matchAll(pattern)) {
      tokens.push(match[0]);
    }
  }
  return tokens.sort();
}

/**
 * French typography outside code spans: a no-break space (U+00A0 or U+202F), never a plain one,
 * before : ; ? ! » and after «; and the typographic apostrophe ’ rather than '.
 */
export function frenchTypographyProblems(text: string): string[] {
  const prose = text.replace(/`[^`\n]*`/gu, '``');
  const problems: string[] = [];
  if (/ [:;?!»]/u.test(prose)) {
    problems.push('a plain space before : ; ? ! or » (use a no-break space, U+00A0)');
  }
  if (/« /u.test(prose)) {
    problems.push('a plain space after « (use a no-break space, U+00A0)');
  }
  if (/\p{L}'\p{L}/u.test(prose)) {
    problems.push("a straight apostrophe (use ’)");
  }
  return problems;
}

export interface TranslationReport {
  /** Keys of the English source with no translation. */
  readonly missing: readonly string[];
  /** Translated keys the English source no longer has. */
  readonly stale: readonly string[];
  /** `key: what differs` for translations that change a placeholder, link or code span, or break French typography. */
  readonly mismatched: readonly string[];
}

/** Compares a translation with its English source, key by key. */
export function compareTranslation(english: Readonly<Record<string, string>>, translated: Readonly<Record<string, unknown>>, locale: string): TranslationReport {
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const [key, source] of Object.entries(english)) {
    const text = bundleText(translated[key]);
    if (text === undefined || text.trim() === '') {
      missing.push(key);
      continue;
    }
    const expected = protectedTokens(source).join(' ');
    const actual = protectedTokens(text).join(' ');
    if (expected !== actual) {
      mismatched.push(`${key}: placeholders/links/code differ: English has [${expected}], ${locale} has [${actual}]`);
    }
    if (locale === 'fr') {
      for (const problem of frenchTypographyProblems(text)) {
        mismatched.push(`${key}: ${problem}`);
      }
    }
  }
  const stale = Object.keys(translated).filter((key) => !(key in english));
  return { missing, stale, mismatched };
}

/** One readable block per problem kind; empty when the translation is complete. */
export function describeReport(report: TranslationReport, file: string): string {
  const parts: string[] = [];
  if (report.missing.length > 0) {
    parts.push(`${file} lacks ${report.missing.length} key(s):\n${report.missing.map((key) => `  ${JSON.stringify(key)}`).join('\n')}`);
  }
  if (report.stale.length > 0) {
    parts.push(`${file} has ${report.stale.length} key(s) the English source no longer has:\n${report.stale.map((key) => `  ${JSON.stringify(key)}`).join('\n')}`);
  }
  if (report.mismatched.length > 0) {
    parts.push(`${file} has ${report.mismatched.length} translation(s) to fix:\n${report.mismatched.map((line) => `  ${line}`).join('\n')}`);
  }
  return parts.join('\n');
}

/** The English strings of package.nls.json. */
export function packageNls(locale?: string): Record<string, unknown> {
  return readJson(path.join(repoRoot, locale ? `package.nls.${locale}.json` : 'package.nls.json'));
}

export function l10nBundle(locale: string): Record<string, unknown> {
  return readJson(path.join(repoRoot, 'l10n', `bundle.l10n.${locale}.json`));
}

/** A core catalog as one flat table, `group.key` (and `diagnosticVariants.code.variant`) -> template. */
function flattenCatalog(catalog: { readonly [G in keyof MessageCatalog]: MessageCatalog[G] }): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [group, templates] of Object.entries(catalog)) {
    for (const [key, value] of Object.entries(templates as Record<string, unknown>)) {
      if (typeof value === 'string') {
        flat[`${group}.${key}`] = value;
      } else if (typeof value === 'object' && value !== null) {
        for (const [variant, template] of Object.entries(value as Record<string, string>)) {
          flat[`${group}.${key}.${variant}`] = template;
        }
      }
    }
  }
  return flat;
}

/** The core's English templates (src/core/messages), flattened as `group.key`. */
export function englishCoreMessages(): Record<string, string> {
  return flattenCatalog({
    diagnostics: diagnosticMessages,
    diagnosticVariants: diagnosticVariantMessages,
    fragments: messageFragments,
    knowledge: kbMessages,
    knowledgeTypes: kbTypeDescriptions,
    notices: markdownNoticeMessages,
    quoteErrors: quoteErrorMessages,
    sidecar: sidecarMessages,
  });
}

/** A locale's core catalog (src/core/messages/<locale>.ts), flattened like the English one. */
export function coreMessages(locale: (typeof translatedLocales)[number]): Record<string, string> {
  return flattenCatalog(messageCatalogs[locale]);
}

/** Manifest fields a user reads (command titles, settings, views, walkthroughs…): each must be a `%key%`. */
const userFacingManifestFields: ReadonlySet<string> = new Set([
  'title', 'shortTitle', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage',
  'markdownDeprecationMessage', 'name', 'contextualTitle', 'contents', 'label', 'altText', 'displayName', 'placeholder',
]);
/** Names that read the same in every language. */
const untranslatedNames: ReadonlySet<string> = new Set(['Shotlist']);

/**
 * Where package.json shows a user a string that does not go through package.nls.json: `path: text`
 * for every user-facing field of `contributes` (and the extension's name and description), and the
 * language's display name (its first alias), that is not a `%key%`.
 */
export function unlocalizedManifestStrings(manifest: Record<string, unknown>): string[] {
  const found: string[] = [];
  const check = (where: string, value: unknown): void => {
    if (typeof value === 'string' && !/^%[^%]+%$/u.test(value) && !untranslatedNames.has(value)) {
      found.push(`${where}: ${JSON.stringify(value)}`);
    }
  };
  check('displayName', manifest.displayName);
  check('description', manifest.description);
  const capabilities = manifest.capabilities as { untrustedWorkspaces?: { description?: unknown } } | undefined;
  check('capabilities.untrustedWorkspaces.description', capabilities?.untrustedWorkspaces?.description);
  const stack: [string, unknown][] = [['contributes', manifest.contributes]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [where, value] = item;
    if (Array.isArray(value)) {
      value.forEach((element, index) => stack.push([`${where}[${index}]`, element]));
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const path = `${where}.${key}`;
      if (userFacingManifestFields.has(key) && (typeof child === 'string' || Array.isArray(child))) {
        if (Array.isArray(child)) {
          child.forEach((element, index) => check(`${path}[${index}]`, element));
        } else {
          check(path, child);
        }
      } else if (key === 'aliases' && Array.isArray(child)) {
        // The first alias is the language's name in the status bar and the language picker.
        check(`${path}[0]`, child[0]);
      } else if (key !== 'configurationDefaults' && key !== 'menus' && key !== 'keybindings') {
        stack.push([path, child]);
      }
    }
  }
  return found.sort();
}

/** Everything `--check` reports, as lines (empty when all is in order). */
export function checkTranslations(): string[] {
  const lines: string[] = [];
  const extraction = extractL10nMessages();
  lines.push(...extraction.problems);
  const english = englishBundle(extraction);
  const written = readJson(englishBundlePath);
  const englishReport = compareTranslation(english, written, 'en');
  if (englishReport.missing.length > 0 || englishReport.stale.length > 0) {
    lines.push(`l10n/bundle.l10n.json is out of date (run \`npm run l10n\`):\n${describeReport({ ...englishReport, mismatched: [] }, 'l10n/bundle.l10n.json')}`);
  }
  const unlocalized = unlocalizedManifestStrings(readJson(path.join(repoRoot, 'package.json')));
  if (unlocalized.length > 0) {
    lines.push(`package.json shows ${unlocalized.length} string(s) that are not %keys% of package.nls.json:\n${unlocalized.map((line) => `  ${line}`).join('\n')}`);
  }
  const nls = packageNls() as Record<string, string>;
  for (const locale of translatedLocales) {
    const nlsReport = describeReport(compareTranslation(nls, packageNls(locale), locale), `package.nls.${locale}.json`);
    const bundleReport = describeReport(compareTranslation(english, l10nBundle(locale), locale), `l10n/bundle.l10n.${locale}.json`);
    const coreReport = describeReport(compareTranslation(englishCoreMessages(), coreMessages(locale), locale), `src/core/messages/${locale}.ts`);
    lines.push(...[nlsReport, bundleReport, coreReport].filter((report) => report !== ''));
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}` || process.argv[1]?.endsWith(path.join('scripts', 'l10n.ts'))) {
  if (process.argv.includes('--check')) {
    const problems = checkTranslations();
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    console.log('translations complete');
  } else {
    const extraction = extractL10nMessages();
    if (extraction.problems.length > 0) {
      console.error(extraction.problems.join('\n'));
      process.exit(1);
    }
    writeFileSync(englishBundlePath, `${JSON.stringify(englishBundle(extraction), null, 2)}\n`);
    console.log(`${path.relative(repoRoot, englishBundlePath)}: ${extraction.messages.size} messages`);
  }
}
