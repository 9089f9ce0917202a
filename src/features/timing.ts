// The status-bar item for the active transcript: how long the soundbites of the story under the cursor
// read, against the story's TRT, in the warning colour when the soundbites alone are longer.
import * as vscode from 'vscode';
import { timingAtLine, type StoryTiming } from '../core/checks/timing';
import { formatDuration } from '../core/outline/readTime';
import type { TranscriptCache } from './shared/documentCache';
import { activeTranscriptEditor } from './shared/editor';

/** Typing and moving the cursor come in bursts: update once they pause. */
const debounceMs = 200;

export interface TimingStatus extends vscode.Disposable {
  /** What the item shows now (undefined when hidden); the integration tests read it. */
  readonly shown: { readonly text: string; readonly warning: boolean } | undefined;
  /** Updates now rather than after the pause. */
  update(): void;
}

export function registerTiming(cache: TranscriptCache): TimingStatus {
  const item = vscode.window.createStatusBarItem('shotlist.timing', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Shotlist: Soundbite Timing');
  let shown: { text: string; warning: boolean } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const update = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const editor = activeTranscriptEditor();
    // A large document still being read shows no timing yet; onDidParse updates it.
    const model = editor ? cache.peek(editor.document) : undefined;
    const timing = editor && model && model.format === 'shotlist' ? timingAtLine(model, editor.selection.active.line) : null;
    if (timing === null || timing.soundbites === 0) {
      item.hide();
      shown = undefined;
      return;
    }
    const warning = timing.trtSeconds !== null && timing.soundbiteSeconds > timing.trtSeconds;
    item.text = label(timing, warning);
    item.tooltip = tooltip(timing, warning);
    item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
    shown = { text: item.text, warning };
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, debounceMs);
  };

  update();
  const subscriptions = [
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    cache.onDidParse((document) => {
      if (document === vscode.window.activeTextEditor?.document) {
        update();
      }
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor === vscode.window.activeTextEditor) {
        schedule();
      }
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === vscode.window.activeTextEditor?.document) {
        schedule();
      }
    }),
  ];
  return {
    get shown() {
      return shown;
    },
    update,
    dispose: () => {
      clearTimeout(timer);
      subscriptions.forEach((subscription) => subscription.dispose());
    },
  };
}

function label(timing: StoryTiming, warning: boolean): string {
  const soundbites = formatDuration(timing.soundbiteSeconds);
  if (timing.trtSeconds === null) {
    return vscode.l10n.t('$(clock) Soundbites {0}', soundbites);
  }
  return vscode.l10n.t('{0} Soundbites {1} / TRT {2}', warning ? '$(warning)' : '$(clock)', soundbites, formatDuration(timing.trtSeconds));
}

function tooltip(timing: StoryTiming, warning: boolean): string {
  const read = vscode.l10n.t('The {0} soundbites of this story read for {1} at 3 words a second.', timing.soundbites, formatDuration(timing.soundbiteSeconds));
  if (timing.trtSeconds === null) {
    return `${read} ${vscode.l10n.t('The story has no readable TRT.')}`;
  }
  return warning ? `${read} ${vscode.l10n.t('That is longer than the TRT of {0}: the soundbites alone do not fit.', formatDuration(timing.trtSeconds))}`
    : `${read} ${vscode.l10n.t('The TRT is {0}.', formatDuration(timing.trtSeconds))}`;
}
