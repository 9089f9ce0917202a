// Quote commands: Copy Quote (every selection, in document order), Copy Quote As… (a quick pick of the
// built-in styles and the user's templates, last choice first), Copy All Soundbites (the transcript's quote
// sheet) and Export Quotes… (Markdown, CSV or JSON of this transcript or of the workspace, in a new untitled
// document). The words and the formatting come from src/core (quotes/extract, quotes/styles, quotes/export);
// this file reads the settings, the editor and the clipboard.
import * as vscode from 'vscode';
import { parseTranscriptFileSteps } from '../core/parse';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import { appendAll } from '../core/util/arrays';
import { allQuotesSteps, quoteAt, type QuoteItem } from '../core/quotes/extract';
import { exportQuotesSteps, type QuoteExportFormat } from '../core/quotes/export';
import { builtInStyles, formatQuote, validateStyle, validateTemplate, type QuoteStyle, type QuoteStyleOptions } from '../core/quotes/styles';
import type { TranscriptCache } from './shared/documentCache';
import { languageId } from './shared/editor';
import type { WorkspaceIndex } from './shared/workspaceIndex';

export const quoteCommands = {
  copyQuote: 'shotlist.copyQuote',
  copyQuoteAs: 'shotlist.copyQuoteAs',
  copyAllSoundbites: 'shotlist.copyAllSoundbites',
  exportQuotes: 'shotlist.exportQuotes',
} as const;

const statusMs = 2500;
const lastStyleState = 'shotlist.quotes.lastStyle';

/** Editors whose documents the quote commands read: UNifeed transcripts and Markdown. */
function activeQuoteEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && (editor.document.languageId === languageId || editor.document.languageId === 'markdown') ? editor : undefined;
}

/** The name quotes carry as their file: the workspace-relative path, else the file name. */
function fileLabel(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}

interface QuoteSettings {
  readonly style: QuoteStyle | string;
  readonly options: QuoteStyleOptions;
  readonly templates: Readonly<Record<string, string>>;
}

function readSettings(): QuoteSettings {
  const config = vscode.workspace.getConfiguration('shotlist.quotes');
  const templates = config.get<Record<string, unknown>>('templates') ?? {};
  const stringTemplates: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    if (typeof template === 'string') {
      stringTemplates[name] = template;
    }
  }
  const name = config.get<string>('style') ?? 'wire';
  return {
    style: resolveStyle(name, stringTemplates),
    options: { marks: config.get<string>('marks') === 'straight' ? 'straight' : 'curly' },
    templates: stringTemplates,
  };
}

/** A built-in style by name, else the user template of that name, else the name (validateStyle reports it). */
function resolveStyle(name: string, templates: Readonly<Record<string, string>>): QuoteStyle | string {
  if ((builtInStyles as readonly string[]).includes(name)) {
    return name;
  }
  const template = templates[name];
  return template !== undefined ? { template } : name;
}

/** Shows the style's error (naming the field and position) and returns false when the style cannot be used. */
function checkStyle(style: QuoteStyle | string, name: string): boolean {
  const valid = typeof style === 'object' ? validateTemplate(style.template) : validateStyle(style);
  if (!valid.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Quote style "{0}": {1}', name, valid.error.message));
    return false;
  }
  return true;
}

function styleName(style: QuoteStyle | string): string {
  return typeof style === 'object' ? style.template : style;
}

/** The Soundbites view's node, as the view passes it to an item command. */
interface SoundbiteNodeLike {
  readonly type: 'soundbite';
  readonly uri: vscode.Uri;
  readonly entry: { readonly range: { readonly startLine: number; readonly startCharacter: number }; readonly quoteRange: { readonly startLine: number; readonly startCharacter: number } | null };
}

function isSoundbiteNode(value: unknown): value is SoundbiteNodeLike {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'soundbite' &&
    (value as { uri?: unknown }).uri instanceof vscode.Uri && typeof (value as { entry?: unknown }).entry === 'object';
}

class QuoteCommands {
  readonly #cache: TranscriptCache;
  readonly #index: WorkspaceIndex;
  readonly #state: vscode.Memento;
  /** Stories (or files) whose restrictions were shown this session. */
  readonly #warned = new Set<string>();

