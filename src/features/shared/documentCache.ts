// Parse once per document version and share the result between every provider. Which parser reads a
// document (Markdown or line-oriented) is decided by src/core/parse/index.ts (parseTranscriptFile), as for files on disk.
// Edits are collected as they happen, so that the next version of a long archive re-reads only the
// stories that changed instead of the whole text.
import * as vscode from 'vscode';
import type { TranscriptDocument } from '../../core/model';
import { editOf, type TextEdit } from '../../core/text/edits';
import { parseTranscriptFile, reparseTranscriptFile } from '../../core/parse';

interface Entry {
  readonly version: number;
  readonly model: TranscriptDocument;
  /** What changed since `version`, and the version that change leads to. */
  pending?: { readonly edit: TextEdit; readonly version: number };
}

export class TranscriptCache implements vscode.Disposable {
  readonly #entries = new Map<string, Entry>();
  readonly #subscriptions: vscode.Disposable[];
  /** How many versions were parsed in full, and how many from the previous version and the edit. */
  readonly counts = { parsed: 0, reparsed: 0 };

  constructor() {
    this.#subscriptions = [
      vscode.workspace.onDidCloseTextDocument((document) => this.#entries.delete(document.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((event) => this.#noteChange(event)),
    ];
  }

  #noteChange(event: vscode.TextDocumentChangeEvent): void {
    const entry = this.#entries.get(event.document.uri.toString());
    // A provider listening to the same event may have parsed this version already.
    if (!entry || event.contentChanges.length === 0 || event.document.version <= entry.version) {
      return;
    }
    // The change events form a chain from the parsed version; a version without its event breaks it.
    const edit = editOf(event.contentChanges, entry.pending?.edit);
    entry.pending = edit ? { edit, version: event.document.version } : undefined;
  }

  /** The model of this version of the document, parsed now only if no provider asked for it yet. */
  get(document: vscode.TextDocument): TranscriptDocument {
    const key = document.uri.toString();
    const cached = this.#entries.get(key);
    if (cached && cached.version === document.version) {
      return cached.model;
    }
    const text = document.getText();
    let model: TranscriptDocument;
    if (cached?.pending && cached.pending.version === document.version) {
      model = reparseTranscriptFile(cached.model, text, cached.pending.edit, document.uri.path, document.languageId);
      this.counts.reparsed++;
    } else {
      model = parseTranscriptFile(text, document.uri.path, document.languageId);
      this.counts.parsed++;
    }
    this.#entries.set(key, { version: document.version, model });
    return model;
  }

  dispose(): void {
    this.#subscriptions.forEach((subscription) => subscription.dispose());
    this.#entries.clear();
  }
}
