// Parse once per document version and share the result between every provider. Which parser reads a
// document (Markdown or line-oriented) is decided by src/core/parse/index.ts (parseTranscriptFile), as for files on disk.
// Edits are collected as they happen, so that the next version of a long archive re-reads only the
// stories that changed instead of the whole text. What the Markdown guard changed or refused in a
// document is said once in the Output channel (again only when it changes).
//
// A large document (an archive of thousands of stories) is never parsed in one call on the extension
// host: its first reading runs in steps of a few milliseconds between turns of the event loop, and
// the features wait for it (`model()`), or show nothing until `onDidParse` fires (`peek()`). Edits made
// meanwhile are gathered, so the reading is followed by a re-parse of only what they touched. Markdown,
// and a large document that does not split into stories, are parsed by the core worker instead.
import * as vscode from 'vscode';
import type { ShotlistLog } from './output';
import { formatMarkdownNotice } from '../../core/messages/notices';
import { lastFinishedChecks, type FinishedChecks } from '../../core/checks';
import type { TranscriptDocument } from '../../core/model';
import { ChunkedText, codeUnitsOf, wholeText, type TextSource } from '../../core/text/chunkedText';
import { editOf, type EditLines, type TextEdit } from '../../core/text/edits';
import { runSteps, TimeSlicer } from '../../core/workspace/timeSlicer';
import { gatherListSteps, isMarkdownFile, parseTranscriptFile, parseTranscriptFileSteps, reparseInPart, reparsesInPart, reparseTranscriptFile, splitsIntoStoriesSteps, unreadTranscript, type MarkdownNotice } from '../../core/parse';
import { appendAll } from '../../core/util/arrays';
import type { CoreWorkerClient } from '../../workers/client';
import { knownStoryGroups, storyGroupSteps, type PreviousGroups } from '../../core/outline/storyGroups';
import { StepBudget } from '../../core/util/steps';

/**
 * Documents longer than this many characters are read in steps (see above). About 40 ms of parsing on
 * a slow machine: below it, one call is quicker than the turns of the event loop it would take.
 */
export const largeDocumentChars = 1_000_000;

/** What changed since a parsed version, and the version that change leads to. */
interface Pending {
  readonly edit: TextEdit;
  readonly version: number;
}

interface Entry {
  readonly version: number;
  readonly model: TranscriptDocument;
  /**
   * The text the model was parsed from: features share it rather than ask the editor again. A large
   * document's is a ChunkedText, kept current from the change events (see #texts).
   */
  readonly text: string | ChunkedText;
  pending?: Pending | undefined;
  /**
   * False while a large document's model is still being prepared in steps (its lists and story groups
   * built): peek() does not hand it out yet, so that no feature builds them in one go.
   */
  ready: boolean;
}

/** A large document being read in steps. */
interface Reading {
  readonly version: number;
  readonly done: Promise<void>;
  /** Edits made since `version`; undefined when there were none or their chain broke. */
  pending?: Pending | undefined;
  /** True once an edit arrived that the chain could not follow (the reading is then read again). */
  broken: boolean;
  stopped: boolean;
  /** Cancelled when the reading stops (stopReading), for work it handed to the worker. */
  readonly cancellation: vscode.CancellationTokenSource;
}

/** Gives a reading up (the document closed, a newer reading, the cache disposed), with its worker request. */
function stopReading(reading: Reading): void {
  reading.stopped = true;
  reading.cancellation.cancel();
}

/** How a model was re-parsed from the one before (see TranscriptCache.lineageOf). */
export interface Lineage {
  readonly edit: TextEdit;
  /** The document version the model before was parsed from. */
  readonly previousVersion: number;
  readonly previousLineCount: number;
  /** The checks of the model before, when they had all been computed. */
  readonly previousChecks: FinishedChecks | undefined;
}

/**
 * A reading's slices and steps are kept short: a slice runs to its budget plus one step, and the
 * garbage collector's pauses (15-30 ms while a 50 MB archive's records pile up) land inside them.
 */
