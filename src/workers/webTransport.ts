// The core worker as a Web Worker, for the web worker extension host (VS Code for the Web, and any
// window where extensions run in the browser). The worker's script, dist/web/coreWorker.js, is loaded
// through the caller (workspace.fs) and started from a blob: URL: the web host refuses to start a
// worker from a vscode-remote: URL, and a blob works wherever the extension's files live. No `vscode`
// import; only the browser globals Worker, Blob and URL.createObjectURL, looked up when first needed.
import type { CoreWorkerTransportFactory } from './client';
import type { CoreMessage, CoreRequest } from './requests';

/** The first message of a Web Worker that loaded: until then, a failure means "no worker here". */
export const webWorkerReady = 'shotlist-core-worker-ready';

/** What the transport uses of a Web Worker (typed here: the project's lib has no DOM or WebWorker). */
interface WebWorker {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onerror: ((event: { readonly message?: string; preventDefault?(): void }) => void) | null;
  onmessageerror: (() => void) | null;
  postMessage(message: CoreRequest, transfer: ArrayBuffer[]): void;
  terminate(): void;
}

interface BrowserGlobals {
  readonly Worker?: new (url: string, options?: { name?: string }) => WebWorker;
  readonly Blob?: new (parts: readonly Uint8Array[], options?: { type?: string }) => unknown;
  readonly URL?: { createObjectURL?(blob: unknown): string };
}

/**
 * Starts a Web Worker from the script `loadScript` reads (once, on first use). The factory throws
 * where there is no Web Worker at all; when the script cannot be read, or the worker fails before it
 * said it was ready, the client hears `onUnavailable` and its callers fall back to the host.
 */
export function webCoreWorkerFactory(loadScript: () => PromiseLike<Uint8Array>): CoreWorkerTransportFactory {
  let scriptUrl: Promise<string> | undefined;
  return (events) => {
    const browser = globalThis as unknown as BrowserGlobals;
    const WorkerClass = browser.Worker;
    const BlobClass = browser.Blob;
    const createObjectURL = browser.URL?.createObjectURL;
    if (!WorkerClass || !BlobClass || !createObjectURL) {
      throw new Error('this extension host cannot start a Web Worker');
    }
    scriptUrl ??= Promise.resolve(loadScript()).then((bytes) => createObjectURL(new BlobClass([bytes], { type: 'text/javascript' })));
    let worker: WebWorker | undefined;
    let ready = false;
    let stopped = false;
    const queued: { readonly request: CoreRequest; readonly transfer: ArrayBuffer[] }[] = [];
    const stop = (reason: string): void => {
      if (stopped) {
        return;
      }
      stopped = true;
      worker?.terminate();
      if (ready) {
        events.onFailure(reason);
      } else {
        events.onUnavailable(reason);
      }
    };
    scriptUrl.then(
      (url) => {
        if (stopped) {
          return;
        }
        try {
          worker = new WorkerClass(url, { name: 'Shotlist core worker' });
        } catch (error) {
          stop(error instanceof Error ? error.message : String(error));
          return;
        }
        worker.onmessage = (event) => {
          if (stopped) {
            return;
          }
          if (!ready) {
            ready = event.data === webWorkerReady;
            if (!ready) {
              stop('the worker did not start as expected');
              return;
            }
            for (const { request, transfer } of queued.splice(0)) {
              worker?.postMessage(request, transfer);
            }
            return;
          }
          events.onMessage(event.data as CoreMessage);
        };
        worker.onerror = (event) => {
          // Handled here: without preventDefault the error would also reach the extension host's console as uncaught.
          event.preventDefault?.();
          stop(event.message || 'the worker failed');
        };
        worker.onmessageerror = () => stop('a message from the worker could not be read');
      },
      (error: unknown) => stop(`its script could not be read (${error instanceof Error ? error.message : String(error)})`),
    );
    return {
      post: (request, transfer = []) => {
        if (stopped) {
          return;
        }
        // Transfer lists are plain ArrayBuffers here (the client only hands over buffers a request owns).
        const buffers = transfer.slice() as ArrayBuffer[];
        if (ready && worker) {
          worker.postMessage(request, buffers);
        } else {
          queued.push({ request, transfer: buffers });
        }
      },
      terminate: () => {
        stopped = true;
        queued.length = 0;
        worker?.terminate();
      },
    };
  };
}
