// Hover cards for the knowledge base (issue 6): the bundled entries (embedded as text by esbuild, see
// src/yaml.d.ts) merged with `.shotlist/entities.yaml` of each workspace folder in trusted workspaces.
// A broken workspace file reports its problems at their exact positions and never stops the bundled
// knowledge. Every value from a knowledge file is escaped before it reaches the card: nothing from a
// workspace can add links, HTML or commands.
import * as vscode from 'vscode';
import bundledKnowledge from '../core/kb/bundled.yaml';
import { loadKnowledgeBase, mergeKnowledgeBases } from '../core/kb/load';
import { createMatcher, type EntityMatcher, type Mention } from '../core/kb/match';
import type { KbEntry, KbEntryType, KbProblem, KbYear } from '../core/kb/model';

const selector: vscode.DocumentSelector = [{ language: 'unifeed' }, { language: 'plaintext' }, { language: 'markdown' }];
const workspaceFile = ['.shotlist', 'entities.yaml'] as const;
const reloadDelayMs = 100;

/** Every ASCII punctuation character backslash-escaped (CommonMark allows it for all of them), white space runs as one space. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** The knowledge in use: entries by id and the matcher compiled once for this version. */
interface Knowledge {
  readonly version: number;
  readonly byId: ReadonlyMap<string, KbEntry>;
  readonly matcher: EntityMatcher;
}

