// Jumping between soundbites: Next/Previous Soundbite (wrapping at the ends) and "Go to Soundbite…",
// a quick pick that previews each soundbite while moving through the list. In interviews they move
// between answers (or turns), in prose between quotes.
import * as vscode from 'vscode';
import { fillList } from './shared/longPick';
import { showPreviewPick } from './shared/previewPick';
import type { TranscriptDocument } from '../core/model';
import { currentTarget, soundbitePickItemSteps, soundbiteTargetSteps, stepTarget, type SoundbitePickItem, type SoundbiteTarget } from '../core/outline/navigation';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import type { TranscriptCache } from './shared/documentCache';
import { activeTranscriptEditor, outlineLabels, toPosition, toRange } from './shared/editor';

const statusMs = 3000;

type Noun = 'soundbite' | 'answer' | 'turn' | 'quote';

/** What the targets of this document are, for messages. */
function nounOf(model: TranscriptDocument, targets: readonly SoundbiteTarget[]): Noun {
  if (model.format === 'shotlist') {
    return 'soundbite';
  }
  if (targets[0]?.turn) {
    return targets.some((target) => target.turn?.role !== 'answer') ? 'turn' : 'answer';
  }
  return 'quote';
}

function wrappedMessage(noun: Noun, direction: 'next' | 'previous'): string {
  const first = direction === 'next';
  switch (noun) {
    case 'soundbite':
      return first ? vscode.l10n.t('Wrapped to the first soundbite') : vscode.l10n.t('Wrapped to the last soundbite');
    case 'answer':
      return first ? vscode.l10n.t('Wrapped to the first answer') : vscode.l10n.t('Wrapped to the last answer');
    case 'turn':
      return first ? vscode.l10n.t('Wrapped to the first turn') : vscode.l10n.t('Wrapped to the last turn');
    case 'quote':
      return first ? vscode.l10n.t('Wrapped to the first quote') : vscode.l10n.t('Wrapped to the last quote');
  }
}

function noneMessage(model: TranscriptDocument): string {
  return model.format === 'shotlist' ? vscode.l10n.t('This transcript has no soundbites.') : vscode.l10n.t('This transcript has no turns or quotes.');
}

/** Puts the cursor on the first word of the quote and centres the speaker line and the quote's start. */
function moveTo(editor: vscode.TextEditor, target: SoundbiteTarget): void {
  const position = toPosition(target.position);
  editor.selection = new vscode.Selection(position, position);
  const start = toRange(target.revealRange).start;
  editor.revealRange(new vscode.Range(start.isBefore(position) ? start : position, position), vscode.TextEditorRevealType.InCenter);
}

async function step(cache: TranscriptCache, direction: 'next' | 'previous'): Promise<void> {
  const editor = activeTranscriptEditor();
  if (!editor) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Open a transcript to move between its soundbites.'), statusMs);
    return;
  }
  // A large archive's targets are worked out in steps: an edit meanwhile makes them stale.
  const version = editor.document.version;
  const model = await cache.modelShowingProgress(editor.document);
  const targets = model && await runSteps(soundbiteTargetSteps(model), new TimeSlicer());
  if (!model || !targets || vscode.window.activeTextEditor !== editor || editor.document.version !== version) {
    return;
  }
  const found = stepTarget(targets, editor.selection.active, direction);
  if (!found) {
    vscode.window.setStatusBarMessage(noneMessage(model), statusMs);
    return;
  }
  moveTo(editor, found.target);
  if (found.wrapped) {
    vscode.window.setStatusBarMessage(wrappedMessage(nounOf(model, targets), direction), statusMs);
  }
}

interface TargetItem extends vscode.QuickPickItem {
  readonly targetIndex: number;
}

/** The quick pick's items for some of the pick items, in order, with a separator where a story starts. */
function quickPickItems(pickItems: readonly SoundbitePickItem[], indices: Iterable<number>, alwaysShow: boolean): Array<TargetItem | vscode.QuickPickItem> {
  const items: Array<TargetItem | vscode.QuickPickItem> = [];
  let story: string | null = null;
  for (const index of indices) {
    const item = pickItems[index] as SoundbitePickItem;
    if (item.story !== null && item.story !== story) {
      story = item.story;
      items.push({ label: story, kind: vscode.QuickPickItemKind.Separator });
    }
    items.push({ label: item.label, description: item.description, detail: item.detail, targetIndex: item.targetIndex, ...(alwaysShow ? { alwaysShow } : {}) });
  }
  return items;
}

/**
 * "Go to Soundbite…": resolves when the quick pick closes (accepted or cancelled). `query` fills the
 * list's box as if typed (a keybinding's `args`).
 */
async function goToSoundbite(cache: TranscriptCache, query: string): Promise<void> {
  const editor = activeTranscriptEditor();
  if (!editor) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Open a transcript to pick one of its soundbites.'), statusMs);
    return;
  }
  const version = editor.document.version;
  const model = await cache.modelShowingProgress(editor.document);
  const slicer = new TimeSlicer();
  const targets = model && await runSteps(soundbiteTargetSteps(model), slicer);
  const pickItems = model && await runSteps(soundbitePickItemSteps(model, outlineLabels()), slicer);
  if (!model || !targets || !pickItems || vscode.window.activeTextEditor !== editor || editor.document.version !== version) {
    return;
  }
  if (targets.length === 0) {
    vscode.window.setStatusBarMessage(noneMessage(model), statusMs);
    return;
  }

  const quickPick = vscode.window.createQuickPick<TargetItem | vscode.QuickPickItem>();
  const titles: Readonly<Record<Noun, string>> = {
    soundbite: vscode.l10n.t('Go to Soundbite'),
    answer: vscode.l10n.t('Go to Answer'),
    turn: vscode.l10n.t('Go to Turn'),
    quote: vscode.l10n.t('Go to Quote'),
  };
  const noun = nounOf(model, targets);
  quickPick.title = titles[noun];
  quickPick.placeholder = noun === 'quote' ? vscode.l10n.t('Type words of the quote') : vscode.l10n.t('Type a speaker or words of the quote');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.value = query;
  // Pick items and targets correspond one to one, in the same order.
  const filling = fillList(quickPick, {
    entries: pickItems,
    current: currentTarget(targets, editor.selection.active),
    title: titles[noun],
    items: (indices, alwaysShow) => quickPickItems(pickItems, indices, alwaysShow),
    entryOf: (item) => ('targetIndex' in item ? (item as TargetItem).targetIndex : undefined),
    searchedText: (item) => `${item.label} ${item.description} ${item.detail} ${item.story ?? ''}`,
  });
  const targetOf = (item: vscode.QuickPickItem): SoundbiteTarget | undefined =>
    'targetIndex' in item ? targets[(item as TargetItem).targetIndex] : undefined;
  await showPreviewPick(editor, quickPick, (item) => {
    const target = targetOf(item);
    if (target) {
      moveTo(editor, target);
    }
    return target !== undefined;
  });
  filling.dispose();
}

/** The `query` of the command's arguments (a keybinding's `args`), else empty. */
function queryArgument(args: unknown): string {
  return typeof args === 'object' && args !== null && !(args instanceof vscode.Uri) && 'query' in args && typeof args.query === 'string' ? args.query : '';
}

export function registerNavigation(cache: TranscriptCache): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('shotlist.nextSoundbite', () => step(cache, 'next')),
    vscode.commands.registerCommand('shotlist.previousSoundbite', () => step(cache, 'previous')),
    vscode.commands.registerCommand('shotlist.goToSoundbite', (args?: unknown) => goToSoundbite(cache, queryArgument(args))),
  );
}
