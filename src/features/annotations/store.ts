// The annotations of every transcript the editor has open or the Annotations view lists, with their
// current places. The sidecar (`<file>.notes.yaml`) is the truth: read through workspace.fs, written
// atomically (temporary file, then rename), merged by id when it changed on disk since it was read,
// and never written when it cannot be read (its problems are shown at their line and column instead,
// and the change waits in memory until the file is fixed or saved elsewhere). Edits in the editor
// move annotations exactly (trackThroughChanges); words an edit swallowed, reloads and outside changes
// are found again by content (AnnotationText.resolve), in slices that keep the host responsive.
import * as vscode from 'vscode';
import { uriBaseName } from '../shared/files';
import { AnnotationText, placementOf } from '../../core/annotations/placement';
import type { Anchor, ResolveReason, Resolution, Suggestion } from '../../core/annotations/anchor';
import {
  maxSidecarLength, mergeSidecars, readSidecar, sidecarNameFor, updateSidecar,
  type Annotation, type SidecarChange, type SidecarProblem, type SidecarRead,
} from '../../core/annotations/sidecar';
import { trackThroughChanges, type TextChange } from '../../core/annotations/tracking';
import { sidecarMessage } from '../../core/messages/annotations';
import type { TranscriptDocument } from '../../core/model';
import { parseTranscriptFile } from '../../core/parse';
import type { TranscriptCache } from '../shared/documentCache';
import type { ShotlistLog } from '../shared/output';
import { languageId } from '../shared/editor';

/** placed: shown on its words. review: shown at a best guess, marked "needs review". detached: its words are gone. */
export type AnnotationState = 'placed' | 'review' | 'detached';

export interface LiveAnnotation {
  readonly annotation: Annotation;
  /** Offsets in the transcript as it is now (for a detached annotation: where its words were last seen). */
  readonly start: number;
  readonly end: number;
  readonly state: AnnotationState;
  /** Why it needs review or is detached; null when placed. */
  readonly reason: ResolveReason | null;
  /** How many other places fit about as well (review of several matches). */
  readonly rivals: number;
  /** A similar passage in another kind of block, offered for a detached annotation. */
  readonly suggestion: Suggestion | null;
  /** False after a fuzzy placement: its stored words are never rewritten without the editor's consent. */
  readonly refreshable: boolean;
  /** False when the place comes from the sidecar's line hint only (a big file not opened yet). */
  readonly checked: boolean;
}

/** The annotations of one transcript. */
export interface TranscriptNotes {
  readonly uri: vscode.Uri;
  readonly sidecarUri: vscode.Uri;
  /** The sidecar as read or written last; null when there is none. */
  readonly sidecarText: string | null;
  readonly read: SidecarRead;
  /** Sorted by start. */
  readonly live: readonly LiveAnnotation[];
  /** Changes refused because the sidecar cannot be read, kept until they can be written. */
  readonly unsaved: readonly SidecarChange[];
  /** 1-based line of each offset, for the views (the open document's, or the file's as read). */
  lineOf(offset: number): number;
}

/** Files past this size are listed from their sidecar's hints until they are opened. */
const maxClosedTranscriptBytes = 2 * 1024 * 1024;
/** A batch of content searches runs this long before the host gets control back (see defaultSliceBudgetMs). */
const sliceMs = 6;
/**
 * The annotations' view of this version of an open document: its text (joined once per version when
 * it is kept in pieces, see TranscriptCache.text) and its lines as the editor knows them, so that a
 * 50 MB text is not scanned for its line breaks (30-40 ms). Once the document changes, the lines
 * are the text's own again.
 */
export function openAnnotationText(cache: TranscriptCache, document: vscode.TextDocument, model: TranscriptDocument): AnnotationText {
  const version = document.version;
  const current = (): boolean => !document.isClosed && document.version === version;
  return new AnnotationText(cache.text(document), model, {
    lineOf: (offset) => (current() && Number.isFinite(offset) ? document.positionAt(offset).line + 1 : undefined),
    lineStart: (line) => (current() && Number.isFinite(line)
      ? document.offsetAt(new vscode.Position(Math.max(0, Math.min(document.lineCount - 1, Math.floor(line) - 1)), 0))
      : undefined),
  });
}

