// Switches plain-text documents that are transcripts to the `unifeed` language, and the command
// "Shotlist: Treat This File as a Transcript". The core (src/core/workspace/detect.ts) decides from the text;
// this file decides whether we may touch the document at all:
//   - only `plaintext` documents, only when `shotlist.detectTranscripts` is on;
//   - never a file that a `files.associations` pattern (user, workspace or folder) assigns;
//   - never a document whose language someone changed while it was open (the user picking a language
//     in the status bar, another extension): a language change is seen as onDidCloseTextDocument then
//     onDidOpenTextDocument for the same TextDocument object. Remembered per URI for the session.
import * as vscode from 'vscode';
import { detectTranscript, detectionHeadLines, matchesAssociationPattern } from '../core/workspace/detect';
import { disposeAllOf, languageId } from './shared/editor';

export const treatAsTranscriptCommand = 'shotlist.treatAsTranscript';
const settingSection = 'shotlist';
const settingName = 'detectTranscripts';

/** A change this long, over several lines, into an Untitled document is a paste worth a look. */
const pastedLength = 80;
/** URI schemes whose documents are the user's own text (not output channels, diffs of history, settings). */
const detectableSchemes: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

export function registerLanguageDetection(): vscode.Disposable {
  /** URIs whose language was chosen while open: never switched automatically again this session. */
  const explicitlyChosen = new Set<string>();
  /** URIs with a switch in flight, so that one document is not switched twice. */
  const pending = new Set<string>();
  /** The document being closed right now: a language change closes and reopens the same object. */
  let closing: vscode.TextDocument | undefined;

  const associated = (document: vscode.TextDocument): boolean => {
    const inspected = vscode.workspace.getConfiguration('files', document.uri).inspect<Record<string, string>>('associations');
    const patterns = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue]
      .flatMap((value) => (value && typeof value === 'object' ? Object.keys(value) : []));
    const path = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path;
    return patterns.some((pattern) => matchesAssociationPattern(path, pattern));
  };

  const switchToTranscript = async (document: vscode.TextDocument): Promise<boolean> => {
    const key = document.uri.toString();
    if (pending.has(key)) {
      return false;
    }
    pending.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, languageId);
      return true;
    } catch {
      // The document was closed meanwhile, or the language is unknown (extension being uninstalled).
      return false;
    } finally {
      pending.delete(key);
    }
  };

  const consider = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    if (document.languageId !== 'plaintext' || explicitlyChosen.has(key) || pending.has(key) || !detectableSchemes.has(document.uri.scheme)) {
      return;
    }
    if (!vscode.workspace.getConfiguration(settingSection, document.uri).get<boolean>(settingName, true) || associated(document)) {
      return;
    }
    // Only the head is read (the core caps it again): no full copy of a large file.
    const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, detectionHeadLines), 0));
    if (detectTranscript(head).isTranscript) {
      void switchToTranscript(document);
    }
  };

  const onOpen = (document: vscode.TextDocument): void => {
    const languageChanged = closing === document;
    closing = undefined;
    const key = document.uri.toString();
    if (languageChanged && document.languageId !== languageId && !pending.has(key)) {
      // Someone other than us chose this language (the user switching back from UNifeed after our
      // switch, or picking Plain Text on purpose): respect it for the rest of the session. A document
      // closed and opened again later is a new object, so reopening a file does not count.
      explicitlyChosen.add(key);
      return;
    }
    consider(document);
  };

  const treatAsTranscript = async (): Promise<void> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file first, then run "Treat This File as a Transcript".'));
      return;
    }
    if (document.languageId === languageId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already a UNifeed Transcript.', vscode.workspace.asRelativePath(document.uri)));
      return;
    }
    explicitlyChosen.delete(document.uri.toString());
    if (!(await switchToTranscript(document))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not switch {0} to UNifeed Transcript.', vscode.workspace.asRelativePath(document.uri)));
    }
  };

  const disposables = [
    vscode.workspace.onDidCloseTextDocument((document) => {
      closing = document;
    }),
    vscode.workspace.onDidOpenTextDocument(onOpen),
    // A new Untitled tab opens empty; a transcript arrives by pasting it in.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.scheme === 'untitled' && event.contentChanges.some((change) => change.text.length >= pastedLength && change.text.includes('\n'))) {
        consider(event.document);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${settingSection}.${settingName}`)) {
        vscode.workspace.textDocuments.forEach(consider);
      }
    }),
    vscode.commands.registerCommand(treatAsTranscriptCommand, treatAsTranscript),
  ];
  // The extension activates on the first plain-text document: it is already open by now.
  vscode.workspace.textDocuments.forEach(consider);
  return disposeAllOf(disposables);
}
