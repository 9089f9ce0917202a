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

// --- knowledge cards

export function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
}

/** The Shotlist card at a position (other hovers, if any, are ignored), or undefined. */
export async function cardAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.find((hover) => /Mentioned /.test(markdownOf(hover)));
}

export async function pollCard(uri: vscode.Uri, position: vscode.Position, accept: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const hover = await cardAt(uri, position);
    const text = hover ? markdownOf(hover) : '';
    if (accept(text)) {
      return text;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}; last card: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
