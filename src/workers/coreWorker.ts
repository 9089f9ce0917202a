// Entry of dist/coreWorker.js, the Node worker thread that parses files for the workspace index and
// knowledge files for the knowledge base, so that no parse holds the extension host. Only the
// transport lives here; the work is requests.ts. The host sends one request at a time and pulls the
// answer's messages one by one ('next'), so at most one answer waits here.
import { parentPort } from 'node:worker_threads';
import { answerCoreRequest, type CoreMessage, type CoreRequest } from './requests';

let waiting: { readonly id: number; readonly messages: CoreMessage[]; next: number } | undefined;

function sendNext(): void {
  if (!waiting) {
    return;
  }
  const message = waiting.messages[waiting.next++];
  if (waiting.next >= waiting.messages.length) {
    waiting = undefined;
  }
  if (message) {
    parentPort?.postMessage(message);
  }
}

parentPort?.on('message', (request: CoreRequest) => {
  if (request.kind === 'next') {
    if (waiting?.id === request.id) {
      sendNext();
    }
    return;
  }
  waiting = { id: request.id, messages: answerCoreRequest(request), next: 0 };
  sendNext();
});