class KnowledgeHover implements vscode.HoverProvider, vscode.Disposable {
  readonly #diagnostics = vscode.languages.createDiagnosticCollection('shotlist-kb');
  readonly #disposables: vscode.Disposable[] = [];
  readonly #counts = new Map<string, { version: number; kb: number; counts: Map<string, number> }>();
  #bundled: readonly KbEntry[] | undefined;
  #workspace: readonly (readonly KbEntry[])[] = [];
  #version = 0;
  #knowledge: Knowledge | undefined;
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${workspaceFile.join('/')}`);
    const schedule = (): void => this.#schedule();
    this.#disposables.push(
      this.#diagnostics,
      watcher,
      watcher.onDidCreate(schedule),
      watcher.onDidChange(schedule),
      watcher.onDidDelete(schedule),
      vscode.workspace.onDidChangeWorkspaceFolders(schedule),
      vscode.workspace.onDidGrantWorkspaceTrust(schedule),
      vscode.workspace.onDidCloseTextDocument((document) => this.#counts.delete(document.uri.toString())),
      vscode.languages.registerHoverProvider(selector, this),
    );
    this.#bundledEntries();
    void this.reload();
  }

  #bundledEntries(): readonly KbEntry[] {
    // The bundled file is generated and tested: its problems (there are none) are not the user's to fix.
    this.#bundled ??= loadKnowledgeBase(bundledKnowledge, 'bundled').entries;
    return this.#bundled;
  }

  #schedule(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.reload();
    }, reloadDelayMs);
  }

  /** Reads every workspace knowledge file again (trusted workspaces only); the latest call wins. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    const files: KbEntry[][] = [];
    const problems: [vscode.Uri, vscode.Diagnostic[]][] = [];
    if (vscode.workspace.isTrusted) {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const uri = vscode.Uri.joinPath(folder.uri, ...workspaceFile);
        let text: string;
        try {
          text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        } catch {
          continue; // No knowledge file in this folder: nothing to add.
        }
        const kb = loadKnowledgeBase(text, uri.toString());
        files.push([...kb.entries]);
        problems.push([uri, kb.problems.map((problem) => toDiagnostic(problem, text))]);
      }
    }
    if (generation !== this.#generation) {
      return;
    }
    this.#diagnostics.clear();
    for (const [uri, diagnostics] of problems) {
      this.#diagnostics.set(uri, diagnostics);
    }
    this.#workspace = files;
    this.#version++;
    this.#knowledge = undefined;
  }

  #current(): Knowledge {
    if (!this.#knowledge || this.#knowledge.version !== this.#version) {
      const entries = mergeKnowledgeBases(this.#bundledEntries(), ...this.#workspace);
      this.#knowledge = { version: this.#version, byId: new Map(entries.map((entry) => [entry.id, entry])), matcher: createMatcher(entries) };
    }
    return this.#knowledge;
  }

  /** How often each entity is mentioned in this version of the document (the whole text matched once). */
  #countsOf(document: vscode.TextDocument, knowledge: Knowledge): Map<string, number> {
    const key = document.uri.toString();
    const cached = this.#counts.get(key);
    if (cached && cached.version === document.version && cached.kb === knowledge.version) {
      return cached.counts;
    }
    const counts = new Map<string, number>();
    for (const mention of knowledge.matcher.find(document.getText())) {
      counts.set(mention.id, (counts.get(mention.id) ?? 0) + 1);
    }
    this.#counts.set(key, { version: document.version, kb: knowledge.version, counts });
    return counts;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const knowledge = this.#current();
    const line = document.lineAt(position.line).text;
    const mention: Mention | undefined = knowledge.matcher.find(line).find((m) => m.start <= position.character && position.character < m.end);
    const entry = mention && knowledge.byId.get(mention.id);
    if (!mention || !entry) {
      return undefined;
    }
    const count = this.#countsOf(document, knowledge).get(entry.id) ?? 1;
    const range = new vscode.Range(position.line, mention.start, position.line, mention.end);
    return new vscode.Hover(card(entry, count), range);
  }

  dispose(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
    }
    this.#generation++;
    this.#disposables.forEach((disposable) => disposable.dispose());
    this.#counts.clear();
  }
}

/** A problem of a knowledge file at its exact range (offsets into `text`). */
function toDiagnostic(problem: KbProblem, text: string): vscode.Diagnostic {
  const range = new vscode.Range(positionAt(text, problem.start), positionAt(text, problem.end));
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = 'shotlist';
  diagnostic.code = problem.code;
  return diagnostic;
}

function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}

function typeLabel(type: KbEntryType): string {
  switch (type) {
    case 'peacekeeping-operation':
      return vscode.l10n.t('Peacekeeping operation');
    case 'political-mission':
      return vscode.l10n.t('Political mission');
    case 'department':
      return vscode.l10n.t('Department');
    case 'initiative':
      return vscode.l10n.t('Initiative');
    case 'official':
      return vscode.l10n.t('Official');
    case 'resolution':
      return vscode.l10n.t('Resolution');
  }
}

function year(value: KbYear): string {
  return value === 'active' ? vscode.l10n.t('present') : String(value);
}

function span(from: KbYear | undefined, to: KbYear | undefined): string | undefined {
  if (from === undefined) {
    return to === undefined ? undefined : vscode.l10n.t('until {0}', year(to));
  }
  return to === undefined ? vscode.l10n.t('since {0}', year(from)) : vscode.l10n.t('{0}–{1}', year(from), year(to));
}

/** The card: labels are the extension's own Markdown, every value from the knowledge base is escaped text. */
function card(entry: KbEntry, count: number): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.supportHtml = false;
  markdown.isTrusted = false;
  const paragraphs: string[] = [];
  const field = (label: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') {
      paragraphs.push(`**${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`);
    }
  };
  const name = entry.names[0] ?? entry.acronyms[0] ?? entry.id;
  paragraphs.push(`**${escapeMarkdown(name)}**`);
  paragraphs.push(`*${escapeMarkdown(typeLabel(entry.type))}*`);
  field(vscode.l10n.t('Acronyms'), entry.acronyms.length > 0 ? entry.acronyms.join(', ') : undefined);
  field(vscode.l10n.t('Region'), entry.region);
  field(vscode.l10n.t('Country'), entry.country);
  field(vscode.l10n.t('Years'), span(entry.start, entry.end));
  if (entry.end !== undefined) {
    field(vscode.l10n.t('Status'), entry.end === 'active' ? vscode.l10n.t('active') : vscode.l10n.t('closed {0}', String(entry.end)));
  }
  field(vscode.l10n.t('Mandate'), entry.mandate);
  field(vscode.l10n.t('Headquarters'), entry.headquarters);
  field(vscode.l10n.t('Title'), entry.title);
  field(vscode.l10n.t('Organisation'), entry.organisation);
  field(vscode.l10n.t('In post'), span(entry.since, entry.until));
  if (entry.description !== undefined && entry.description.trim() !== '') {
    paragraphs.push(escapeMarkdown(entry.description));
  }
  paragraphs.push(`*${escapeMarkdown(count === 1 ? vscode.l10n.t('Mentioned once in this file') : vscode.l10n.t('Mentioned {0} times in this file', count))}*`);
  markdown.appendMarkdown(paragraphs.join('\n\n'));
  return markdown;
}

/** Hover cards for missions, officials, departments and resolutions in transcripts, plain text and Markdown. */
export function registerKnowledgeHover(): vscode.Disposable {
  return new KnowledgeHover();
}
