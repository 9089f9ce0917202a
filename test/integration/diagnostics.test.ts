// Parser findings reach the Problems panel of a real VS Code, at the right lines.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function diagnosticsOf(uri: vscode.Uri, timeoutMs: number): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shotlist');
    if (found.length > 0 || Date.now() > deadline) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

suite('diagnostics', () => {
  test('numbering errors and an unclosed quote appear with their codes and lines', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.file(path.join(folder.uri.fsPath, 'integration', 'numbering.unifeed'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const found = await diagnosticsOf(uri, 5000);
    const summary = found.map((diagnostic) => `${diagnostic.range.start.line + 1}:${String(diagnostic.code)}`).sort();
    // Line 12 repeats a number out of sequence: one finding names both facts.
    assert.deepEqual(summary, ['11:shot-number-out-of-sequence', '12:shot-number-duplicate', '13:unclosed-quote']);
    const duplicate = found.find((diagnostic) => diagnostic.code === 'shot-number-duplicate');
    assert.equal(duplicate?.relatedInformation?.[0]?.location.range.start.line, 8, 'points at the first use of the number');
  });

  test('fixing the text clears the findings after an edit', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.file(path.join(folder.uri.fsPath, 'integration', 'numbering.unifeed'));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => {
      edit.replace(new vscode.Range(10, 0, 10, 1), '3');
      edit.replace(new vscode.Range(11, 0, 11, 1), '4');
      edit.insert(new vscode.Position(12, 13), '.”');
    });
    const deadline = Date.now() + 5000;
    let remaining = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shotlist');
    while (remaining.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      remaining = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'shotlist');
    }
    assert.deepEqual(remaining.map((diagnostic) => diagnostic.code), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