/** Typing pauses this long before words an edit swallowed are looked for again. */
const resolveDelayMs = 300;

interface Entry {
  sidecarText: string | null;
  read: SidecarRead;
  live: LiveAnnotation[];
  unsaved: SidecarChange[];
  /** The document version the offsets refer to (-1: the file on disk). */
  version: number;
  lineOf: (offset: number) => number;
  /** Annotations whose words an edit swallowed, waiting for a content search. */
  lost: Set<string>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Serialises the writes of this sidecar. */
  writing: Promise<unknown>;
  /** Bumped by every placement run; a stale run stops. */
  generation: number;
}

const emptyRead: SidecarRead = readSidecar('version: 1\nannotations: []\n');

export class AnnotationStore implements vscode.Disposable {
  readonly #entries = new Map<string, Entry>();
  /** Loads in progress: every caller waits for the same one, placed annotations included. */
  readonly #loading = new Map<string, Promise<Entry>>();
  readonly #cache: TranscriptCache;
  readonly #log: ShotlistLog;
  readonly #problems = vscode.languages.createDiagnosticCollection('shotlist-notes');
  readonly #changed = new vscode.EventEmitter<vscode.Uri>();
  readonly #subscriptions: vscode.Disposable[] = [];
  /** Fires with a transcript's URI whenever its annotations or their places change. */
  readonly onDidChange = this.#changed.event;

