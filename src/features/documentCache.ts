// Parse once per document version and share the result between every provider.
import * as vscode from 'vscode';
import type { TranscriptDocument } from '../core/model';
import { parseTranscript } from '../core/parse';

export class TranscriptCache implements vscode.Disposable {
  readonly #entries = new Map<string, { version: number; model: TranscriptDocument }>();
  readonly #subscription: vscode.Disposable;

  constructor() {
    this.#subscription = vscode.workspace.onDidCloseTextDocument((document) => this.#entries.delete(document.uri.toString()));
  }

  /** The model of this version of the document, parsed now only if no provider asked for it yet. */
  get(document: vscode.TextDocument): TranscriptDocument {
    const key = document.uri.toString();
    const cached = this.#entries.get(key);
    if (cached && cached.version === document.version) {
      return cached.model;
    }
    const model = parseTranscript(document.getText());
    this.#entries.set(key, { version: document.version, model });
    return model;
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#entries.clear();
  }
}
