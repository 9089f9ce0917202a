// Extension entry point: wires the features (src/features) to the VS Code API. Kept thin on purpose.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features register here as they land.
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
