// The knowledge in use, shared by the hover cards, the mention commands and Find All References: the
// bundled entries (embedded as text by esbuild, see src/yaml.d.ts) merged with the workspace's knowledge
// files, and one matcher compiled per version of that merge. Workspace files are read in trusted
// workspaces only; later files override earlier ones by id:
//   bundled → for each workspace folder: the files of `shotlist.knowledge.files` in the order listed,
//   then the folder's `.shotlist/entities.yaml` (the most local file has the last word).
// A broken file reports its problems at their exact positions and never stops the rest. Every file is
// watched, and a change of the setting, the folders or the trust reloads without a restart.
// Nothing here holds the host: a file's size is checked before it is read (over the limit it is one
// problem, unread), workspace files are parsed in the core worker, and the bundled entries were
// checked and converted at build time (scripts/build.mjs), so using them costs no YAML parse.
import * as vscode from 'vscode';
import type { ShotlistLog } from './output';
import bundledEntries from '../../core/kb/bundled.yaml?entries';
import { loadKnowledgeBase, maxKnowledgeFileLength, mergeKnowledgeBases, oversizedKnowledgeFile } from '../../core/kb/load';
import { createMatcher, createMatcherSteps, type EntityMatcher, type Mention } from '../../core/kb/match';
import { findMentionsSteps, isAbsoluteKnowledgePath, knowledgeFilePaths, relativeKnowledgeSegments, updateMentions } from '../../core/kb/mentions';
import { editOf, type TextEdit } from '../../core/text/edits';
import type { KbEntry, KbProblem, KnowledgeBase } from '../../core/kb/model';
import { kbMessage } from '../../core/messages/knowledge';
import { LineTable } from '../../core/text/lineTable';
import type { CoreWorkerClient } from '../../workers/client';
import { runSteps, TimeSlicer } from '../../core/workspace/timeSlicer';
import { editorText, isLargeDocument } from './documentCache';
import { languageId, toRange } from './editor';
import { readTextFile, uriBaseName } from './files';

export const knowledgeSelector: vscode.DocumentSelector = [{ language: languageId }, { language: 'plaintext' }, { language: 'markdown' }];
const folderFile = ['.shotlist', 'entities.yaml'] as const;
const filesSetting = 'knowledge.files';
const reloadDelayMs = 100;
/** Compiling the knowledge ahead of its first use is never urgent: short slices. */
const compileSliceMs = 4;

/** One version of the knowledge: entries by id and the matcher compiled for them. */
export interface KnowledgeSnapshot {
  readonly version: number;
  readonly byId: ReadonlyMap<string, KbEntry>;
  readonly matcher: EntityMatcher;
}

function snapshotOf(version: number, entries: readonly KbEntry[], matcher: EntityMatcher): KnowledgeSnapshot {
  return { version, byId: new Map(entries.map((entry) => [entry.id, entry])), matcher };
}

