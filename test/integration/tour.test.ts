// The first run: "Open a Sample Shot List" (the walkthrough's first step) opens the built-in sample with
// the cursor on its first soundbite, and every page the walkthrough shows is in the extension.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './helpers';

interface WalkthroughStep {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly markdown?: string };
}

suite('tour', () => {
  test('Open a Sample Shot List opens the sample, cursor on the first soundbite\'s quote', async () => {
    await vscode.commands.executeCommand('shotlist.tour.openSample');
    const opened = await waitFor(() => vscode.window.activeTextEditor?.document.isUntitled === true, 10_000);
    assert.ok(opened, 'no untitled editor became active');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    try {
      assert.equal(editor.document.languageId, 'unifeed');
      assert.match(editor.document.lineAt(0).text, /^STORY: UN \/ SOUTH SUDAN FLOOD ROADS$/);
      // Line 13 (0-based) is soundbite 4's quote; the cursor sits after the opening mark.
      assert.match(editor.document.lineAt(12).text, /^4\. SOUNDBITE \(English\) Rebecca Achol Deng-Harlow/);
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [13, 1]);
      assert.ok(editor.selection.isEmpty);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('the walkthrough\'s pages ship with the extension and its buttons name real commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: { id: string; steps: WalkthroughStep[] }[] } }).contributes.walkthroughs;
    const steps = walkthroughs.find((walkthrough) => walkthrough.id === 'shotlist.gettingStarted')?.steps ?? [];
    assert.deepEqual(steps.map((step) => step.id), ['openSample', 'jump', 'copy', 'hover', 'annotate']);
    const known = new Set(await vscode.commands.getCommands(false));
    for (const step of steps) {
      assert.ok(step.media.markdown && existsSync(path.join(extension.extensionPath, step.media.markdown)), `${step.id}: ${step.media.markdown} is missing`);
    }
    // The descriptions are %keys%; VS Code resolves them from package.nls.json in the installed manifest.
    const nls = (await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(extension.extensionPath, 'package.nls.json')))).toString();
    const links = [...nls.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1] ?? '');
    const missing = links.filter((command) => !known.has(command));
    assert.deepEqual(missing, [], 'walkthrough buttons run commands that do not exist');
    for (const command of ['shotlist.tour.openSample', 'shotlist.nextSoundbite', 'shotlist.copyQuote', 'editor.action.showHover', 'shotlist.annotations.markSelected']) {
      assert.ok(links.includes(command), `no walkthrough button runs ${command}`);
    }
  });
});
