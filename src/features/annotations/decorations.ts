// Annotations in the editor: a gutter mark and an overview-ruler mark by status, a background on the
// words, a dashed outline for a placement that needs review, and a hover with the status, tags, the
// note (Markdown, untrusted) and why a placement is unsure.
import * as vscode from 'vscode';
import type { AnnotationStatus } from '../../core/annotations/sidecar';
import { AnnotationStore, type LiveAnnotation, type TranscriptNotes } from './store';
import { annotationCommands } from './commands';

type Look = AnnotationStatus | 'none' | 'review';

function decorationType(look: Look, media: vscode.Uri): vscode.TextEditorDecorationType {
  const color = (name: string) => new vscode.ThemeColor(`shotlist.annotation.${name}`);
  const base: vscode.DecorationRenderOptions = {
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  };
  switch (look) {
    case 'review':
      return vscode.window.createTextEditorDecorationType({
        ...base, border: '1px dashed', borderColor: color('review'), overviewRulerColor: color('review'),
        gutterIconPath: vscode.Uri.joinPath(media, 'annotation-review.svg'), gutterIconSize: 'contain',
      });
    case 'rejected':
      return vscode.window.createTextEditorDecorationType({
        ...base, opacity: '0.6', textDecoration: 'line-through', overviewRulerColor: color('rejected'),
        gutterIconPath: vscode.Uri.joinPath(media, 'annotation-rejected.svg'), gutterIconSize: 'contain',
      });
    default:
      return vscode.window.createTextEditorDecorationType({
        ...base, backgroundColor: color(`${look}Background`), overviewRulerColor: color(look),
        gutterIconPath: vscode.Uri.joinPath(media, `annotation-${look}.svg`), gutterIconSize: 'contain',
      });
  }
}

const looks: readonly Look[] = ['selected', 'maybe', 'rejected', 'none', 'review'];

export function lookOf(item: LiveAnnotation): Look {
  return item.state === 'review' || !item.checked ? 'review' : item.annotation.status ?? 'none';
}

export function statusLabel(status: AnnotationStatus | null): string {
  switch (status) {
    case 'selected':
      return vscode.l10n.t('Selected');
    case 'maybe':
      return vscode.l10n.t('Maybe');
    case 'rejected':
      return vscode.l10n.t('Rejected');
    default:
      return vscode.l10n.t('Note');
  }
}

export function reviewReason(item: LiveAnnotation): string {
  if (item.state === 'detached') {
    return item.suggestion
      ? vscode.l10n.t('Its words are gone; a similar passage ({0} %) is elsewhere in the text.', Math.round(item.suggestion.similarity * 100))
      : vscode.l10n.t('Its words are gone from the transcript.');
  }
  switch (item.reason) {
    case 'block-changed':
    case 'only-in-other-block':
      return vscode.l10n.t('Found only in another part of the story (e.g. the prose instead of the soundbite).');
    case 'several-matches':
    case 'too-many-copies':
      return vscode.l10n.t('{0} places fit about equally well; this is the best guess.', item.rivals + 1);
    case 'words-changed':
    case 'words-and-context-changed':
      return vscode.l10n.t('The words changed since it was made.');
    default:
      return item.checked ? vscode.l10n.t('The place is a best guess.') : vscode.l10n.t('Shown at its stored line; open the file to check the place.');
  }
}

/**
 * The hover card of an annotation: the status, tags and placement in a card whose only links are the
 * annotation's own commands (with `withActions`), and the note in a second, untrusted card: the note
 * is the user's Markdown (or someone else's, from a shared sidecar), so no link in it may run a command.
 */
export function annotationCards(item: LiveAnnotation, uri: vscode.Uri, withActions: boolean): vscode.MarkdownString[] {
  const card = new vscode.MarkdownString('', true);
  if (withActions) {
    card.isTrusted = { enabledCommands: [annotationCommands.accept] };
  }
  const annotation = item.annotation;
  card.appendMarkdown(`**${escape(statusLabel(annotation.status))}**`);
  if (annotation.tags.length > 0) {
    card.appendMarkdown(` · ${annotation.tags.map((tag) => `\`#${escape(tag)}\``).join(' ')}`);
  }
  if (item.state !== 'placed' || !item.checked) {
    card.appendMarkdown(`\n\n$(warning) ${escape(reviewReason(item))}`);
    if (withActions && item.state === 'review') {
      const args = encodeURIComponent(JSON.stringify([{ uri, id: annotation.id }]));
      card.appendMarkdown(` [${escape(vscode.l10n.t('Accept here'))}](command:${annotationCommands.accept}?${args})`);
    }
  }
  const cards = [card];
  if (annotation.note !== null && annotation.note.trim() !== '') {
    cards.push(new vscode.MarkdownString(annotation.note));
  }
  return cards;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/gu, '\\$&');
}

export function registerAnnotationDecorations(store: AnnotationStore, media: vscode.Uri): vscode.Disposable {
  const types = new Map(looks.map((look) => [look, decorationType(look, media)] as const));
  const paint = (editor: vscode.TextEditor, notes: TranscriptNotes | undefined): void => {
    const byLook = new Map<Look, vscode.DecorationOptions[]>(looks.map((look) => [look, []]));
    for (const item of notes?.live ?? []) {
      if (item.state === 'detached' || !item.checked) {
        continue;
      }
      const range = new vscode.Range(editor.document.positionAt(item.start), editor.document.positionAt(item.end));
      byLook.get(lookOf(item))?.push({ range, hoverMessage: annotationCards(item, editor.document.uri, true) });
    }
    for (const [look, type] of types) {
      editor.setDecorations(type, byLook.get(look) ?? []);
    }
  };
  const paintUri = (uri: vscode.Uri): void => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() === uri.toString()) {
        paint(editor, store.known(uri));
      }
    }
  };
  const subscriptions: vscode.Disposable[] = [
    store.onDidChange(paintUri),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) {
        paint(editor, store.known(editor.document.uri));
      }
    }),
  ];
  for (const editor of vscode.window.visibleTextEditors) {
    paint(editor, store.known(editor.document.uri));
  }
  return new vscode.Disposable(() => {
    for (const subscription of subscriptions) {
      subscription.dispose();
    }
    for (const type of types.values()) {
      type.dispose();
    }
  });
}
