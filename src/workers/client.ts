// The extension host's side of the core worker: parses for the workspace index, knowledge files and
// open documents that cannot be read in short steps run on another thread, so that a 16 MB archive
// or a hostile file never holds the host. One request at a time; the answer arrives in parts, each
// asked for after a turn of the event loop. A request that runs too long (a pathological file) or
// kills the worker (out of memory) fails alone: the worker is replaced for the next one. Where no
// worker can start (the factory throws, or the transport reports it unavailable), callers fall back
// to the sliced in-host path and the Output channel says so once. No `vscode` import: the unit tests
// run it against real worker threads, fakes, and (test/web) the Web Worker of VS Code for the Web.
import type { KbEntry, KbProblem } from '../core/kb/model';
import type { TranscriptDocument } from '../core/model';
import type { MarkdownNotice } from '../core/parse';
import type { FileEntry } from '../core/workspace/entries';
import { CoreAnswerAssembly, isFinalMessage, type CoreMessage, type CoreRequest, type CoreWork } from './requests';

/** What the client needs of a cancellation token (Cancellation has it). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface CoreWorkerClientOptions {
  /** A request that has not answered after this long is given up (default 60 s). */
  readonly timeoutMs?: number;
  /** The reason given for a request given up, in the UI's language. */
  readonly describeTimeout?: (seconds: number) => string;
}

/** How the host talks to one worker: a Node worker thread here, a web worker in the browser. */
export interface CoreWorkerTransport {
  post(request: CoreRequest, transfer?: readonly ArrayBuffer[]): void;
  /** Stops the worker; no message or failure is reported after this. */
  terminate(): void;
}

export interface CoreWorkerTransportEvents {
  readonly onMessage: (message: CoreMessage) => void;
  /** The worker died (an error it could not answer, out of memory, exited). */
  readonly onFailure: (reason: string) => void;
  /**
   * No worker can start here at all (its script could not be loaded, the host refuses workers), found
   * only after the factory returned: the client stops trying and callers fall back, as when the factory throws.
   */
  readonly onUnavailable: (reason: string) => void;
}

export type CoreWorkerTransportFactory = (events: CoreWorkerTransportEvents) => CoreWorkerTransport;

export type IndexAnswer = { readonly entry: FileEntry | null; readonly notices?: readonly MarkdownNotice[] } | { readonly error: string } | { readonly cancelled: true };
export type ParseAnswer = { readonly model: TranscriptDocument; readonly notices: readonly MarkdownNotice[] } | { readonly error: string } | { readonly cancelled: true };
export type KnowledgeAnswer = { readonly entries: readonly KbEntry[]; readonly problems: readonly KbProblem[] } | { readonly error: string } | { readonly cancelled: true };

/** A request that has not answered after this long is given up and its worker replaced. */
export const defaultRequestTimeoutMs = 60_000;

interface Job {
  readonly work: CoreWork;
  readonly transfer: readonly ArrayBuffer[];
  readonly token: Cancellation | undefined;
  readonly settle: (answer: IndexAnswer | KnowledgeAnswer | ParseAnswer) => void;
}

export class CoreWorkerClient {
  readonly #createTransport: CoreWorkerTransportFactory;
  readonly #timeoutMs: number;
  readonly #describeTimeout: (seconds: number) => string;
  readonly #queue: Job[] = [];
  #transport: CoreWorkerTransport | undefined;
  #running: { readonly job: Job; readonly assembly: CoreAnswerAssembly; readonly timer: ReturnType<typeof setTimeout>; readonly cancel: { dispose(): void } | undefined } | undefined;
  #nextId = 1;
  /** Set when no worker could be started: callers do the work themselves. */
  #unavailable: string | undefined;
  #disposed = false;

  constructor(createTransport: CoreWorkerTransportFactory, options: CoreWorkerClientOptions = {}) {
    this.#createTransport = createTransport;
    this.#timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
    this.#describeTimeout = options.describeTimeout ?? ((seconds) => `gave up after ${seconds} s`);
  }

  /** Why there is no worker (callers then work in the host), or undefined while it can be used. */
  get unavailable(): string | undefined {
    return this.#disposed ? 'disposed' : this.#unavailable;
  }

  /** Decodes, detects (when asked), parses and indexes one file's bytes. The bytes are handed over (transferred) when they own their buffer. */
  index(bytes: Uint8Array, file: string, detect: boolean, token?: Cancellation): Promise<IndexAnswer> {
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    return this.#enqueue({ id: 0, kind: 'index', bytes, file, detect }, owned ? [bytes.buffer] : [], token) as Promise<IndexAnswer>;
  }