const readingSliceMs = 4;
/** Characters parsed per step of a first reading (a quarter of the parser's default: about 2 ms). */
const readingChunkChars = 64 * 1024;

/** Elements of the story groups built per step after an edit (a quarter of the core's default). */
const groupElementsPerPreparingStep = 500;

/** Lines of a large document read from the editor per piece (a few hundred KB; one piece per step). */
const linesPerPiece = 2000;

/** True for a document read in steps (see above); features without the cache ask here too. */
export function isLargeDocument(document: vscode.TextDocument): boolean {
  return documentLength(document) > largeDocumentChars;
}

/** Code units copied for the worker between two chances to yield (about a millisecond). */
const codeUnitsPerStep = 256 * 1024;

/** The number of characters of a document, without building its text. */
export function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/**
 * This version of the document as the core's TextSource: each span read from the editor's lines, the
 * whole text never built. For features that read documents this cache does not keep (the knowledge
 * base's mentions, in any plain-text or Markdown file too).
 */
export function editorText(document: vscode.TextDocument): TextSource {
  return {
    length: documentLength(document),
    slice: (start, end) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
  };
}

export class TranscriptCache implements vscode.Disposable {
  readonly #entries = new Map<string, Entry>();
  readonly #reading = new Map<string, Reading>();
  readonly #subscriptions: vscode.Disposable[];
  /** The Markdown notices last written to the log, by document. */
  readonly #said = new Map<string, string>();
  readonly #log: ShotlistLog | undefined;
  readonly #onDidParse = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a large document's reading (see above) has finished: features that showed nothing may ask again. */
  readonly onDidParse = this.#onDidParse.event;
  /**
   * How many versions were parsed in full (here, or by the worker: sent to it, and parsed there to the
   * end), and how many from the previous version and the edit.
   */
  readonly counts = { parsed: 0, reparsed: 0, readInSteps: 0, parsedInWorker: 0, sentToWorker: 0 };
  /** The longest synchronous step of the readings in steps so far (milliseconds), for the benchmark. */
  longestStepMs = 0;
  /**
   * The text of each large document as pieces, at the version it was last brought to: built once in
   * steps from the editor's lines, then edited piece by piece as the change events arrive, so that no
   * version needs the editor to join its 50 MB again.
   */
  readonly #texts = new Map<string, { version: number; text: ChunkedText }>();
  /** The whole text of one version of a large document, joined from its pieces for a reader that needs one string (text()). */
  #joined: { key: string; version: number; text: string } | undefined;
  /**
   * For each re-parsed model: the edit it was made by, and what the checks had found in the model before
   * (when they had finished), so that they redo only the stories the edit touched. Not the previous
   * model itself: every version would then keep the one before it alive.
   */
  readonly #lineage = new WeakMap<TranscriptDocument, Lineage>();

  /**
   * The core worker: open Markdown documents are parsed there (remark can take hundreds of ms), and so
   * are large ones that do not split into stories (they would be parsed here in one call).
   */
  readonly #worker: CoreWorkerClient | undefined;
  /** Documents the worker failed on (by URI): shown as unread, not sent to fail again, until closed. */
  readonly #workerFailed = new Set<string>();

  constructor(log?: ShotlistLog, worker?: CoreWorkerClient) {
    this.#log = log;
    this.#worker = worker;
    this.#subscriptions = [
      this.#onDidParse,
      vscode.workspace.onDidCloseTextDocument((document) => {
        const key = document.uri.toString();
        this.#entries.delete(key);
        this.#texts.delete(key);
        if (this.#joined?.key === key) {
          this.#joined = undefined;
        }
        this.#said.delete(key);
        this.#workerFailed.delete(key);
        const reading = this.#reading.get(key);
        if (reading) {
          stopReading(reading);
          this.#reading.delete(key);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => this.#noteChange(event)),
    ];
  }

  #noteChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) {
      return;
    }
    const key = event.document.uri.toString();
    if (this.#joined?.key === key) {
      this.#joined = undefined; // an old version's whole text: 100 MB for a 50 MB archive
    }
    this.#followText(key, event);
    const reading = this.#reading.get(key);
    if (reading && event.document.version > reading.version && !reading.broken) {
      const edit = editOf(event.contentChanges, reading.pending?.edit);
      reading.pending = edit ? { edit, version: event.document.version } : undefined;
      reading.broken = edit === undefined;
    }
    const entry = this.#entries.get(key);
    // A provider listening to the same event may have parsed this version already.
    if (!entry || event.document.version <= entry.version) {
      return;
    }
    // The change events form a chain from the parsed version; a version without its event breaks it.
    const edit = editOf(event.contentChanges, entry.pending?.edit);
    entry.pending = edit ? { edit, version: event.document.version } : undefined;
  }

