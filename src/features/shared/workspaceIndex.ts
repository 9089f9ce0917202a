// The workspace index: the stories and soundbites of every transcript in the workspace folders, read
// from disk in the background without opening editors, and kept current by a file watcher. Open
// transcripts take precedence over their file on disk (their unsaved text is what the user sees).
// Web-compatible: files are found with workspace.findFiles and read with workspace.fs, never Node's fs.
//
// The build never holds the extension host for long: files are read a few at a time, and the
// synchronous work (decode, detect, parse, index) runs in slices of about a dozen milliseconds
// (core/timeSlicer.ts) separated by turns of the event loop; only the parse of one file is never cut. Progress shows in the status bar;
// "Shotlist: Stop Indexing Transcripts" cancels, "Shotlist: Rebuild Transcript Index" starts again.
import * as vscode from 'vscode';
import type { ShotlistLog } from './output';
import { formatMarkdownNotice } from '../../core/messages/notices';
import { isMarkdownFile, type MarkdownNotice } from '../../core/parse';
import { appendAll } from '../../core/util/arrays';
import { runSteps, TimeSlicer } from '../../core/workspace/timeSlicer';
import type { TranscriptDocument } from '../../core/model';
import { indexSteps, indexTextInSlices, indexTranscript, type FileEntry, type PreviousEntry } from '../../core/workspace/entries';
import { indexedExtensions, indexPolicy, type IndexPolicyOptions } from '../../core/workspace/policy';
import { searchIndexSteps, type SearchHit } from '../../core/workspace/search';
import type { CoreWorkerClient, IndexAnswer } from '../../workers/client';
import type { TranscriptCache } from './documentCache';
import { disposeAllOf, languageId } from './editor';

export const rebuildIndexCommand = 'shotlist.index.rebuild';
export const cancelIndexCommand = 'shotlist.index.cancel';
/** Context key: true while the index reads the workspace. */
export const indexingContextKey = 'shotlist.indexing';

const includeGlob = `**/*.{${indexedExtensions.join(',')}}`;
/** The setting that bounds what the index reads, in megabytes, and its default. */
export const maxFileSizeSetting = 'index.maxFileSizeMB';
const defaultMaxFileSizeMB = 16;
/** Files up to this size (bytes, not Markdown) are parsed in the host: a few milliseconds each (see #index). */
const inHostParseBytes = 64 * 1024;
/** Files read at the same time. */
const readConcurrency = 8;
/** Edits in open documents and file events are gathered for this long before the index catches up. */
const settleMs = 300;
/** How often listeners hear about changes while a build runs (and after single updates). */
const buildNotifyMs = 1000;
const updateNotifyMs = 100;
/** The initial build waits this long after activation, so that it does not compete with startup. */
const startDelayMs = 400;
/** Schemes of open documents that count as the user's transcripts. */
const documentSchemes: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/** Deletes the keys (file URIs) that start with `prefix` (a folder's URI and a slash); true when there were any. */
function deleteKeysUnder(keys: Map<string, unknown> | Set<string>, prefix: string): boolean {
  let deleted = false;
  for (const key of [...keys.keys()]) {
    if (key.startsWith(prefix)) {
      keys.delete(key);
      deleted = true;
    }
  }
  return deleted;
}

/** An open document the index reads from the editor rather than from disk. */
function isIndexedDocument(document: vscode.TextDocument): boolean {
  return document.languageId === languageId && documentSchemes.has(document.uri.scheme);
}