  /**
   * An open document parsed in the worker (see requests.ts 'parse'): its model as plain data, read
   * back part by part. `pieces` are the code units of the text's pieces (codeUnitsOf), joined in the
   * worker; their buffers are handed over (transferred), so they are empty here afterwards.
   */
  parse(pieces: readonly Uint16Array[], name: string, languageId: string | undefined, token?: Cancellation): Promise<ParseAnswer> {
    const buffers = pieces.map((units) => units.buffer).filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
    return this.#enqueue({ id: 0, kind: 'parse', pieces, name, languageId }, buffers, token) as Promise<ParseAnswer>;
  }

  /** Parses and checks one knowledge file. */
  knowledge(text: string, origin: string, token?: Cancellation): Promise<KnowledgeAnswer> {
    return this.#enqueue({ id: 0, kind: 'knowledge', text, origin }, [], token) as Promise<KnowledgeAnswer>;
  }

  #enqueue(work: CoreWork, transfer: readonly ArrayBuffer[], token: Cancellation | undefined): Promise<unknown> {
    return new Promise((settle) => {
      if (this.#disposed || token?.isCancellationRequested) {
        settle({ cancelled: true });
        return;
      }
      const job = { work: { ...work, id: this.#nextId++ }, transfer, token, settle };
      // An open document's parse is waited for by the editor: it goes before the index's files.
      if (work.kind === 'parse') {
        this.#queue.unshift(job);
      } else {
        this.#queue.push(job);
      }
      this.#pump();
    });
  }

  #pump(): void {
    while (!this.#running && this.#queue.length > 0) {
      const job = this.#queue.shift() as Job;
      if (job.token?.isCancellationRequested) {
        job.settle({ cancelled: true });
        continue;
      }
      const transport = this.#ensureTransport();
      if (!transport) {
        job.settle({ error: this.#unavailable ?? 'no worker' });
        continue;
      }
      const timer = setTimeout(() => this.#fail(this.#describeTimeout(Math.round(this.#timeoutMs / 1000))), this.#timeoutMs);
      const cancel = job.token?.onCancellationRequested(() => this.#cancelRunning(job));
      this.#running = { job, assembly: new CoreAnswerAssembly(), timer, cancel };
      try {
        transport.post(job.work, job.transfer);
      } catch (error) {
        this.#fail(error instanceof Error ? error.message : String(error));
      }
    }
  }

  /** A running request cancelled: its worker is stopped (the parse cannot be interrupted otherwise). */
  #cancelRunning(job: Job): void {
    if (this.#running?.job === job) {
      this.#finish({ cancelled: true });
      this.#replaceTransport();
      this.#pump();
    }
  }

  #ensureTransport(): CoreWorkerTransport | undefined {
    if (this.#transport || this.#unavailable !== undefined) {
      return this.#transport;
    }
    try {
      const transport: CoreWorkerTransport = this.#createTransport({
        onMessage: (message) => {
          if (this.#transport === transport) {
            this.#receive(message);
          }
        },
        onFailure: (reason) => {
          if (this.#transport === transport) {
            this.#fail(reason);
          }
        },
        onUnavailable: (reason) => {
          if (this.#transport === transport) {
            // Set before the running request fails, so that its caller sees why and falls back.
            this.#unavailable = reason;
            this.#fail(reason);
          }
        },
      });
      this.#transport = transport;
    } catch (error) {
      this.#unavailable = error instanceof Error ? error.message : String(error);
    }
    return this.#transport;
  }

  #receive(message: CoreMessage): void {
    const running = this.#running;
    if (!running || message.id !== running.job.work.id) {
      return;
    }
    const answer = running.assembly.add(message);
    if (answer !== undefined || isFinalMessage(message)) {
      this.#finish(answer ?? { error: 'empty answer' });
      this.#pump();
      return;
    }
    // Ask for the next part after a turn of the event loop, so that other host work runs in between.
    setTimeout(() => {
      if (this.#running === running) {
        this.#transport?.post({ id: message.id, kind: 'next' });
      }
    }, 0);
  }

  /** The running request fails with `reason`; the worker is replaced (it may be stuck or dead). */
  #fail(reason: string): void {
    if (this.#running) {
      this.#finish({ error: reason });
    }
    this.#replaceTransport();
    this.#pump();
  }

  #finish(answer: Parameters<Job['settle']>[0]): void {
    const running = this.#running;
    if (!running) {
      return;
    }
    this.#running = undefined;
    clearTimeout(running.timer);
    running.cancel?.dispose();
    running.job.settle(answer);
  }

  #replaceTransport(): void {
    const transport = this.#transport;
    this.#transport = undefined;
    transport?.terminate();
  }

  dispose(): void {
    this.#disposed = true;
    this.#finish({ cancelled: true });
    for (const job of this.#queue.splice(0)) {
      job.settle({ cancelled: true });
    }
    this.#replaceTransport();
  }
}