  /** Applies one event's replacements (in order, each in the text the ones before left) to the kept pieces. */
  #followText(key: string, event: vscode.TextDocumentChangeEvent): void {
    const known = this.#texts.get(key);
    if (!known || event.document.version <= known.version) {
      return;
    }
    let text = known.text;
    for (const change of event.contentChanges) {
      text = text.replace(change.rangeOffset, change.rangeOffset + change.rangeLength, change.text);
    }
    // A lost event would leave the pieces wrong: the length is the cheap witness; read afresh if it fails.
    if (text.length !== documentLength(event.document)) {
      this.#texts.delete(key);
      return;
    }
    this.#texts.set(key, { version: event.document.version, text });
  }

  /**
   * The large document's text as pieces at its current version: the kept one, or read from the editor
   * a few thousand lines per step. Undefined when the document changed or closed during the reading.
   */
  async #piecesOf(document: vscode.TextDocument, slicer: TimeSlicer, stopped: () => boolean): Promise<ChunkedText | undefined> {
    const key = document.uri.toString();
    const known = this.#texts.get(key);
    if (known && known.version === document.version) {
      return known.text;
    }
    const version = document.version;
    const pieces: string[] = [];
    const last = document.lineCount - 1;
    for (let line = 0; line <= last; line += linesPerPiece) {
      await slicer.checkpoint();
      if (stopped() || document.version !== version) {
        return undefined;
      }
      const end = line + linesPerPiece > last ? document.lineAt(last).range.end : new vscode.Position(line + linesPerPiece, 0);
      pieces.push(document.getText(new vscode.Range(line, 0, end.line, end.character)));
    }
    const text = ChunkedText.fromPieces(pieces);
    this.#texts.set(key, { version, text });
    return text;
  }

  /** How this model was re-parsed from the one before; undefined for a model parsed afresh. */
  lineageOf(model: TranscriptDocument): Lineage | undefined {
    return this.#lineage.get(model);
  }

  /**
   * Where the edit that made this model fell, in lines of the document, which must be at the model's
   * version (the checks and the index entry redo only the stories it touched); undefined for a model
   * parsed afresh.
   */
  editLinesOf(document: vscode.TextDocument, model: TranscriptDocument): EditLines | undefined {
    const lineage = this.#lineage.get(model);
    if (!lineage) {
      return undefined;
    }
    const newEndLine = document.positionAt(lineage.edit.newEnd).line;
    return { startLine: document.positionAt(lineage.edit.start).line, newEndLine, oldEndLine: newEndLine - (model.lineCount - lineage.previousLineCount) };
  }

  #noteLineage(model: TranscriptDocument, previous: Entry, edit: TextEdit): void {
    this.#lineage.set(model, { edit, previousVersion: previous.version, previousLineCount: previous.model.lineCount, previousChecks: lastFinishedChecks(previous.model) });
  }

  /** Markdown goes to the worker while there is one (remark's time follows the markup, not the size). */
  #markdownInWorker(document: vscode.TextDocument): boolean {
    return this.#workerUsable(document) && isMarkdownFile(document.uri.path, document.languageId);
  }

  /** Whether this document may go to the worker: there is one, and it has not failed on this document. */
  #workerUsable(document: vscode.TextDocument): boolean {
    return this.#worker !== undefined && this.#worker.unavailable === undefined && !this.#workerFailed.has(document.uri.toString());
  }

  /**
   * The document parsed by the worker, its model read back part by part; undefined when the reading
   * was stopped (the document closed, the reading given up: the worker's parse is cancelled too). An
   * edit made meanwhile waits, as for any reading, and the next version is parsed when this one is done.
   * Should the worker fail (over its time, out of memory), the document is not parsed here instead:
   * that could hold or crash this thread as it did the worker. It shows nothing, the Output channel
   * says why, and it is not sent to the worker again until it is closed and opened again.
   */
  async #parseInWorker(text: ChunkedText, document: vscode.TextDocument, slicer: TimeSlicer, stopped: () => boolean,
    cancellation: vscode.CancellationToken, notices: MarkdownNotice[]): Promise<TranscriptDocument | undefined> {
    const worker = this.#worker;
    if (!worker) {
      return undefined;
    }
    // The pieces go over as code units, made a slice at a time: copying 50 MB of strings into the
    // message would hold this thread for 50-100 ms, and one piece may be a 50 MB line.
    const units: Uint16Array[] = [];
    for (const piece of text.pieces) {
      for (let start = 0; start < piece.length; start += codeUnitsPerStep) {
        await slicer.checkpoint();
        if (stopped()) {
          return undefined;
        }
        units.push(codeUnitsOf(piece, start, Math.min(piece.length, start + codeUnitsPerStep)));
      }
    }
    this.counts.sentToWorker++;
    const answer = await slicer.wait(worker.parse(units, document.uri.path, document.languageId, cancellation));
    if (stopped()) {
      return undefined;
    }
    if ('model' in answer) {
      appendAll(notices, answer.notices);
      this.counts.parsedInWorker++;
      return answer.model;
    }
    this.#workerFailed.add(document.uri.toString());
    this.#log?.error(vscode.l10n.t('Shotlist could not read {0} on its worker thread ({1}), and shows nothing for it until it is closed and opened again.',
      vscode.workspace.asRelativePath(document.uri), 'error' in answer ? answer.error : 'cancelled'));
    return unreadTranscript(document.lineCount, text.length);
  }

  /** True when the document is read in steps rather than in one call. */
  isLarge(document: vscode.TextDocument): boolean {
    return isLargeDocument(document);
  }

  /**
   * The model of this version of the document when it can be had at once: already parsed, re-parsed
   * from the previous version and the edit, or a document small enough to parse now. Undefined while a
   * large document is still being read; its reading is then started, and `onDidParse` fires when done.
   */
  peek(document: vscode.TextDocument): TranscriptDocument | undefined {
    const key = document.uri.toString();
    const cached = this.#entries.get(key);
    if (cached && cached.version === document.version && cached.ready) {
      return cached.model;
    }
    if (this.isLarge(document) || this.#markdownInWorker(document)) {
      this.#startReading(document);
      return undefined;
    }
    if (cached?.pending && cached.pending.version === document.version) {
      const notices: MarkdownNotice[] = [];
      const text = document.getText();
      const model = reparseTranscriptFile(cached.model, text, cached.pending.edit, document.uri.path, document.languageId, notices);
      this.counts.reparsed++;
      this.#noteLineage(model, cached, cached.pending.edit);
      return this.#keep(document, model, text, notices);
    }
    return this.#parseNow(document);
  }

  /** The model of this version of the document, waiting for a large document's reading in steps. */
  async model(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<TranscriptDocument | undefined> {
    for (;;) {
      const model = this.peek(document);
      if (model || document.isClosed || token?.isCancellationRequested) {
        return model;
      }
      await this.#reading.get(document.uri.toString())?.done;
    }
  }

  /**
   * model() for a command the user just ran: while a large document is still being read, the status bar
   * says so, so that a key that seems to do nothing is explained.
   */
  modelShowingProgress(document: vscode.TextDocument): Promise<TranscriptDocument | undefined> {
    const model = this.peek(document);
    if (model) {
      return Promise.resolve(model);
    }
    return Promise.resolve(vscode.window.withProgress({
      location: vscode.ProgressLocation.Window,
      title: vscode.l10n.t('Reading {0}', vscode.workspace.asRelativePath(document.uri)),
    }, () => this.model(document)));
  }

  /**
   * The model of this version of the document, parsed now in one call if need be, even when large.
   * Only for code that cannot wait (tests, a command's last resort); features use model() or peek().
   */
  get(document: vscode.TextDocument): TranscriptDocument {
    return this.peek(document) ?? this.#parseNow(document);
  }

  #parseNow(document: vscode.TextDocument): TranscriptDocument {
    const notices: MarkdownNotice[] = [];
    const text = document.getText();
    const model = parseTranscriptFile(text, document.uri.path, document.languageId, notices);
    this.counts.parsed++;
    return this.#keep(document, model, text, notices);
  }

  /**
   * The text of this version of the document: the one its model was parsed from when there is one
   * (asking the editor builds the whole text again, which on a 50 MB archive takes a few hundred ms).
   */
  text(document: vscode.TextDocument): string {
    const key = document.uri.toString();
    const cached = this.#entries.get(key);
    if (!cached || cached.version !== document.version) {
      return document.getText();
    }
    if (typeof cached.text === 'string') {
      return cached.text;
    }
    // A large document kept in pieces: joining them takes 80-100 ms for 50 MB, so the whole text is
    // kept for the version (the annotation commands of one version share it) and dropped after it.
    if (this.#joined?.key !== key || this.#joined.version !== document.version) {
      this.#joined = { key, version: document.version, text: cached.text.toString() };
    }
    return this.#joined.text;
  }

  /**
   * The text of this version of the document to read spans of (the checks read each story's own): a
   * large document's pieces are never joined whole.
   */
  source(document: vscode.TextDocument): TextSource {
    const cached = this.#entries.get(document.uri.toString());
    return cached && cached.version === document.version ? cached.text : document.getText();
  }

  #keep(document: vscode.TextDocument, model: TranscriptDocument, text: string | ChunkedText, notices: readonly MarkdownNotice[]): TranscriptDocument {
    this.#entries.set(document.uri.toString(), { version: document.version, model, text, ready: true });
    this.#sayNotices(document, notices);
    return model;
  }

  #startReading(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const running = this.#reading.get(key);
    if (running && !running.broken && running.version <= document.version) {
      return;
    }
    if (running) {
      stopReading(running);
    }
    const version = document.version;
    let resolveDone: () => void = () => undefined;
    const reading: Reading = { version, done: new Promise<void>((resolve) => { resolveDone = resolve; }), broken: false, stopped: false,
      cancellation: new vscode.CancellationTokenSource() };
    this.#reading.set(key, reading);
    void this.#read(document, reading).finally(() => {
      if (this.#reading.get(key) === reading) {
        this.#reading.delete(key);
      }
      reading.cancellation.dispose();
      resolveDone();
    });
  }

  /**
   * Reads a large document in steps: re-parsed from the previous version and the edits when the chain
   * of edits holds (one step of a few milliseconds), else parsed afresh in steps; then its lists and
   * story groups are built in steps, and only then peek() hands the model out.
   */
  async #read(document: vscode.TextDocument, reading: Reading): Promise<void> {
    const slicer = new TimeSlicer({ budgetMs: readingSliceMs });
    const stopped = (): boolean => reading.stopped || document.isClosed;
    // Let the event loop turn first: the caller is a provider that must answer now.
    await slicer.checkpoint(Number.POSITIVE_INFINITY);
    if (stopped() || document.version !== reading.version) {
      return;
    }
    const key = document.uri.toString();
    const notices: MarkdownNotice[] = [];
    // Markdown is read whole on each version (by the worker); its pieces are kept all the same.
    const markdown = this.#markdownInWorker(document);
    const text = await this.#piecesOf(document, slicer, stopped);
    if (text === undefined || stopped() || document.version !== reading.version) {
      slicer.finish();
      return;
    }
    const cached = this.#entries.get(key);
    let model: TranscriptDocument | undefined;
    let previousGroups: PreviousGroups | undefined;
    const reparse = cached?.pending && cached.pending.version === reading.version ? cached.pending : undefined;
    // The worker failed on this document: it stays unread (and is not parsed here in one call) until reopened.
    const failed = this.#workerFailed.has(key);
    // An archive edited: only the stories the edit touched are read again, here.
    const rebuilt = !failed && !markdown && cached && reparse && reparsesInPart(cached.model) ? reparseInPart(cached.model, text, reparse.edit) : null;
    // Anything else that this thread could only parse in one call (it does not split into stories) goes to the worker.
    const toWorker = !failed && !rebuilt && (markdown || (this.#workerUsable(document) && !(await runSteps(splitsIntoStoriesSteps(text), slicer, stopped))));
    if (stopped()) {
      slicer.finish();
      return;
    }
    if (failed) {
      model = unreadTranscript(document.lineCount, text.length);
    } else if (toWorker) {
      model = await this.#parseInWorker(text, document, slicer, stopped, reading.cancellation.token, notices);
    } else if (cached && reparse && rebuilt) {
      model = rebuilt;
      this.counts.reparsed++;
      this.#noteLineage(model, cached, reparse.edit);
      const groups = knownStoryGroups(cached.model);
      const lines = this.editLinesOf(document, model);
      previousGroups = groups && lines ? { groups, ...lines } : undefined;
    } else {
      try {
        model = await runSteps(parseTranscriptFileSteps(text, document.uri.path, document.languageId, notices, { chunkChars: readingChunkChars }), slicer, stopped);
      } catch (error) {
        // The parser never throws; should the steps ever fail, the text is read in one call rather than
        // left unread (a reading that failed each time would be started again and again).
        this.#log?.error(vscode.l10n.t('{0} could not be read in steps, so it was read in one go: {1}', vscode.workspace.asRelativePath(document.uri),
          error instanceof Error ? error.message : String(error)));
        model = parseTranscriptFile(wholeText(text), document.uri.path, document.languageId, notices);
      }
      if (model !== undefined) {
        this.counts.readInSteps++;
      }
    }
    if (model === undefined || stopped()) {
      slicer.finish();
      return;
    }
    // The previous model was consumed by the re-parse: from here on only the new one may be built on.
    const entry: Entry = { version: reading.version, model, text, ready: false };
    this.#entries.set(key, entry);
    this.#sayNotices(document, notices);
    // The lists of a re-parsed archive (its shots, soundbites...), gathered here in steps rather than in
    // one call by the first feature to read one (the timing status reads the soundbites at once).
    await runSteps(gatherListSteps(model), slicer, stopped);
    // The story groups the outline, the checks, the timing and smart select all start from, in small
    // steps: this runs right after each edit, while the editor has its own work to do.
    await runSteps(storyGroupSteps(model, new StepBudget(groupElementsPerPreparingStep), previousGroups), slicer, stopped);
    slicer.finish();
    this.longestStepMs = Math.max(this.longestStepMs, slicer.longestSliceMs);
    if (stopped() || this.#entries.get(key) !== entry) {
      return;
    }
    entry.ready = true;
    // Edits made meanwhile wait as the next re-parse; an edit the chain lost means reading afresh.
    entry.pending = reading.broken ? undefined : reading.pending;
    // Done before the event, so that a listener asking for a newer version starts its reading.
    if (this.#reading.get(key) === reading) {
      this.#reading.delete(key);
    }
    this.#onDidParse.fire(document);
  }

  #sayNotices(document: vscode.TextDocument, notices: readonly MarkdownNotice[]): void {
    const key = document.uri.toString();
    const said = notices.map((notice) => `${notice.code}:${notice.lines}`).join(',');
    if ((this.#said.get(key) ?? '') === said) {
      return;
    }
    this.#said.set(key, said);
    const name = vscode.workspace.asRelativePath(document.uri);
    notices.forEach((notice) => this.#log?.warn(formatMarkdownNotice(notice, name)));
  }

  dispose(): void {
    this.#subscriptions.forEach((subscription) => subscription.dispose());
    for (const reading of this.#reading.values()) {
      stopReading(reading);
    }
    this.#reading.clear();
    this.#entries.clear();
    this.#texts.clear();
    this.#joined = undefined;
    this.#said.clear();
  }
}