  constructor(cache: TranscriptCache, index: WorkspaceIndex, state: vscode.Memento) {
    this.#cache = cache;
    this.#index = index;
    this.#state = state;
  }

  /** The quotes under the selections of the editor (document order), or under a Soundbites view item. */
  async #quotesFor(target: unknown): Promise<QuoteItem[] | undefined> {
    if (isSoundbiteNode(target)) {
      const document = await vscode.workspace.openTextDocument(target.uri);
      const start = target.entry.quoteRange ?? target.entry.range;
      const offset = document.offsetAt(new vscode.Position(start.startLine, start.startCharacter));
      const model = await this.#cache.modelShowingProgress(document);
      const item = model ? quoteAt(model, this.#cache.source(document), { start: offset, end: offset }, fileLabel(document.uri)) : null;
      return item ? [item] : [];
    }
    const editor = activeQuoteEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to copy its quotes.'));
      return undefined;
    }
    const document = editor.document;
    const model = await this.#cache.modelShowingProgress(document);
    if (!model) {
      return undefined;
    }
    const text = this.#cache.source(document);
    const file = fileLabel(document.uri);
    const selections = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
    const items: QuoteItem[] = [];
    for (const selection of selections) {
      const item = quoteAt(model, text, { start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) }, file);
      // Two cursors in the same soundbite copy it once.
      if (item && !items.some((known) => known.line === item.line && known.text === item.text)) {
        items.push(item);
      }
    }
    return items;
  }

  async #copy(items: readonly QuoteItem[], style: QuoteStyle | string, options: QuoteStyleOptions): Promise<void> {
    const texts: string[] = [];
    for (const item of items) {
      const result = formatQuote(item, style, options);
      if (!result.ok) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Quote style "{0}": {1}', styleName(style), result.error.message));
        return;
      }
      texts.push(result.text);
    }
    await vscode.env.clipboard.writeText(texts.join('\n\n'));
    vscode.window.setStatusBarMessage(items.length === 1 ? vscode.l10n.t('Copied 1 quote') : vscode.l10n.t('Copied {0} quotes', items.length), statusMs);
    this.#warnRestrictions(items);
    this.#warnUnsureAttribution(items);
  }

  /**
   * Says so, every time, when a copied quote's speaker and title were a guess (a speaker line that
   * seemed hard-wrapped, a title before the name…): a wrong attribution is worse than none.
   */
  #warnUnsureAttribution(items: readonly QuoteItem[]): void {
    const unsure = items.find((item) => item.attributionUnsure === true);
    if (!unsure) {
      return;
    }
    const who = [unsure.speaker, unsure.title].filter((part) => part !== null).join(', ');
    void vscode.window.showWarningMessage(vscode.l10n.t('Check the attribution before using this quote ({0}): its speaker line was hard to read.',
      who === '' ? vscode.l10n.t('no speaker') : who));
  }

  /** Warns once per story and session when a copied quote carries restrictions (the text carries them too). */
  #warnRestrictions(items: readonly QuoteItem[]): void {
    for (const item of items) {
      if (item.restrictions === null) {
        continue;
      }
      const key = `${item.file}\n${item.story ?? ''}`;
      if (this.#warned.has(key)) {
        continue;
      }
      this.#warned.add(key);
      void vscode.window.showWarningMessage(item.story !== null
        ? vscode.l10n.t('{0} carries restrictions: {1}', item.story, item.restrictions)
        : vscode.l10n.t('This transcript carries restrictions: {0}', item.restrictions));
    }
  }

  async copyQuote(target: unknown): Promise<void> {
    const settings = readSettings();
    if (!checkStyle(settings.style, styleName(settings.style))) {
      return;
    }
    await this.#copyIn(target, settings.style, settings.options);
  }

  async #copyIn(target: unknown, style: QuoteStyle | string, options: QuoteStyleOptions): Promise<void> {
    const items = await this.#quotesFor(target);
    if (items === undefined) {
      return;
    }
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No quote under the cursor: put it in a soundbite, an answer or a quoted passage.'));
      return;
    }
    await this.#copy(items, style, options);
  }

  /** Copy Quote As…: a style name as argument (keybindings, tests) skips the quick pick. */
  async copyQuoteAs(target: unknown): Promise<void> {
    const settings = readSettings();
    let name: string | undefined = typeof target === 'string' ? target : undefined;
    if (name === undefined) {
      name = await this.#pickStyle(settings);
      if (name === undefined) {
        return;
      }
      await this.#state.update(lastStyleState, name);
    }
    const style = resolveStyle(name, settings.templates);
    if (!checkStyle(style, name)) {
      return;
    }
    await this.#copyIn(typeof target === 'string' ? undefined : target, style, settings.options);
  }

  async #pickStyle(settings: QuoteSettings): Promise<string | undefined> {
    const descriptions: Record<string, string> = {
      wire: vscode.l10n.t('“…,” said Name, Title.'),
      broadcast: vscode.l10n.t('NAME / Title / “…” on separate lines'),
      citation: vscode.l10n.t('“…” — Name, Title (Source, date, place)'),
      markdown: vscode.l10n.t('> … blockquote with attribution'),
      plain: vscode.l10n.t('the words, then Name, Title'),
    };
    const items: (vscode.QuickPickItem & { styleName: string })[] = [
      ...builtInStyles.map((style) => ({ label: style, description: descriptions[style], styleName: style })),
      ...Object.entries(settings.templates)
        .filter(([name]) => !(builtInStyles as readonly string[]).includes(name))
        .map(([name, template]) => ({ label: name, description: vscode.l10n.t('template'), detail: template, styleName: name })),
    ];
    const last = this.#state.get<string>(lastStyleState);
    const lastIndex = items.findIndex((item) => item.styleName === last);
    if (lastIndex > 0) {
      const [lastUsed] = items.splice(lastIndex, 1);
      if (lastUsed) {
        items.unshift(lastUsed);
      }
    }
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Copy the quote in which style?') });
    return picked?.styleName;
  }

  async copyAllSoundbites(): Promise<void> {
    const editor = activeQuoteEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to copy its quotes.'));
      return;
    }
    const settings = readSettings();
    if (!checkStyle(settings.style, styleName(settings.style))) {
      return;
    }
    const document = editor.document;
    const model = await this.#cache.modelShowingProgress(document);
    if (!model) {
      return;
    }
    // In slices: a 50 MB archive's sheet is 58,000 quotes, hundreds of milliseconds to make.
    const items = await runSteps(allQuotesSteps(model, this.#cache.source(document), fileLabel(document.uri)), new TimeSlicer());
    if (!items || items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This transcript has no quotes to copy.'));
      return;
    }
    const sheet = await runSteps(exportQuotesSteps(items, 'text', settings.style, settings.options), new TimeSlicer());
    if (!sheet) {
      return;
    }
    if (!sheet.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Quote style "{0}": {1}', styleName(settings.style), sheet.error.message));
      return;
    }
    await vscode.env.clipboard.writeText(sheet.text.replace(/\n$/u, ''));
    vscode.window.setStatusBarMessage(items.length === 1 ? vscode.l10n.t('Copied 1 quote') : vscode.l10n.t('Copied {0} quotes', items.length), statusMs);
    this.#warnRestrictions(items);
  }

  /**
   * Export Quotes…: quick picks for the format and the scope, then a new untitled document.
   * `{ format, scope }` as argument (keybindings, tests) skips the picks; returns the document shown.
   */
  async exportQuotes(options?: unknown): Promise<vscode.TextDocument | undefined> {
    const given = typeof options === 'object' && options !== null && !(options instanceof vscode.Uri) ? options as { format?: unknown; scope?: unknown } : {};
    const formats: readonly QuoteExportFormat[] = ['markdown', 'csv', 'json'];
    let format = formats.find((candidate) => candidate === given.format);
    if (format === undefined) {
      const picked = await vscode.window.showQuickPick([
        { label: vscode.l10n.t('Markdown'), format: 'markdown' as const },
        { label: vscode.l10n.t('CSV'), format: 'csv' as const },
        { label: vscode.l10n.t('JSON'), format: 'json' as const },
      ], { placeHolder: vscode.l10n.t('Export the quotes as…') });
      if (!picked) {
        return undefined;
      }
      format = picked.format;
    }
    const editor = activeQuoteEditor();
    let scope = given.scope === 'workspace' || given.scope === 'file' ? given.scope : undefined;
    if (scope === undefined) {
      if (editor) {
        const picked = await vscode.window.showQuickPick([
          { label: vscode.l10n.t('This transcript'), description: fileLabel(editor.document.uri), scope: 'file' as const },
          { label: vscode.l10n.t('Every transcript in the workspace'), scope: 'workspace' as const },
        ], { placeHolder: vscode.l10n.t('Export the quotes of…') });
        if (!picked) {
          return undefined;
        }
        scope = picked.scope;
      } else {
        scope = 'workspace';
      }
    }
    const settings = readSettings();
    if (!checkStyle(settings.style, styleName(settings.style))) {
      return undefined;
    }
    let items: QuoteItem[];
    if (scope === 'file') {
      if (!editor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to export its quotes.'));
        return undefined;
      }
      const model = await this.#cache.modelShowingProgress(editor.document);
      if (!model) {
        return undefined;
      }
      items = await runSteps(allQuotesSteps(model, this.#cache.source(editor.document), fileLabel(editor.document.uri)), new TimeSlicer()) ?? [];
    } else {
      items = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the quotes of the workspace') },
        () => this.#workspaceQuotes(),
      );
    }
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No quotes to export.'));
      return undefined;
    }
    const sheet = await runSteps(exportQuotesSteps(items, format, settings.style, settings.options), new TimeSlicer());
    if (!sheet) {
      return undefined;
    }
    if (!sheet.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Quote style "{0}": {1}', styleName(settings.style), sheet.error.message));
      return undefined;
    }
    const languages = await vscode.languages.getLanguages();
    const language = format === 'csv' ? (languages.includes('csv') ? 'csv' : 'plaintext') : format;
    const document = await vscode.workspace.openTextDocument({ language, content: sheet.text });
    await vscode.window.showTextDocument(document);
    this.#warnRestrictions(items);
    return document;
  }

  /** Every quote of every indexed transcript: open documents as edited, other files as saved. */
  async #workspaceQuotes(): Promise<QuoteItem[]> {
    await this.#index.whenReady();
    const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    const uris = [...this.#index.files()].map((file) => file.uri).sort((a, b) => fileLabel(a).localeCompare(fileLabel(b)));
    const decoder = new TextDecoder('utf-8');
    const slicer = new TimeSlicer();
    const items: QuoteItem[] = [];
    for (const uri of uris) {
      const document = open.get(uri.toString());
      if (document) {
        const model = await this.#cache.model(document);
        const quotes = model && await runSteps(allQuotesSteps(model, this.#cache.source(document), fileLabel(uri)), slicer);
        appendAll(items, quotes ?? []);
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // deleted meanwhile, or unreadable
      }
      // In steps: the index holds archives of up to 16 MB, each several hundred ms to parse in one call.
      const model = await runSteps(parseTranscriptFileSteps(text, uri.path), slicer);
      const quotes = model && await runSteps(allQuotesSteps(model, text, fileLabel(uri)), slicer);
      appendAll(items, quotes ?? []);
      await slicer.checkpoint();
    }
    return items;
  }
}

export function registerQuotes(cache: TranscriptCache, index: WorkspaceIndex, state: vscode.Memento): vscode.Disposable {
  const commands = new QuoteCommands(cache, index, state);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(quoteCommands.copyQuote, (target?: unknown) => commands.copyQuote(target)),
    vscode.commands.registerCommand(quoteCommands.copyQuoteAs, (target?: unknown) => commands.copyQuoteAs(target)),
    vscode.commands.registerCommand(quoteCommands.copyAllSoundbites, () => commands.copyAllSoundbites()),
    vscode.commands.registerCommand(quoteCommands.exportQuotes, (options?: unknown) => commands.exportQuotes(options)),
  );
}