/** A size in megabytes with one decimal, written as the display language writes numbers (`16,5` in French). */
function megabytes(bytes: number): string {
  try {
    return new Intl.NumberFormat(vscode.env.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
  } catch {
    return (bytes / 1024 / 1024).toFixed(1); // a language tag Intl does not take
  }
}

export interface IndexedFile {
  readonly uri: vscode.Uri;
  readonly entry: FileEntry;
  /** True when the entry comes from an open document rather than the file on disk. */
  readonly fromDocument: boolean;
}

export interface IndexStats {
  readonly files: number;
  readonly soundbites: number;
  /** Files read by the last build (or update batch), transcripts or not. */
  readonly lastBatchFiles: number;
  readonly lastBatchMs: number;
  /** The longest synchronous stretch of the last batch, in milliseconds. */
  readonly longestSliceMs: number;
  /** Files the index should have read but skipped (too large, unreadable, failing). */
  readonly skipped: number;
  /** Files open in an editor when the index came to them: their document is indexed, their file is read once closed. */
  readonly readWhenClosed: number;
}

interface Read {
  readonly uri: vscode.Uri;
  readonly detect: boolean;
  /** null when the file is gone, unreadable, too large, or skipped by policy. */
  readonly bytes: Uint8Array | null;
  /** Why a file the index should have read was not (too large, unreadable), for the Output channel. */
  readonly skipped?: string;
  /** Open in an editor: indexed from its document (see #readWhenClosed). */
  readonly open?: true;
}

export class WorkspaceIndex implements vscode.Disposable {
  readonly #cache: TranscriptCache;
  readonly #disk = new Map<string, IndexedFile>();
  readonly #documents = new Map<string, IndexedFile & { readonly version: number }>();
  readonly #onDidChange = new vscode.EventEmitter<void>();
  /** Fires (throttled) when entries were added, changed or removed. */
  readonly onDidChange = this.#onDidChange.event;
  readonly #disposables: vscode.Disposable[] = [];
  readonly #decoder = new TextDecoder('utf-8');
  readonly #policies = new Map<string, IndexPolicyOptions>();
  readonly #documentTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The version of each open document being indexed now. */
  readonly #indexing = new Map<string, number>();
  readonly #pending = new Map<string, vscode.Uri>();
  readonly #maybeFolders = new Map<string, vscode.Uri>();
  #pendingTimer: ReturnType<typeof setTimeout> | undefined;
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;
  #notifyDue = 0;
  /** Counts changes, so that readers can tell whether what they built from the index is current. */
  #generation = 0;
  #startTimer: ReturnType<typeof setTimeout> | undefined;
  #build: { readonly source: vscode.CancellationTokenSource; readonly done: Promise<void> } | undefined;
  #updates: Promise<void> = Promise.resolve();
  #disposed = false;
  #stats: IndexStats = { files: 0, soundbites: 0, lastBatchFiles: 0, lastBatchMs: 0, longestSliceMs: 0, skipped: 0, readWhenClosed: 0 };
  /** Files skipped and why (by URI), kept until the file is read again or deleted. */
  readonly #skipped = new Map<string, string>();
  /**
   * Files not read because they were open in an editor, whose document the index reads instead: an open
   * 50 MB archive parsed again in the worker only to be hidden by its document's entry, then copied into
   * the host, held the host for the garbage collector. Read from disk when the document closes.
   */
  readonly #readWhenClosed = new Set<string>();
  readonly #log: ShotlistLog;
  readonly #worker: CoreWorkerClient;
  #saidNoWorker = false;

  constructor(cache: TranscriptCache, worker: CoreWorkerClient, log: ShotlistLog) {
    this.#cache = cache;
    this.#worker = worker;
    this.#log = log;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.#disposables.push(
      this.#onDidChange,
      watcher,
      watcher.onDidCreate((uri) => this.#fileEvent(uri, true)),
      watcher.onDidChange((uri) => this.#fileEvent(uri, false)),
      watcher.onDidDelete((uri) => this.#deleted(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => void this.#documentChanged(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.#scheduleDocument(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.#documentClosed(document)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rebuild()),
      vscode.commands.registerCommand(rebuildIndexCommand, () => this.rebuild()),
      vscode.commands.registerCommand(cancelIndexCommand, () => this.cancel()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['shotlist.detectTranscripts', `shotlist.${maxFileSizeSetting}`, 'files.associations', 'files.exclude'].some((section) => event.affectsConfiguration(section))) {
          void this.rebuild();
        }
      }),
    );
    // Documents already open are indexed once they settle, not inside activate().
    vscode.workspace.textDocuments.forEach((document) => this.#scheduleDocument(document));
    this.#startTimer = setTimeout(() => {
      this.#startTimer = undefined;
      if (!this.#build) {
        void this.rebuild();
      }
    }, startDelayMs);
  }

  /** Every indexed transcript: open documents first, then files on disk that are not open. */
  *files(): IterableIterator<IndexedFile> {
    yield* this.#documents.values();
    for (const [key, file] of this.#disk) {
      if (!this.#documents.has(key)) {
        yield file;
      }
    }
  }

  /** The indexed entry of one file (the open document's when it is open), if it is a transcript. */
  file(uri: vscode.Uri): IndexedFile | undefined {
    const key = uri.toString();
    return this.#documents.get(key) ?? this.#disk.get(key);
  }

  /**
   * The entry of an open transcript at its current version: indexed now when its model is at hand (a
   * small document, or edits still settling); undefined while a large document is still being read or
   * indexed in steps, which then ends with onDidChange.
   */
  entryOf(document: vscode.TextDocument): FileEntry | undefined {
    const key = document.uri.toString();
    const known = this.#documents.get(key);
    if (known && known.version === document.version) {
      return known.entry;
    }
    const model = this.#cache.isLarge(document) ? undefined : this.#cache.peek(document);
    if (model === undefined) {
      this.#scheduleDocument(document, 0);
      return undefined;
    }
    const entry = indexTranscript(model, key);
    if (isIndexedDocument(document)) {
      this.#documents.set(key, { uri: document.uri, entry, fromDocument: true, version: document.version });
      this.#notify(updateNotifyMs);
    }
    return entry;
  }

  /**
   * Workspace symbol search over the index (see core/workspace/search.ts), in slices: one pass over a
   * 50 MB archive's 58,000 soundbites takes tens of milliseconds, and the picker asks on every
   * keystroke. Undefined when `isCancelled` turns true first (the query changed).
   */
  async search(query: string, limit: number, isCancelled: () => boolean = () => false): Promise<Array<SearchHit & { readonly uri: vscode.Uri }> | undefined> {
    const uris = new Map<string, vscode.Uri>();
    const entries: FileEntry[] = [];
    for (const file of this.files()) {
      uris.set(file.entry.file, file.uri);
      entries.push(file.entry);
    }
    const hits = await runSteps(searchIndexSteps(entries, query, { limit }), new TimeSlicer(), isCancelled);
    return hits?.map((hit) => ({ ...hit, uri: uris.get(hit.entry.file) ?? vscode.Uri.parse(hit.entry.file) }));
  }

  /** Grows with every change to the entries (before onDidChange, which is throttled, fires). */
  get generation(): number {
    return this.#generation;
  }

  get building(): boolean {
    return this.#build !== undefined;
  }

  get stats(): IndexStats {
    let soundbites = 0;
    let files = 0;
    for (const file of this.files()) {
      files++;
      soundbites += file.entry.soundbites.length;
    }
    return { ...this.#stats, files, soundbites, skipped: this.#skipped.size, readWhenClosed: this.#readWhenClosed.size };
  }

  /** The files skipped (too large, unreadable, failing), with why. */
  get skipped(): ReadonlyMap<string, string> {
    return this.#skipped;
  }

  /**
   * Resolves when the index has read the workspace (the running build and pending file events are
   * done), or when `token` is cancelled. Starts the first build now if it has not started yet.
   */
  async whenReady(token?: vscode.CancellationToken): Promise<void> {
    if (this.#startTimer !== undefined) {
      clearTimeout(this.#startTimer);
      this.#startTimer = undefined;
      void this.rebuild();
    }
    const work = (async () => {
      // A build may be replaced by a newer one (settings changed) while we wait: wait for that one too.
      for (let build = this.#build; build; build = this.#build === build ? undefined : this.#build) {
        await build.done;
      }
      await this.#updates;
    })();
    if (!token) {
      return work;
    }
    let subscription: vscode.Disposable | undefined;
    const cancelled = new Promise<void>((resolve) => {
      subscription = token.onCancellationRequested(() => resolve());
    });
    try {
      await Promise.race([work, cancelled]);
    } finally {
      subscription?.dispose();
    }
  }

  /** Reads the whole workspace again (a running build is cancelled first). */
  rebuild(): Promise<void> {
    if (this.#disposed) {
      return Promise.resolve();
    }
    this.#build?.source.cancel();
    this.#policies.clear();
    this.#skipped.clear();
    const source = new vscode.CancellationTokenSource();
    const done = (async () => {
      await vscode.commands.executeCommand('setContext', indexingContextKey, true);
      try {
        await vscode.window.withProgress({
          location: vscode.ProgressLocation.Window,
          title: vscode.l10n.t('Indexing transcripts'),
          cancellable: true,
        }, async (progress, token) => {
          const subscription = token.onCancellationRequested(() => source.cancel());
          try {
            await this.#runBuild(source.token, progress);
          } finally {
            subscription.dispose();
          }
        });
      } catch (error) {
        this.#log.error(vscode.l10n.t('Indexing the workspace stopped: {0}', error instanceof Error ? error.message : String(error)));
      } finally {
        if (this.#build?.source === source) {
          this.#build = undefined;
          source.dispose();
          await vscode.commands.executeCommand('setContext', indexingContextKey, false);
          this.#notify(0);
        }
      }
    })();
    this.#build = { source, done };
    return done;
  }

  /** Stops a running build; what was read so far stays in the index. */
  cancel(): void {
    this.#build?.source.cancel();
  }

  dispose(): void {
    this.#disposed = true;
    this.#build?.source.cancel();
    for (const timer of [this.#pendingTimer, this.#notifyTimer, this.#startTimer, ...this.#documentTimers.values()]) {
      clearTimeout(timer);
    }
    disposeAllOf(this.#disposables).dispose();
    this.#disk.clear();
    this.#documents.clear();
  }

  // --- reading files

  async #runBuild(token: vscode.CancellationToken, progress: vscode.Progress<{ message?: string }>): Promise<void> {
    const uris = await vscode.workspace.findFiles(includeGlob, this.#excludeGlob(), undefined, token);
    if (token.isCancellationRequested) {
      return;
    }
    const found = new Set(uris.map((uri) => uri.toString()));
    for (const key of [...this.#disk.keys()]) {
      if (!found.has(key)) {
        this.#disk.delete(key);
      }
    }
    let lastReport = 0;
    await this.#readAll(uris, token, (done) => {
      const now = Date.now();
      if (now - lastReport >= 100 || done === uris.length) {
        lastReport = now;
        progress.report({ message: vscode.l10n.t('{0} of {1} files', done, uris.length) });
      }
    }, buildNotifyMs);
  }

  /** Reads and indexes `uris` in order, a few reads in flight, synchronous work in short slices. */
  async #readAll(uris: readonly vscode.Uri[], token: vscode.CancellationToken, onProgress: (done: number) => void, notifyMs: number): Promise<void> {
    const started = Date.now();
    const slicer = new TimeSlicer();
    const queue: Array<Promise<Read>> = [];
    let next = 0;
    let done = 0;
    while (done < uris.length && !token.isCancellationRequested && !this.#disposed) {
      while (queue.length < readConcurrency && next < uris.length) {
        queue.push(this.#read(uris[next++] as vscode.Uri));
      }
      const read = await slicer.wait(queue.shift() as Promise<Read>);
      if (token.isCancellationRequested || this.#disposed) {
        break;
      }
      await this.#store(read, slicer, token);
      if (token.isCancellationRequested || this.#disposed) {
        break;
      }
      done++;
      onProgress(done);
      this.#notify(notifyMs);
      await slicer.checkpoint();
    }
    slicer.finish();
    this.#stats = { ...this.#stats, lastBatchFiles: done, lastBatchMs: Date.now() - started, longestSliceMs: slicer.longestSliceMs };
  }

  /**
   * Reads a file the policy allows, checking its size first (one limit for every transcript
   * extension): a file over it, or one that cannot be read, is skipped with a reason.
   */
  async #read(uri: vscode.Uri): Promise<Read> {
    const policy = indexPolicy(uri.path, this.#policyFor(uri));
    if (policy === 'skip') {
      return { uri, detect: false, bytes: null };
    }
    const detect = policy === 'detect';
    if (this.#indexedAsDocument(uri)) {
      return { uri, detect, bytes: null, open: true };
    }
    const limitMB = this.#maxFileSizeMB(uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) {
        return { uri, detect, bytes: null };
      }
      if (stat.size > limitMB * 1024 * 1024) {
        return { uri, detect, bytes: null, skipped: vscode.l10n.t('{0} MB, over the {1} MB limit (shotlist.index.maxFileSizeMB)', megabytes(stat.size), limitMB) };
      }
      return { uri, detect, bytes: await vscode.workspace.fs.readFile(uri) };
    } catch (error) {
      // Deleted meanwhile: simply not in the index. Anything else is said.
      const gone = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
      return { uri, detect, bytes: null, ...(gone ? {} : { skipped: vscode.l10n.t('cannot be read: {0}', error instanceof Error ? error.message : String(error)) }) };
    }
  }

  /** True when the file is open in an editor as a transcript: entryOf() indexes its document. */
  #indexedAsDocument(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((document) => document.uri.toString() === key && isIndexedDocument(document));
  }

  #maxFileSizeMB(uri: vscode.Uri): number {
    const value = vscode.workspace.getConfiguration('shotlist', uri).get<number>(maxFileSizeSetting, defaultMaxFileSizeMB);
    return typeof value === 'number' && value > 0 ? value : defaultMaxFileSizeMB;
  }

  /**
   * Decode, detect, parse, index: in the core worker, or (no worker) in the host in slices. A file that
   * fails any step is skipped with one line in the Output channel; the build goes on with the next one.
   */
  async #store(read: Read, slicer: TimeSlicer, token: vscode.CancellationToken): Promise<void> {
    const key = read.uri.toString();
    if (read.open) {
      if (!this.#indexedAsDocument(read.uri)) {
        // Closed while the reads before it were under way: its close found nothing to read, so read it now.
        this.#fileEvent(read.uri, false);
        return;
      }
      this.#disk.delete(key);
      this.#skipped.delete(key);
      this.#readWhenClosed.add(key);
      return;
    }
    this.#readWhenClosed.delete(key);
    if (read.skipped !== undefined) {
      this.#skip(read.uri, read.skipped);
      return;
    }
    let entry: FileEntry | null = null;
    if (read.bytes !== null) {
      const answer = await this.#index(read.bytes, key, read.detect, slicer, token);
      if ('cancelled' in answer) {
        return;
      }
      if ('error' in answer) {
        this.#skip(read.uri, vscode.l10n.t('could not be read as a transcript: {0}', answer.error));
        return;
      }
      entry = answer.entry;
      const name = vscode.workspace.asRelativePath(read.uri);
      answer.notices?.forEach((notice) => this.#log.warn(formatMarkdownNotice(notice, name)));
    }
    this.#skipped.delete(key);
    if (entry) {
      this.#disk.set(key, { uri: read.uri, entry, fromDocument: false });
    } else {
      this.#disk.delete(key);
    }
  }

  async #index(bytes: Uint8Array, key: string, detect: boolean, slicer: TimeSlicer, token: vscode.CancellationToken): Promise<IndexAnswer> {
    // Small plain-text files parse in the host in a few milliseconds, faster than a round trip to the
    // worker; Markdown always goes to the worker (remark's cost does not follow the size alone).
    const small = bytes.byteLength <= inHostParseBytes && !isMarkdownFile(key, undefined);
    if (!small && this.#worker.unavailable === undefined) {
      const answer = await slicer.wait(this.#worker.index(bytes, key, detect, token));
      if (this.#worker.unavailable === undefined || !('error' in answer)) {
        return answer;
      }
    }
    if (!small && !this.#saidNoWorker) {
      this.#saidNoWorker = true;
      this.#log.warn(vscode.l10n.t('No worker thread ({0}): files are parsed in the extension host, in slices.', this.#worker.unavailable ?? ''));
    }
    try {
      const notices: MarkdownNotice[] = [];
      return { entry: await indexTextInSlices(this.#decoder.decode(bytes), key, { detect, notices }, slicer), notices };
    } catch (error) {
      return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  #skip(uri: vscode.Uri, reason: string): void {
    const key = uri.toString();
    this.#disk.delete(key);
    if (this.#skipped.get(key) !== reason) {
      this.#log.warn(vscode.l10n.t('Not indexed: {0} ({1})', vscode.workspace.asRelativePath(uri), reason));
    }
    this.#skipped.set(key, reason);
  }

  #policyFor(uri: vscode.Uri): IndexPolicyOptions {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder?.uri.toString() ?? '';
    let options = this.#policies.get(key);
    if (!options) {
      options = {
        associations: vscode.workspace.getConfiguration('files', folder?.uri).get<Record<string, string>>('associations') ?? {},
        detectTranscripts: vscode.workspace.getConfiguration('shotlist', folder?.uri).get<boolean>('detectTranscripts', true),
        languageId,
      };
      this.#policies.set(key, options);
    }
    return options;
  }

  /** `files.exclude` (what the Explorer hides) and node_modules, as one glob. */
  #excludeGlob(): string {
    const excluded = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
    const patterns = Object.entries(excluded)
      .filter(([pattern, value]) => value === true && !/[{},]/u.test(pattern))
      .map(([pattern]) => pattern);
    return `{${['**/node_modules/**', ...patterns].join(',')}}`;
  }

  // --- file events

  #fileEvent(uri: vscode.Uri, created: boolean): void {
    const key = uri.toString();
    const extension = uri.path.slice(uri.path.lastIndexOf('.') + 1).toLowerCase();
    if (indexedExtensions.includes(extension)) {
      this.#pending.set(key, uri);
    } else if (created && !/\/(?:node_modules|\.git)(?:\/|$)/u.test(uri.path)) {
      // A folder moved or copied into the workspace arrives as one event for the folder.
      this.#maybeFolders.set(key, uri);
    } else {
      return;
    }
    clearTimeout(this.#pendingTimer);
    this.#pendingTimer = setTimeout(() => {
      this.#pendingTimer = undefined;
      this.#updates = this.#updates.then(() => this.#flushPending());
    }, settleMs);
  }

  async #flushPending(): Promise<void> {
    for (let build = this.#build; build; build = this.#build === build ? undefined : this.#build) {
      await build.done;
    }
    const uris = [...this.#pending.values()];
    const folders = [...this.#maybeFolders.values()];
    this.#pending.clear();
    this.#maybeFolders.clear();
    for (const folder of folders) {
      try {
        if (((await vscode.workspace.fs.stat(folder)).type & vscode.FileType.Directory) !== 0) {
          appendAll(uris, await vscode.workspace.findFiles(new vscode.RelativePattern(folder, includeGlob), this.#excludeGlob()));
        }
      } catch {
        // gone again
      }
    }
    if (uris.length === 0 || this.#disposed) {
      return;
    }
    const source = new vscode.CancellationTokenSource();
    try {
      await this.#readAll(uris, source.token, () => undefined, updateNotifyMs);
    } finally {
      source.dispose();
    }
  }

  #deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    this.#skipped.delete(key);
    this.#readWhenClosed.delete(key);
    let changed = this.#disk.delete(key);
    this.#pending.delete(key);
    // A deleted folder arrives as one event: drop everything under it.
    const prefix = key.endsWith('/') ? key : `${key}/`;
    changed = deleteKeysUnder(this.#disk, prefix) || changed;
    deleteKeysUnder(this.#readWhenClosed, prefix);
    if (changed) {
      this.#notify(updateNotifyMs);
    }
  }

  // --- open documents

  /**
   * Indexes an open transcript at its current version: the model is awaited (a large document is read
   * in steps) and the entry built in slices, so that a 50 MB archive never holds the host for long.
   */
  async #documentChanged(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (!isIndexedDocument(document)) {
      if (this.#documents.delete(key)) {
        this.#notify(updateNotifyMs);
      }
      // No longer a transcript in the editor (its language was changed): its file is read as any other.
      if (this.#readWhenClosed.delete(key)) {
        this.#fileEvent(document.uri, false);
      }
      return;
    }
    const known = this.#documents.get(key);
    const version = document.version;
    if ((known && known.version === version) || this.#indexing.get(key) === version) {
      return;
    }
    this.#indexing.set(key, version);
    try {
      const model = await this.#cache.model(document);
      // Edited (or closed) meanwhile: the next settle indexes the newer version.
      if (model === undefined || document.isClosed || document.version !== version) {
        return;
      }
      const slicer = new TimeSlicer();
      // No copies of the strings: the editor keeps this document's text alive anyway, and the entry goes
      // when it closes. After an edit, the entries of the stories it did not touch are taken over.
      const previous = this.#previousEntry(document, model);
      const entry = await runSteps(indexSteps(model, key, { copyStrings: false, previous }), slicer, () => this.#disposed || document.isClosed || document.version !== version);
      slicer.finish();
      if (entry === undefined || this.#disposed || document.isClosed || document.version !== version) {
        return;
      }
      this.#documents.set(key, { uri: document.uri, entry, fromDocument: true, version });
      this.#notify(updateNotifyMs);
    } finally {
      if (this.#indexing.get(key) === version) {
        this.#indexing.delete(key);
      }
    }
  }

  /** The open document's entry of the version its model was re-parsed from, with where the edit fell; undefined otherwise. */
  #previousEntry(document: vscode.TextDocument, model: TranscriptDocument): PreviousEntry | undefined {
    const known = this.#documents.get(document.uri.toString());
    const lineage = this.#cache.lineageOf(model);
    const lines = this.#cache.editLinesOf(document, model);
    return known && lineage && lines && known.version === lineage.previousVersion ? { entry: known.entry, ...lines } : undefined;
  }

  #scheduleDocument(document: vscode.TextDocument, delayMs = settleMs): void {
    if (document.languageId !== languageId) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.#documentTimers.get(key));
    this.#documentTimers.set(key, setTimeout(() => {
      this.#documentTimers.delete(key);
      if (!document.isClosed) {
        void this.#documentChanged(document);
      }
    }, delayMs));
  }

  #documentClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.#documentTimers.get(key));
    this.#documentTimers.delete(key);
    if (this.#documents.delete(key)) {
      this.#notify(updateNotifyMs);
    }
    if (this.#readWhenClosed.delete(key)) {
      this.#fileEvent(document.uri, false);
    }
  }

  /** Fires onDidChange once within `delayMs`, however many changes arrive meanwhile. */
  #notify(delayMs: number): void {
    this.#generation++;
    if (this.#disposed) {
      return;
    }
    const due = Date.now() + delayMs;
    if (this.#notifyTimer !== undefined && this.#notifyDue <= due) {
      return;
    }
    clearTimeout(this.#notifyTimer);
    this.#notifyDue = due;
    this.#notifyTimer = setTimeout(() => {
      this.#notifyTimer = undefined;
      this.#onDidChange.fire();
    }, delayMs);
  }
}

/** Builds the index in the background, keeps it current and registers its commands; dispose to stop. */
export function registerWorkspaceIndex(cache: TranscriptCache, worker: CoreWorkerClient, log: ShotlistLog): WorkspaceIndex {
  return new WorkspaceIndex(cache, worker, log);
}