  constructor(cache: TranscriptCache, log: ShotlistLog) {
    this.#cache = cache;
    this.#log = log;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${'.notes.yaml'}`);
    this.#subscriptions.push(
      this.#problems, this.#changed, watcher,
      watcher.onDidChange((uri) => this.#sidecarChangedOnDisk(uri)),
      watcher.onDidCreate((uri) => this.#sidecarChangedOnDisk(uri)),
      watcher.onDidDelete((uri) => this.#sidecarChangedOnDisk(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.#opened(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.#edited(event)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.#saved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.#closed(document)),
    );
    for (const document of vscode.workspace.textDocuments) {
      this.#opened(document);
    }
  }

  /** Whether annotations apply to a document: transcripts and Markdown files on any file system. */
  static accepts(document: vscode.TextDocument): boolean {
    return (document.languageId === languageId || document.languageId === 'markdown') && document.uri.scheme !== 'git' && document.uri.scheme !== 'output';
  }

  static sidecarFor(uri: vscode.Uri): vscode.Uri {
    const name = uriBaseName(uri);
    return vscode.Uri.joinPath(uri, '..', sidecarNameFor(name));
  }

  /** The transcript a sidecar belongs to (its name without `.notes.yaml`). */
  static transcriptFor(sidecar: vscode.Uri): vscode.Uri | null {
    const suffix = '.notes.yaml';
    return sidecar.path.endsWith(suffix) && sidecar.path.length > suffix.length ? sidecar.with({ path: sidecar.path.slice(0, -suffix.length) }) : null;
  }

  /** The annotations of a transcript as known now (loads them on first use). */
  async notes(uri: vscode.Uri): Promise<TranscriptNotes> {
    const key = uri.toString();
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = await this.#load(uri);
    }
    return this.#view(uri, entry);
  }

  /** What is known already, without loading (the decorations and lenses ask on every render). */
  known(uri: vscode.Uri): TranscriptNotes | undefined {
    const entry = this.#entries.get(uri.toString());
    return entry && this.#view(uri, entry);
  }

  /** Every transcript with annotations loaded so far. */
  all(): TranscriptNotes[] {
    const views: TranscriptNotes[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.read.annotations.length > 0 || entry.read.problems.length > 0 || entry.unsaved.length > 0) {
        views.push(this.#view(vscode.Uri.parse(key), entry));
      }
    }
    return views;
  }

  /** Loads every sidecar of the workspace (the Annotations view lists them all). */
  async loadWorkspace(limit = 5000): Promise<void> {
    const sidecars = await vscode.workspace.findFiles('**/*.notes.yaml', '**/node_modules/**', limit);
    for (const sidecar of sidecars) {
      const transcript = AnnotationStore.transcriptFor(sidecar);
      if (transcript !== null && !this.#entries.has(transcript.toString())) {
        await this.notes(transcript);
      }
    }
  }

  /**
   * Writes changes to a transcript's sidecar: merged with the file on disk when it changed since it was
   * read; refused (kept in memory, problems shown) when the file cannot be read. `places` gives the
   * offsets of annotations the caller just made or moved, so they need no search.
   */
  async change(uri: vscode.Uri, changes: readonly SidecarChange[], places: ReadonlyMap<string, { start: number; end: number }> = new Map()): Promise<boolean> {
    const entry = this.#entries.get(uri.toString()) ?? (await this.#load(uri));
    const write = entry.writing.then(() => this.#write(uri, entry, changes, places));
    entry.writing = write.catch(() => undefined);
    return write;
  }

  async #write(uri: vscode.Uri, entry: Entry, changes: readonly SidecarChange[], places: ReadonlyMap<string, { start: number; end: number }>): Promise<boolean> {
    const sidecarUri = AnnotationStore.sidecarFor(uri);
    const all = entry.unsaved.concat(changes);
    if (all.length === 0) {
      return true;
    }
    let disk: string | null;
    try {
      disk = await readText(sidecarUri);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read {0}: {1}. Your change is kept until it can be saved.', sidecarUri.path, String(error)));
      entry.unsaved = all;
      this.#changed.fire(uri);
      return false;
    }
    let result: { text: string | null; problems: readonly SidecarProblem[] };
    if (disk !== entry.sidecarText) {
      // Someone else wrote the file since we read it: apply ours to what we read, then merge by id.
      const ours = updateSidecar(entry.sidecarText, all);
      const merged = ours.text === null ? ours : mergeSidecars(entry.sidecarText, ours.text, disk);
      if ('conflicts' in merged && merged.conflicts.length > 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t(
          '{0} changed on disk while you annotated; both versions of {1} field(s) are kept (see `conflict:` in the file).',
          uriBaseName(sidecarUri), merged.conflicts.length));
      }
      result = merged;
    } else {
      result = updateSidecar(disk, all);
    }
    if (result.text === null) {
      entry.unsaved = all;
      entry.read = disk === null ? entry.read : readSidecar(disk);
      entry.sidecarText = disk;
      this.#showProblems(sidecarUri, entry.read.problems.length > 0 ? entry.read.problems : result.problems);
      this.#changed.fire(uri);
      const show = vscode.l10n.t('Show Problem');
      const recover = vscode.l10n.t('Save My Annotations Elsewhere');
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{0} cannot be read, so it was not written: fix it (see Problems), and your change will be saved. Nothing is lost.', uriBaseName(sidecarUri)),
        show, recover,
      ).then(async (choice) => {
        if (choice === show) {
          await vscode.commands.executeCommand('workbench.actions.view.problems');
        } else if (choice === recover) {
          await this.saveRecovery(uri);
        }
      });
      return false;
    }
    await writeAtomically(sidecarUri, result.text);
    entry.unsaved = [];
    const read = readSidecar(result.text);
    const previous = new Map(entry.live.map((live) => [live.annotation.id, live]));
    entry.sidecarText = result.text;
    entry.read = read;
    this.#showProblems(sidecarUri, read.problems);
    const document = openDocument(uri);
    const model = document ? await this.#cache.model(document) : undefined;
    const text = document && model ? openAnnotationText(this.#cache, document, model) : null;
    entry.live = read.annotations.map((annotation) => {
      const place = places.get(annotation.id);
      const before = previous.get(annotation.id);
      if (place !== undefined) {
        return placed(annotation, place.start, place.end);
      }
      if (before !== undefined && sameAnchorText(before.annotation.anchor, annotation.anchor)) {
        return { ...before, annotation };
      }
      return text ? live(annotation, text.resolve(annotation.anchor)) : hinted(annotation);
    }).sort(byStart);
    this.#changed.fire(uri);
    return true;
  }

  /** Tells the views that something they show about a transcript changed (its package target). */
  touch(uri: vscode.Uri): void {
    this.#changed.fire(uri);
  }