export class Knowledge implements vscode.Disposable {
  readonly #diagnostics = vscode.languages.createDiagnosticCollection('shotlist-kb');
  readonly #disposables: vscode.Disposable[] = [];
  /** Watchers of the setting's files, by URI: they may lie outside the workspace, so each has its own. */
  readonly #fileWatchers = new Map<string, vscode.Disposable>();
  /** Large documents being matched in slices, by URI (see mentionsInSlices). */
  readonly #readings = new Map<string, { version: number; kb: number; found: Promise<readonly Mention[] | undefined> }>();
  /** Mentions per document version, with the edits made since (so the next version re-reads only the edited lines). */
  readonly #mentions = new Map<string, { version: number; kb: number; mentions: readonly Mention[]; pending?: { edit: TextEdit; version: number } }>();
  /** Setting paths already reported as unreadable, so a reload does not repeat the message. */
  readonly #reportedMissing = new Set<string>();
  readonly #onDidChange = new vscode.EventEmitter<void>();
  /** Fires after the workspace knowledge was read again. */
  readonly onDidChange = this.#onDidChange.event;
  readonly #worker: CoreWorkerClient;
  readonly #log: ShotlistLog;
  #workspace: readonly (readonly KbEntry[])[] = [];
  #version = 0;
  #snapshot: KnowledgeSnapshot | undefined;
  /** The snapshot being compiled in steps (see prepared()). */
  #compiling: { version: number; matcher: Promise<KnowledgeSnapshot | undefined> } | undefined;
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(worker: CoreWorkerClient, log: ShotlistLog) {
    this.#worker = worker;
    this.#log = log;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${folderFile.join('/')}`);
    const schedule = (): void => this.#schedule();
    this.#disposables.push(
      this.#diagnostics,
      this.#onDidChange,
      watcher,
      watcher.onDidCreate(schedule),
      watcher.onDidChange(schedule),
      watcher.onDidDelete(schedule),
      vscode.workspace.onDidChangeWorkspaceFolders(schedule),
      vscode.workspace.onDidGrantWorkspaceTrust(schedule),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`shotlist.${filesSetting}`)) {
          this.#reportedMissing.clear();
          schedule();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.#mentions.delete(document.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((event) => {
        const cached = this.#mentions.get(event.document.uri.toString());
        if (cached && event.contentChanges.length > 0 && event.document.version > cached.version) {
          const edit = editOf(event.contentChanges, cached.pending?.edit);
          cached.pending = edit ? { edit, version: event.document.version } : undefined;
        }
      }),
    );
    void this.reload();
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

  /** The knowledge files in override order (trusted workspaces only), each URI once. */
  #files(): vscode.Uri[] {
    if (!vscode.workspace.isTrusted) {
      return [];
    }
    const uris = new Map<string, vscode.Uri>();
    const add = (uri: vscode.Uri): void => {
      // A file listed twice (or the folder's own file listed in the setting) keeps its first place.
      if (!uris.has(uri.toString())) {
        uris.set(uri.toString(), uri);
      }
    };
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const folder of folders) {
      for (const path of knowledgeFilePaths(vscode.workspace.getConfiguration('shotlist', folder.uri).get<unknown>(filesSetting))) {
        // eslint-disable-next-line no-restricted-syntax -- a path's segments: as many as the user wrote
        add(isAbsoluteKnowledgePath(path) ? absoluteKnowledgeUri(path, folder.uri) : vscode.Uri.joinPath(folder.uri, ...relativeKnowledgeSegments(path)));
      }
      // eslint-disable-next-line no-restricted-syntax -- two fixed segments
      add(vscode.Uri.joinPath(folder.uri, ...folderFile));
    }
    if (folders.length === 0) {
      // A window without a folder: only absolute paths of the user's setting mean anything.
      for (const path of knowledgeFilePaths(vscode.workspace.getConfiguration('shotlist').get<unknown>(filesSetting))) {
        if (isAbsoluteKnowledgePath(path)) {
          add(absoluteKnowledgeUri(path, undefined));
        }
      }
    }
    return [...uris.values()];
  }

  /** Watches the setting's files that are not `.shotlist/entities.yaml` (the glob watcher covers those). */
  #watch(uris: readonly vscode.Uri[]): void {
    const wanted = new Map(uris.filter((uri) => !uri.path.endsWith(`/${folderFile.join('/')}`)).map((uri) => [uri.toString(), uri]));
    for (const [key, watcher] of this.#fileWatchers) {
      if (!wanted.has(key)) {
        watcher.dispose();
        this.#fileWatchers.delete(key);
      }
    }
    for (const [key, uri] of wanted) {
      if (this.#fileWatchers.has(key)) {
        continue;
      }
      const name = uriBaseName(uri);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name));
      const schedule = (): void => this.#schedule();
      this.#fileWatchers.set(key, vscode.Disposable.from(watcher, watcher.onDidCreate(schedule), watcher.onDidChange(schedule), watcher.onDidDelete(schedule)));
    }
  }

  /** Reads every workspace knowledge file again; the latest call wins. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    const uris = this.#files();
    this.#watch(uris);
    const files: (readonly KbEntry[])[] = [];
    const problems: [vscode.Uri, vscode.Diagnostic[]][] = [];
    const missing: string[] = [];
    for (const uri of uris) {
      const read = await this.#read(uri);
      if (read === 'missing') {
        // No `.shotlist/entities.yaml` is normal; a file the setting names but that cannot be read is worth a word.
        if (!uri.path.endsWith(`/${folderFile.join('/')}`)) {
          missing.push(uri.scheme === 'file' ? uri.fsPath : uri.toString());
        }
        continue;
      }
      if (generation !== this.#generation) {
        return;
      }
      const [kb, text] = read;
      files.push(kb.entries);
      const table = new LineTable(text);
      problems.push([uri, kb.problems.map((problem) => toDiagnostic(problem, table))]);
      if (kb.problems.some((problem) => problem.code === 'too-large')) {
        const first = kb.problems[0];
        this.#log.warn(vscode.l10n.t('Knowledge file not read: {0} ({1})', vscode.workspace.asRelativePath(uri), first ? kbMessage(first.code, first.data) : ''));
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
    this.#snapshot = undefined;
    this.#onDidChange.fire();
    void this.prepared();
    const unreported = missing.filter((path) => !this.#reportedMissing.has(path));
    if (unreported.length > 0) {
      unreported.forEach((path) => this.#reportedMissing.add(path));
      void vscode.window.showWarningMessage(vscode.l10n.t('Shotlist could not read these knowledge files of the setting "shotlist.knowledge.files": {0}', unreported.join(', ')));
    }
  }

  /** One knowledge file read and checked (size first, then in the worker), with its text for positions; 'missing' when unreadable. */
  async #read(uri: vscode.Uri): Promise<readonly [KnowledgeBase, string] | 'missing'> {
    const read = await readTextFile(uri, { maxBytes: maxKnowledgeFileLength });
    if (read.kind === 'too-large') {
      return [oversizedKnowledgeFile(read.size, uri.toString()), ''];
    }
    if (read.kind !== 'text') {
      return 'missing';
    }
    const text = read.text;
    if (this.#worker.unavailable === undefined) {
      const answer = await this.#worker.knowledge(text, uri.toString());
      if ('entries' in answer) {
        return [answer, text];
      }
      if ('cancelled' in answer) {
        return [{ entries: [], problems: [] }, text];
      }
      if ('error' in answer && this.#worker.unavailable === undefined) {
        this.#log.error(vscode.l10n.t('Knowledge file not read: {0} ({1})', vscode.workspace.asRelativePath(uri), answer.error));
        return [{ entries: [], problems: [] }, text];
      }
    }
    // No worker: the file is at most 2 MB, parsed here.
    return [loadKnowledgeBase(text, uri.toString()), text];
  }

  /** The merged knowledge's entries of this version. */
  #entries(): readonly KbEntry[] {
    // eslint-disable-next-line no-restricted-syntax -- one list per knowledge file of the workspace
    return mergeKnowledgeBases(bundledEntries, ...this.#workspace);
  }

  /**
   * The merged knowledge, compiled once per version. Compiled in steps after each reload (see
   * prepared()); a caller that comes before those steps are done compiles it here, in one call.
   */
  current(): KnowledgeSnapshot {
    if (!this.#snapshot || this.#snapshot.version !== this.#version) {
      const entries = this.#entries();
      this.#snapshot = snapshotOf(this.#version, entries, createMatcher(entries));
    }
    return this.#snapshot;
  }

  /**
   * The snapshot of this version, compiled in steps if it is not yet: compiling the bundled knowledge
   * alone takes 10-40 ms, which the first hover or Next mention would otherwise pay in one task.
   */
  async prepared(): Promise<KnowledgeSnapshot> {
    // Each turn compiles the version current when it starts; a reload meanwhile means one more turn.
    for (;;) {
      const version = this.#version;
      if (this.#snapshot?.version === version) {
        return this.#snapshot;
      }
      let compiling = this.#compiling;
      if (compiling?.version !== version) {
        const entries = this.#entries();
        const stale = (): boolean => this.#version !== version || this.#snapshot?.version === version;
        const matcher = runSteps(createMatcherSteps(entries), new TimeSlicer({ budgetMs: compileSliceMs }), stale);
        compiling = { version, matcher: matcher.then((compiled) => compiled && snapshotOf(version, entries, compiled)) };
        this.#compiling = compiling;
      }
      let compiled: KnowledgeSnapshot | undefined;
      try {
        compiled = await compiling.matcher;
      } catch {
        // Never expected: the steps run createMatcher's own code. The one-call compile answers instead.
        if (this.#compiling === compiling) {
          this.#compiling = undefined;
        }
        return this.current();
      }
      if (this.#snapshot?.version === this.#version) {
        return this.#snapshot; // current() came first
      }
      if (compiled?.version === this.#version) {
        this.#snapshot = compiled;
        return compiled;
      }
    }
  }

  /**
   * Every mention in this version of the document (matched once per version; after an edit, only the
   * edited lines), in one call: for documents that are not large (see mentionsInSlices).
   */
  mentions(document: vscode.TextDocument): readonly Mention[] {
    const snapshot = this.current();
    const key = document.uri.toString();
    const cached = this.#mentions.get(key);
    if (cached && cached.version === document.version && cached.kb === snapshot.version) {
      return cached.mentions;
    }
    const text = document.getText();
    const mentions = cached?.pending && cached.pending.version === document.version && cached.kb === snapshot.version
      ? updateMentions(snapshot.matcher, cached.mentions, text, cached.pending.edit)
      : snapshot.matcher.find(text);
    this.#mentions.set(key, { version: document.version, kb: snapshot.version, mentions });
    return mentions;
  }

  /**
   * Every mention in this version of the document, as mentions() gives them, without holding the
   * extension host: a large document (isLargeDocument) is matched in slices, a window of its lines at a
   * time (a 50 MB archive takes a second or two in all), and the result is kept for the version; two
   * callers of one version share one reading. Undefined when the document changed or closed first.
   */
  async mentionsInSlices(document: vscode.TextDocument): Promise<readonly Mention[] | undefined> {
    const version = document.version;
    const snapshot = await this.prepared();
    if (document.isClosed || document.version !== version) {
      return undefined;
    }
    if (!isLargeDocument(document)) {
      return this.mentions(document);
    }
    const key = document.uri.toString();
    const cached = this.#mentions.get(key);
    if (cached && cached.version === version && cached.kb === snapshot.version) {
      return cached.mentions;
    }
    const running = this.#readings.get(key);
    if (running && running.version === version && running.kb === snapshot.version) {
      return running.found;
    }
    const stale = (): boolean => document.isClosed || document.version !== version || this.#version !== snapshot.version;
    const reading = { version, kb: snapshot.version, found: runSteps(findMentionsSteps(snapshot.matcher, editorText(document)), new TimeSlicer(), stale) };
    this.#readings.set(key, reading);
    void reading.found.then((mentions) => {
      if (this.#readings.get(key) === reading) {
        this.#readings.delete(key);
      }
      if (mentions !== undefined && !stale()) {
        this.#mentions.set(key, { version, kb: snapshot.version, mentions });
      }
    });
    return reading.found;
  }

  /**
   * The mentions on one line, for a hover in a large document: matching all of a 50 MB archive would
   * hold the host for seconds, and a hover needs only the words under the pointer.
   */
  mentionsOnLine(document: vscode.TextDocument, line: number): readonly Mention[] {
    const base = document.offsetAt(new vscode.Position(line, 0));
    return this.current().matcher.find(document.lineAt(line).text).map((mention) => ({ ...mention, start: mention.start + base, end: mention.end + base }));
  }

  dispose(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
    }
    this.#generation++;
    this.#disposables.forEach((disposable) => disposable.dispose());
    this.#fileWatchers.forEach((watcher) => watcher.dispose());
    this.#fileWatchers.clear();
    this.#mentions.clear();
    this.#readings.clear();
  }
}

