// Entry of dist/web/coreWorker.js, the core worker as a Web Worker (VS Code for the Web, where the
// extension host is itself a web worker): the same requests and pace as the Node worker thread
// (responder.ts). It says 'ready' once loaded, so that the host can tell a worker that never started
// (no worker here at all: fall back) from one that died on a file (that request fails alone).
import type { CoreRequest } from './requests';
import { coreResponder } from './responder';
import { webWorkerReady } from './webTransport';

/** What this file needs of a dedicated worker's global scope (typed here: the project's lib has no WebWorker). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: CoreRequest }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const respond = coreResponder((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => respond(event.data));
scope.postMessage(webWorkerReady);
