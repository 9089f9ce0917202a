// The worker's side of the protocol, whatever thread it runs on (a Node worker thread in coreWorker.ts,
// a Web Worker in webCoreWorker.ts): a request is answered at once, and its messages go out one per
// 'next' from the host, so that at most one answer waits in the worker and the host sets the pace.
import { answerCoreRequest, type CoreMessage, type CoreRequest } from './requests';

/** Returns the handler for each request the host sends; `send` posts one message to the host. */
export function coreResponder(send: (message: CoreMessage) => void): (request: CoreRequest) => void {
  let waiting: { readonly id: number; readonly messages: CoreMessage[]; next: number } | undefined;
  const sendNext = (): void => {
    if (!waiting) {
      return;
    }
    const message = waiting.messages[waiting.next++];
    if (waiting.next >= waiting.messages.length) {
      waiting = undefined;
    }
    if (message) {
      send(message);
    }
  };
  return (request) => {
    if (request.kind === 'next') {
      if (waiting?.id === request.id) {
        sendNext();
      }
      return;
    }
    waiting = { id: request.id, messages: answerCoreRequest(request), next: 0 };
    sendNext();
  };
}
