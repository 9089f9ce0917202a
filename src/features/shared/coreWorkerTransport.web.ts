// How this extension host starts the core worker, in the web build (dist/web/extension.js, the web
// worker extension host): a Web Worker running dist/web/coreWorker.js, whose text is read through
// workspace.fs from wherever the extension lives (vscode-remote:, https: or a local folder alike).
// scripts/build.mjs and tsconfig.web.json pick this file over coreWorkerTransport.ts (`.web.ts` first);
// extension.ts is type-checked against both, so their signatures cannot drift apart.
import * as vscode from 'vscode';
import type { CoreWorkerTransportFactory } from '../../workers/client';
import { webCoreWorkerFactory } from '../../workers/webTransport';

export function coreWorkerTransport(context: vscode.ExtensionContext): CoreWorkerTransportFactory {
  return webCoreWorkerFactory(() => vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'coreWorker.js')));
}
