// Entry of dist/coreWorker.js, the Node worker thread that parses files for the workspace index and
// knowledge files for the knowledge base, so that no parse holds the extension host. Only the
// transport lives here; the work is requests.ts and the pace responder.ts (shared with the Web Worker).
import { parentPort } from 'node:worker_threads';
import type { CoreRequest } from './requests';
import { coreResponder } from './responder';

const respond = coreResponder((message) => parentPort?.postMessage(message));
parentPort?.on('message', (request: CoreRequest) => respond(request));
