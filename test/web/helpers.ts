// Shared by the web tests. They run in the web worker extension host, where no Node module exists:
// fixtures are reached with Uri.joinPath from the workspace folder (a vscode-remote: URI there), and
// the assertions are these few (node:assert is not available and no polyfill is installed).
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';

export const EXTENSION_ID = 'shotlist.shotlist';

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) {
    throw new AssertionError(message);
  }
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Deep equality of plain data (arrays, objects, strings, numbers), compared as JSON. */
export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  const a = JSON.stringify(actual, null, 1);
  const e = JSON.stringify(expected, null, 1);
  if (a !== e) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected\n${e}\ngot\n${a}`);
  }
}

/** The workspace folder the run opened (test/fixtures). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'the web run must open test/fixtures as the workspace folder');
  return folder.uri;
}

/** A file under test/fixtures, as the web host sees it (no fsPath, no node:path). */
export function fixture(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

/** Polls `probe` every 50 ms until `accept` holds; fails the test with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | Thenable<T>, accept: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value)) {
    if (Date.now() > deadline) {
      throw new AssertionError(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}

/** The extension's API (activate()'s return value), activating it if needed. */
export async function api(): Promise<ShotlistApi> {
  const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
  ok(extension, `extension ${EXTENSION_ID} is not loaded in the web host`);
  const exports = await extension.activate();
  ok(exports?.index && exports.soundbites, 'activate() returns the index and the Soundbites view');
  return exports;
}

/** Opens and shows a fixture; it must get the `unifeed` language. */
export async function show(...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(...segments));
  const editor = await vscode.window.showTextDocument(document);
  await waitFor(() => document.languageId, (id) => id === 'unifeed', 5000, `${segments.join('/')} to be a unifeed document`);
  return editor;
}

export function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
}