/**
 * An absolute path of the setting as a URI. On a local disk it is a file path (Windows forms included).
 * In a remote or virtual workspace (vscode-remote:, vscode-vfs:… folders, as in VS Code for the Web) a
 * `/…` path names a file on the folder's own file system, the only one workspace.fs can reach there.
 */
function absoluteKnowledgeUri(path: string, folder: vscode.Uri | undefined): vscode.Uri {
  if (folder && folder.scheme !== 'file' && path.startsWith('/')) {
    return folder.with({ path, query: '', fragment: '' });
  }
  return vscode.Uri.file(path);
}

/** A problem of a knowledge file at its exact range (offsets into the file's text). */
function toDiagnostic(problem: KbProblem, table: LineTable): vscode.Diagnostic {
  const range = toRange(table.rangeFromOffsets(problem.start, problem.end));
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  // Worded here from the code and data: the worker that read the file words its problems in English.
  const diagnostic = new vscode.Diagnostic(range, kbMessage(problem.code, problem.data), severity);
  diagnostic.source = 'shotlist';
  diagnostic.code = problem.code;
  return diagnostic;
}

/** The shared knowledge: create once in activate() and hand to every feature that reads mentions. */
export function registerKnowledge(worker: CoreWorkerClient, log: ShotlistLog): Knowledge {
  return new Knowledge(worker, log);
}