  /** Writes the annotations waiting in memory (and the file's readable ones) next to the sidecar, under a new name. */
  async saveRecovery(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const entry = this.#entries.get(uri.toString());
    if (entry === undefined || entry.unsaved.length === 0) {
      return undefined;
    }
    const adds = entry.unsaved.filter((change) => change.kind === 'add');
    const result = updateSidecar(null, adds.length > 0 ? adds : []);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = vscode.Uri.joinPath(uri, '..', sidecarNameFor(`${uriBaseName(uri)}.recovered-${stamp}`));
    const lines = [result.text ?? 'version: 1\nannotations: []\n', '# Changes to existing annotations that could not be written:'];
    for (const change of entry.unsaved) {
      if (change.kind !== 'add') {
        lines.push(`# ${JSON.stringify(change)}`);
      }
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(lines.join('\n') + '\n'));
    await vscode.window.showTextDocument(target);
    return target;
  }

  #view(uri: vscode.Uri, entry: Entry): TranscriptNotes {
    return {
      uri, sidecarUri: AnnotationStore.sidecarFor(uri), sidecarText: entry.sidecarText, read: entry.read,
      live: entry.live, unsaved: entry.unsaved, lineOf: entry.lineOf,
    };
  }

  #load(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      return Promise.resolve(existing);
    }
    let loading = this.#loading.get(key);
    if (loading === undefined) {
      loading = this.#loadNow(uri).finally(() => this.#loading.delete(key));
      this.#loading.set(key, loading);
    }
    return loading;
  }

  async #loadNow(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const sidecarUri = AnnotationStore.sidecarFor(uri);
    let sidecarText: string | null = null;
    try {
      sidecarText = await readText(sidecarUri);
    } catch (error) {
      this.#log.warn(`Annotations: cannot read ${sidecarUri.toString(true)}: ${String(error)}`);
    }
    const read = sidecarText === null ? emptyRead : readSidecar(sidecarText);
    const entry: Entry = {
      sidecarText, read, live: [], unsaved: [], version: -1, lineOf: () => 1, lost: new Set(), timer: undefined,
      writing: Promise.resolve(), generation: 0,
    };
    this.#showProblems(sidecarUri, read.problems);
    await this.#placeAll(uri, entry);
    this.#entries.set(key, entry);
    const document = openDocument(uri);
    if (document && document.version !== entry.version && entry.read.annotations.length > 0) {
      void this.#placeAll(uri, entry); // Edited while loading: the places are looked for again.
    }
    this.#changed.fire(uri);
    return entry;
  }

  /** Finds every annotation by content in the document as it is now (or the file on disk). */
  async #placeAll(uri: vscode.Uri, entry: Entry): Promise<void> {
    const generation = ++entry.generation;
    // Edited while the places were looked for: start again on the new text (typing stops eventually).
    for (;;) {
      const annotations = entry.read.annotations;
      const document = openDocument(uri);
      let text: AnnotationText | null = null;
      let version = -1;
      if (document && annotations.length === 0) {
        // Nothing to place: the text (a large document's is joined whole for this) is not needed. Lines
        // of annotations added later are read from the document itself.
        entry.live = [];
        entry.lineOf = (offset) => (document.isClosed ? 1 : document.positionAt(offset).line + 1);
        this.#changed.fire(uri);
        return;
      }
      if (document) {
        const model = await this.#cache.model(document);
        text = model ? openAnnotationText(this.#cache, document, model) : null;
        version = document.version;
      } else if (annotations.length > 0) {
        text = await this.#readClosed(uri);
      }
      if (text === null) {
        entry.live = annotations.map((annotation) => hinted(annotation));
        entry.lineOf = () => 1;
        this.#changed.fire(uri);
        return;
      }
      const placedNow: LiveAnnotation[] = [];
      let sliceStart = performance.now();
      let edited = false;
      for (const annotation of annotations) {
        if (performance.now() - sliceStart > sliceMs) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          sliceStart = performance.now();
          if (generation !== entry.generation) {
            return; // A newer run took over.
          }
          if (document && document.version !== version) {
            edited = true;
            break;
          }
        }
        placedNow.push(live(annotation, text.resolve(annotation.anchor)));
      }
      if (edited) {
        continue;
      }
      const finalText = text;
      entry.live = placedNow.sort(byStart);
      entry.version = version;
      entry.lineOf = (offset) => finalText.lineOf(offset);
      entry.lost.clear();
      this.#changed.fire(uri);
      return;
    }
  }

  async #readClosed(uri: vscode.Uri): Promise<AnnotationText | null> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxClosedTranscriptBytes) {
        return null;
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const name = uriBaseName(uri);
      return new AnnotationText(text, parseTranscriptFile(text, name));
    } catch {
      return null;
    }
  }

  #opened(document: vscode.TextDocument): void {
    if (!AnnotationStore.accepts(document)) {
      return;
    }
    const entry = this.#entries.get(document.uri.toString());
    if (entry === undefined) {
      void this.#load(document.uri);
    } else if (entry.version !== document.version) {
      void this.#placeAll(document.uri, entry);
    }
  }

  #edited(event: vscode.TextDocumentChangeEvent): void {
    const entry = this.#entries.get(event.document.uri.toString());
    if (entry === undefined || event.contentChanges.length === 0 || entry.live.length === 0) {
      if (entry !== undefined) {
        entry.version = event.document.version;
      }
      return;
    }
    const changes: TextChange[] = event.contentChanges.map((change) => ({ offset: change.rangeOffset, removed: change.rangeLength, inserted: change.text.length }));
    entry.live = entry.live.map((item) => {
      if (item.state === 'detached') {
        return item;
      }
      const tracked = trackThroughChanges(item.start, item.end, changes);
      if (tracked.outcome === 'lost') {
        entry.lost.add(item.annotation.id);
      }
      return tracked.start === item.start && tracked.end === item.end ? item : { ...item, start: tracked.start, end: tracked.end };
    }).sort(byStart);
    entry.version = event.document.version;
    const document = event.document;
    entry.lineOf = (offset) => document.positionAt(offset).line + 1;
    if (entry.lost.size > 0) {
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.#findLost(document, entry), resolveDelayMs);
    }
    this.#changed.fire(document.uri);
  }

  /** Words an edit swallowed: look for them by content once the typing stopped. */
  #findLost(document: vscode.TextDocument, entry: Entry): void {
    if (document.isClosed || entry.lost.size === 0) {
      return;
    }
    const model = this.#cache.peek(document);
    if (model === undefined) {
      return; // a large document still being read: the next pause in typing tries again
    }
    const text = openAnnotationText(this.#cache, document, model);
    entry.live = entry.live.map((item) => {
      if (!entry.lost.has(item.annotation.id)) {
        return item;
      }
      return live(item.annotation, text.resolve(item.annotation.anchor, item.start));
    }).sort(byStart);
    entry.lost.clear();
    this.#changed.fire(document.uri);
  }

  /**
   * On save the stored anchors catch up with the text: words edited in place and new line numbers are
   * written, so that the next session finds them at once. Review and detached annotations, and
   * fuzzy placements, keep the words the editor marked.
   */
  async #saved(document: vscode.TextDocument): Promise<void> {
    const entry = this.#entries.get(document.uri.toString());
    if (entry === undefined || entry.live.length === 0 || entry.unsaved.length > 0 || !entry.read.writable) {
      return;
    }
    const model = await this.#cache.model(document);
    if (model === undefined) {
      return;
    }
    const text = openAnnotationText(this.#cache, document, model);
    const changes: SidecarChange[] = [];
    const places = new Map<string, { start: number; end: number }>();
    for (const item of entry.live) {
      if (item.state !== 'placed' || !item.refreshable || entry.lost.has(item.annotation.id)) {
        continue;
      }
      const captured = text.capture(item.start, item.end);
      if (captured.ok && !sameAnchor(captured.anchor, item.annotation.anchor)) {
        changes.push({ kind: 'update', id: item.annotation.id, anchor: captured.anchor });
        places.set(item.annotation.id, { start: captured.start, end: captured.end });
      }
    }
    if (changes.length > 0) {
      await this.change(document.uri, changes, places);
    }
  }

  #closed(document: vscode.TextDocument): void {
    const entry = this.#entries.get(document.uri.toString());
    if (entry !== undefined) {
      // Unsaved edits are gone with the document: the places are found again from the file.
      clearTimeout(entry.timer);
      entry.lost.clear();
      void this.#placeAll(document.uri, entry);
    }
  }

  async #sidecarChangedOnDisk(sidecarUri: vscode.Uri): Promise<void> {
    const transcript = AnnotationStore.transcriptFor(sidecarUri);
    const entry = transcript === null ? undefined : this.#entries.get(transcript.toString());
    if (transcript === null || entry === undefined) {
      return;
    }
    await entry.writing;
    let disk: string | null;
    try {
      disk = await readText(sidecarUri);
    } catch {
      return;
    }
    if (disk === entry.sidecarText) {
      return; // Our own write.
    }
    entry.sidecarText = disk;
    entry.read = disk === null ? emptyRead : readSidecar(disk);
    this.#showProblems(sidecarUri, entry.read.problems);
    this.#log.info(`Annotations: ${sidecarUri.toString(true)} changed on disk; ${entry.read.annotations.length} annotation(s) placed again.`);
    await this.#placeAll(transcript, entry);
    if (entry.unsaved.length > 0 && entry.read.writable) {
      await this.change(transcript, []); // The file is readable again: write what waited.
    }
  }

  #showProblems(sidecarUri: vscode.Uri, problems: readonly SidecarProblem[]): void {
    this.#problems.set(sidecarUri, problems.filter((problem) => problem.line > 0).map((problem) => {
      const position = new vscode.Position(problem.line - 1, Math.max(0, problem.column - 1));
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(position, position.translate(0, Math.max(1, Math.min(problem.end - problem.start, 200)))),
        sidecarMessage(problem.code, problem.data),
        problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
      );
      diagnostic.source = 'shotlist-notes';
      diagnostic.code = problem.code;
      return diagnostic;
    }));
  }

  dispose(): void {
    for (const entry of this.#entries.values()) {
      clearTimeout(entry.timer);
    }
    for (const subscription of this.#subscriptions) {
      subscription.dispose();
    }
  }
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key && !document.isClosed);
}

