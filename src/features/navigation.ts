// Jumping between soundbites: Next/Previous Soundbite (wrapping at the ends) and "Go to Soundbite…",
// a quick pick that previews each soundbite while moving through the list. In interviews they move
// between answers (or turns), in prose between quotes.
import * as vscode from 'vscode';
import { showPreviewPick } from './shared/previewPick';
import type { TranscriptDocument } from '../core/model';
import { currentTarget, soundbitePickItemSteps, soundbiteTargetSteps, stepTarget, type SoundbiteTarget } from '../core/outline/navigation';
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

/** "Go to Soundbite…": resolves when the quick pick closes (accepted or cancelled). */
async function goToSoundbite(cache: TranscriptCache): Promise<void> {
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
  const items: Array<TargetItem | vscode.QuickPickItem> = [];
  const byTarget: TargetItem[] = [];
  let story: string | null = null;
  for (const item of pickItems) {
    if (item.story !== null && item.story !== story) {
      story = item.story;
      items.push({ label: story, kind: vscode.QuickPickItemKind.Separator });
    }
    const pick: TargetItem = { label: item.label, description: item.description, detail: item.detail, targetIndex: item.targetIndex };
    items.push(pick);
    byTarget[item.targetIndex] = pick;
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
  quickPick.items = items;
  const current = byTarget[currentTarget(targets, editor.selection.active)];
  if (current) {
    quickPick.activeItems = [current];
  }

  const targetOf = (item: vscode.QuickPickItem): SoundbiteTarget | undefined =>
    'targetIndex' in item ? targets[(item as TargetItem).targetIndex] : undefined;
  await showPreviewPick(editor, quickPick, (item) => {
    const target = targetOf(item);
    if (target) {
      moveTo(editor, target);
    }
    return target !== undefined;
  });
}

export function registerNavigation(cache: TranscriptCache): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('shotlist.nextSoundbite', () => step(cache, 'next')),
    vscode.commands.registerCommand('shotlist.previousSoundbite', () => step(cache, 'previous')),
    vscode.commands.registerCommand('shotlist.goToSoundbite', () => goToSoundbite(cache)),
  );
}
