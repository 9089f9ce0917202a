// Shared by the integration tests: where the fixtures are, and polling for the editor to settle.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'shotlist.shotlist';

/** A file under test/fixtures/<folder>, the workspace folder the test run opens. */
export function fixtureIn(folder: string, name: string): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  assert.ok(workspace, 'the test run must open test/fixtures as the workspace folder');
  return vscode.Uri.file(path.join(workspace.uri.fsPath, folder, name));
}

/** Polls every 50 ms until `condition` holds; false when it still does not after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