function byStart(a: LiveAnnotation, b: LiveAnnotation): number {
  return a.start - b.start || a.end - b.end;
}

function placed(annotation: Annotation, start: number, end: number): LiveAnnotation {
  return { annotation, start, end, state: 'placed', reason: null, rivals: 0, suggestion: null, refreshable: true, checked: true };
}

/** A file too big to read before it is opened: listed at its stored line (annotation.anchor.line), unchecked. */
function hinted(annotation: Annotation): LiveAnnotation {
  return { annotation, start: 0, end: 0, state: 'placed', reason: null, rivals: 0, suggestion: null, refreshable: false, checked: false };
}

function live(annotation: Annotation, resolution: Resolution): LiveAnnotation {
  const placement = placementOf(resolution);
  const state: AnnotationState = placement === 'auto' ? 'placed' : placement === 'review' ? 'review' : 'detached';
  return {
    annotation, start: resolution.start, end: resolution.end, state,
    reason: state === 'placed' ? null : resolution.reason, rivals: resolution.rivals, suggestion: resolution.suggestion,
    refreshable: resolution.status === 'exact' || resolution.status === 'moved', checked: true,
  };
}

function sameAnchorText(a: Anchor, b: Anchor): boolean {
  return a.text === b.text && a.prefix === b.prefix && a.suffix === b.suffix;
}

function sameAnchor(a: Anchor, b: Anchor): boolean {
  return sameAnchorText(a, b) && a.line === b.line && a.soundbite === b.soundbite && a.block === b.block;
}

/** A file's text, null when it does not exist; refuses files past the sidecar limit. */
async function readText(uri: vscode.Uri): Promise<string | null> {
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return null;
    }
    throw error;
  }
  if (size > maxSidecarLength * 4) {
    // readSidecar reports the size problem; reading more would only cost memory.
    return 'x'.repeat(maxSidecarLength + 1);
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Temporary file then rename, so that a crash never leaves half a sidecar; a plain write where rename is refused. */
async function writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  const temporary = uri.with({ path: `${uri.path}.${Date.now().toString(36)}.tmp` });
  try {
    await vscode.workspace.fs.writeFile(temporary, bytes);
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch {
    try {
      await vscode.workspace.fs.delete(temporary);
    } catch {
      // It may not exist.
    }
    await vscode.workspace.fs.writeFile(uri, bytes);
  }
}
