// A quick pick that previews its active item in the editor, as Go to Symbol does: moving through the
// list shows each place, Enter keeps it, Escape puts the selections and the scroll position back.
// Shared by "Go to Soundbite…" and the knowledge cards' "List all mentions".
import * as vscode from 'vscode';

/**
 * Shows `quickPick` over `editor` and resolves when it closes. `goTo` moves the editor to an item's
 * place and returns false for items that are not places (separators). The places belong to the
 * document version the list opened on, so an edit while it is open stops the previews. With
 * `previewFirst`, the item already active when the list opens is previewed at once (setting the
 * active item before show() fires no change event).
 */
export function showPreviewPick<T extends vscode.QuickPickItem>(editor: vscode.TextEditor, quickPick: vscode.QuickPick<T>,
  goTo: (item: T) => boolean, previewFirst = false): Promise<void> {
  const document = editor.document;
  const version = document.version;
  const selections = editor.selections;
  const visible = editor.visibleRanges[0];
  // The editor may have been closed while the list was open.
  const editorShown = (): boolean => vscode.window.visibleTextEditors.includes(editor);
  return new Promise<void>((resolve) => {
    let accepted = false;
    const subscriptions: vscode.Disposable[] = [
      quickPick.onDidChangeActive(([item]) => {
        if (item && document.version === version && editorShown()) {
          goTo(item);
        }
      }),
      quickPick.onDidAccept(() => {
        const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
        if (item && document.version === version && goTo(item)) {
          accepted = true;
        }
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        if (!accepted && editorShown()) {
          editor.selections = selections;
          if (visible) {
            editor.revealRange(visible, vscode.TextEditorRevealType.AtTop);
          }
        }
        subscriptions.forEach((subscription) => subscription.dispose());
        quickPick.dispose();
        resolve();
      }),
    ];
    quickPick.show();
    const first = quickPick.activeItems[0];
    if (previewFirst && first && editorShown()) {
      goTo(first);
    }
  });
}
