// How this extension host starts the core worker, in the desktop (Node) build: a Node worker thread
// running dist/coreWorker.js. The web build (scripts/build.mjs, platform browser) resolves this import
// to coreWorkerTransport.web.ts instead; extension.ts is type-checked against both (tsconfig.web.json).
import type * as vscode from 'vscode';
import type { CoreWorkerTransportFactory } from '../../workers/client';
import { nodeCoreWorkerFactory } from '../../workers/nodeTransport';

export function coreWorkerTransport(context: vscode.ExtensionContext): CoreWorkerTransportFactory {
  return nodeCoreWorkerFactory(context.asAbsolutePath('dist/coreWorker.js'));
}
