// Glue shared by the features: the transcript language and its selector, translated labels for
// src/core/outline, range conversion, and the document's lines as the core reads them.
import * as vscode from 'vscode';
import type { OutlineLabels } from '../../core/outline/labels';
import type { OutlinePosition, OutlineRange } from '../../core/outline/ranges';
import type { LineSource } from '../../core/outline/readTime';
import type { IndexRange } from '../../core/workspace/entries';

/** The language id of transcripts (UNifeed shot lists and interviews). */
export const languageId = 'unifeed';

/** Every scheme (files, untitled, virtual): the providers only need the text. */
export const transcriptSelector: vscode.DocumentSelector = { language: languageId };

let labels: OutlineLabels | undefined;

/** The core's labels in the user's language (the l10n bundle is fixed for the session). */
export function outlineLabels(): OutlineLabels {
  labels ??= {
    untitledStory: vscode.l10n.t('Story'),
    header: vscode.l10n.t('Header'),
    storyText: vscode.l10n.t('Storyline'),
    soundbite: vscode.l10n.t('SOUNDBITE'),
    noQuote: vscode.l10n.t('no quote'),
    unclosedQuote: vscode.l10n.t('unclosed'),
    roles: { question: vscode.l10n.t('Question'), answer: vscode.l10n.t('Answer'), statement: vscode.l10n.t('Statement') },
    seconds: (seconds) => vscode.l10n.t('{0} s', seconds),
    shots: (first, last) => (last === null ? vscode.l10n.t('shot {0}', first) : vscode.l10n.t('shots {0}–{1}', first, last)),
  };
  return labels;
}

export function toPosition(position: OutlinePosition): vscode.Position {
  return new vscode.Position(position.line, position.character);
}

/** A range of the core (a model or outline range, or an index entry's lines and characters) as VS Code's. */
export function toRange(range: OutlineRange | IndexRange): vscode.Range {
  if ('startLine' in range) {
    return new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
  }
  const { start, end } = range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** One disposable for many, disposed in order (without spreading them into Disposable.from). */
export function disposeAllOf(disposables: readonly { dispose(): unknown }[]): vscode.Disposable {
  return new vscode.Disposable(() => {
    for (const disposable of disposables) {
      disposable.dispose();
    }
  });
}

/** The lines of this version of the document, as the core's LineSource. */
export function lineSource(document: vscode.TextDocument): LineSource {
  const last = document.lineCount - 1;
  return (line) => (line >= 0 && line <= last ? document.lineAt(line).text : '');
}

/** The active editor when it shows a transcript. */
export function activeTranscriptEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === languageId ? editor : undefined;
}
