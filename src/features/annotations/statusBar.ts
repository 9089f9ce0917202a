// The package in the status bar: how many passages are selected in the active transcript and how long
// they read against the TRT or the editor's target; a warning colour when they run over it.
import * as vscode from 'vscode';
import type { TranscriptCache } from '../shared/documentCache';
import { selectionPackage } from './selection';
import { AnnotationStore } from './store';
import { annotationViewId, packageSummary } from './view';

export function registerPackageStatus(store: AnnotationStore, cache: TranscriptCache, state: vscode.Memento): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('shotlist.selection', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Shotlist selection');
  item.command = `${annotationViewId}.focus`;
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    const notes = editor && AnnotationStore.accepts(editor.document) ? store.known(editor.document.uri) : undefined;
    // A large document still being read has no model yet: cache.onDidParse brings the update back.
    const model = editor && notes && notes.live.length > 0 ? cache.peek(editor.document) : undefined;
    if (!editor || !notes || !model) {
      item.hide();
      return;
    }
    const pack = selectionPackage(notes, cache.source(editor.document), model, state);
    if (pack.items.length === 0) {
      item.hide();
      return;
    }
    item.text = `$(checklist) ${vscode.l10n.t('{0} selected', pack.items.length)} · ${packageSummary(pack.totalSeconds, pack.targetSeconds)}`;
    const over = pack.overSeconds !== null && pack.overSeconds > 0;
    item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = over
      ? vscode.l10n.t('The selected passages read {0} s longer than the target. Click to see the package.', pack.overSeconds)
      : vscode.l10n.t('Selected passages and their read time. Click to see the package.');
    item.show();
  };
  // Typing moves annotations on every keystroke; the total is redrawn once the typing pauses.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  };
  update();
  return vscode.Disposable.from(item, store.onDidChange(later), vscode.window.onDidChangeActiveTextEditor(later), cache.onDidParse(later), { dispose: () => clearTimeout(timer) });
}
