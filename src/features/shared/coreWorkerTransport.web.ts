// How this extension host starts the core worker, in the web build (dist/web/extension.js, the web
// worker extension host): a Web Worker running dist/web/coreWorker.js, whose text is read through
// workspace.fs from wherever the extension lives (vscode-remote: in a remote window, a local folder),
// or fetched when it is served over http(s) and no file system answers for it (a gallery or CDN).
// scripts/build.mjs and tsconfig.web.json pick this file over coreWorkerTransport.ts (`.web.ts` first);
// extension.ts is type-checked against both, so their signatures cannot drift apart.
import * as vscode from 'vscode';
import type { CoreWorkerTransportFactory } from '../../workers/client';
import { webCoreWorkerFactory } from '../../workers/webTransport';

async function readWorkerScript(uri: vscode.Uri): Promise<Uint8Array> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (uri.scheme !== 'http' && uri.scheme !== 'https') {
      throw error;
    }
    const response = await fetch(uri.toString(true));
    if (!response.ok) {
      throw new Error(`${response.status} ${response.statusText} for ${uri.toString(true)}`, { cause: error });
    }
    return new Uint8Array(await response.arrayBuffer());
  }
}

export function coreWorkerTransport(context: vscode.ExtensionContext): CoreWorkerTransportFactory {
  return webCoreWorkerFactory(() => readWorkerScript(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'coreWorker.js')));
}
