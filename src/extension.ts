// Extension entry point: builds the shared parse cache and registers each feature (src/features).
import type * as vscode from 'vscode';
import { registerDiagnostics } from './features/diagnostics';
import { TranscriptCache } from './features/documentCache';
import { registerLanguageDetection } from './features/languageDetection';

export function activate(context: vscode.ExtensionContext): void {
  const cache = new TranscriptCache();
  context.subscriptions.push(cache, registerDiagnostics(cache));
  context.subscriptions.push(registerLanguageDetection());
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
