// Parse once per document version and share the result between every provider. Which parser reads a
// document (Markdown or line-oriented) is decided by src/core/parse/index.ts (parseTranscriptFile), as for files on disk.
// Edits are collected as they happen, so that the next version of a long archive re-reads only the
// stories that changed instead of the whole text. What the Markdown guard changed or refused in a
// document is said once in the Output channel (again only when it changes).
import * as vscode from 'vscode';
import type { ShotlistLog } from './output';
import { formatMarkdownNotice } from '../../core/messages/notices';
import type { TranscriptDocument } from '../../core/model';
import { editOf, type TextEdit } from '../../core/text/edits';
import { parseTranscriptFile, reparseTranscriptFile, type MarkdownNotice } from '../../core/parse';

interface Entry {
  readonly version: number;
  readonly model: TranscriptDocument;
  /** What changed since `version`, and the version that change leads to. */
  pending?: { readonly edit: TextEdit; readonly version: number };
}

export class TranscriptCache implements vscode.Disposable {
  readonly #entries = new Map<string, Entry>();
  readonly #subscriptions: vscode.Disposable[];
  /** The Markdown notices last written to the log, by document. */
  readonly #said = new Map<string, string>();
  readonly #log: ShotlistLog | undefined;
  /** How many versions were parsed in full, and how many from the previous version and the edit. */
  readonly counts = { parsed: 0, reparsed: 0 };

  constructor(log?: ShotlistLog) {
    this.#log = log;
    this.#subscriptions = [
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.#entries.delete(document.uri.toString());
        this.#said.delete(document.uri.toString());
      }),
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
    const notices: MarkdownNotice[] = [];
    if (cached?.pending && cached.pending.version === document.version) {
      model = reparseTranscriptFile(cached.model, text, cached.pending.edit, document.uri.path, document.languageId, notices);
      this.counts.reparsed++;
    } else {
      model = parseTranscriptFile(text, document.uri.path, document.languageId, notices);
      this.counts.parsed++;
    }
    this.#entries.set(key, { version: document.version, model });
    this.#sayNotices(document, notices);
    return model;
  }

  #sayNotices(document: vscode.TextDocument, notices: readonly MarkdownNotice[]): void {
    const key = document.uri.toString();
    const said = notices.map((notice) => `${notice.code}:${notice.lines}`).join(',');
    if ((this.#said.get(key) ?? '') === said) {
      return;
    }
    this.#said.set(key, said);
    const name = vscode.workspace.asRelativePath(document.uri);
    notices.forEach((notice) => this.#log?.warn(formatMarkdownNotice(notice, name)));
  }

  dispose(): void {
    this.#subscriptions.forEach((subscription) => subscription.dispose());
    this.#entries.clear();
    this.#said.clear();
  }
}
