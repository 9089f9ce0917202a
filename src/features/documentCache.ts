// Parse once per document version and share the result between every provider. Which parser reads a
// document (Markdown or line-oriented) is decided by src/core/parseFile.ts, as for files on disk.
import * as vscode from 'vscode';
import type { TranscriptDocument } from '../core/model';
import { parseTranscriptFile } from '../core/parseFile';

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
    const model = parseTranscriptFile(document.getText(), document.uri.path, document.languageId);
    this.#entries.set(key, { version: document.version, model });
    return model;
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#entries.clear();
  }
}
