// The hover card's links: "Next mention" moves to the next mention of the same entity after the hovered
// one (wrapping at the end of the file), "List all mentions" opens a quick pick of the file's mentions
// (line number and a preview of the line) that previews each one while moving through the list, like
// "Go to Soundbite…". A quick pick rather than the references peek: Shift+F12 already gives the peek
// across the workspace, the list stays in this file, and it needs no editor widget to work the same in
// the desktop and the web. Both commands take their arguments from the card's command URI, so they are
// hidden from the Command Palette (package.json) and check what they receive.
import * as vscode from 'vscode';
import { fillList } from './shared/longPick';
import { showPreviewPick } from './shared/previewPick';
import type { Mention } from '../core/kb/match';
import { mentionsOf, nextMentionOf, previewMentionsSteps, type MentionLines, type MentionPreview } from '../core/kb/mentions';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import { isLargeDocument } from './shared/documentCache';
import type { Knowledge } from './shared/knowledge';

export const nextMentionCommand = 'shotlist.kb.nextMention';
export const listMentionsCommand = 'shotlist.kb.listMentions';
const statusMs = 3000;

/** What a card's link passes: the document, the entity and the hovered mention's start offset. */
export interface MentionCommandArgs {
  readonly uri: string;
  readonly id: string;
  readonly fromOffset: number;
}

/**
 * A `command:` URI with the arguments as a JSON array. encodeURIComponent leaves `(`, `)`, `!`, `'` and
 * `*` alone; a `)` from a file name would end the Markdown link, so those are encoded too.
 */
export function mentionCommandUri(command: string, args: MentionCommandArgs): string {
  const query = encodeURIComponent(JSON.stringify([args])).replace(/[()!'*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${query}`;
}

/** The arguments as received (from a URI anyone could write): undefined unless they have the expected shape. */
function readArgs(value: unknown): MentionCommandArgs | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { uri, id, fromOffset } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || typeof id !== 'string' || typeof fromOffset !== 'number' || !Number.isFinite(fromOffset)) {
    return undefined;
  }
  return { uri, id, fromOffset };
}

/** The editor of the card's document, brought to the front in the column that already shows it. */
async function editorFor(uri: string): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri);
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
  return vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false });
}

/** Selects the mention's text and scrolls it into view when it is not. */
function select(editor: vscode.TextEditor, mention: Mention): void {
  const range = new vscode.Range(editor.document.positionAt(mention.start), editor.document.positionAt(mention.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The document's mentions; a long file is matched in slices, with a word in the status bar meanwhile.
 * Undefined, with a word too, when the file changed before the reading ended.
 */
async function mentionsIn(knowledge: Knowledge, document: vscode.TextDocument): Promise<readonly Mention[] | undefined> {
  const reading = knowledge.mentionsInSlices(document);
  const status = isLargeDocument(document) ? vscode.window.setStatusBarMessage(vscode.l10n.t('Finding the mentions in this long file…'), reading) : undefined;
  const mentions = await reading;
  status?.dispose();
  if (mentions === undefined) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('The file changed before all its mentions were found. Try again.'), statusMs);
  }
  return mentions;
}

async function nextMention(knowledge: Knowledge, value: unknown): Promise<void> {
  const args = readArgs(value);
  if (!args) {
    return;
  }
  const editor = await editorFor(args.uri);
  const mentions = await mentionsIn(knowledge, editor.document);
  if (!mentions) {
    return;
  }
  const found = nextMentionOf(mentions, args.id, args.fromOffset);
  if (!found) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('No mention of this entry is left in this file.'), statusMs);
    return;
  }
  select(editor, found.mention);
  if (found.wrapped) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Wrapped to the first mention'), statusMs);
  }
}

interface MentionItem extends vscode.QuickPickItem {
  readonly mention: Mention;
  /** Its place in the list of mentions. */
  readonly index: number;
}

/** Resolves when the list closes (accepted or cancelled); cancelling puts the cursor back. */
async function listMentions(knowledge: Knowledge, value: unknown): Promise<void> {
  const args = readArgs(value);
  if (!args) {
    return;
  }
  const editor = await editorFor(args.uri);
  const document = editor.document;
  const all = await mentionsIn(knowledge, document);
  if (!all) {
    return;
  }
  const mentions = mentionsOf(all, args.id);
  if (mentions.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('No mention of this entry is left in this file.'), statusMs);
    return;
  }
  const name = knowledge.current().byId.get(args.id)?.names[0] ?? mentions[0]?.text ?? args.id;
  // The lines are read from the editor, mention by mention: a long archive is never copied whole.
  const version = document.version;
  const lines: MentionLines = { positionAt: (offset) => document.positionAt(offset), line: (index) => document.lineAt(index).text };
  const previews = await runSteps(previewMentionsSteps(lines, mentions), new TimeSlicer(), () => document.isClosed || document.version !== version);
  if (!previews) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('The file changed before all its mentions were found. Try again.'), statusMs);
    return;
  }
  const quickPick = vscode.window.createQuickPick<MentionItem>();
  const title = vscode.l10n.t('Mentions of {0}', name);
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Type words of the line');
  quickPick.matchOnDescription = true;
  // The hovered mention (or the first after where it was, after an edit) starts active.
  const current = Math.max(0, mentions.findIndex((mention) => mention.end > args.fromOffset));
  const lineLabel = (preview: MentionPreview): string => vscode.l10n.t('line {0}', preview.startLine + 1);
  const filling = fillList<MentionPreview, MentionItem>(quickPick, {
    entries: previews,
    current,
    title,
    items(indices, alwaysShow) {
      const items: MentionItem[] = [];
      for (const index of indices) {
        const preview = previews[index] as MentionPreview;
        items.push({ label: preview.preview, description: lineLabel(preview), mention: mentions[index] as Mention, index, ...(alwaysShow ? { alwaysShow } : {}) });
      }
      return items;
    },
    entryOf: (item) => item.index,
    searchedText: (preview) => `${preview.preview} ${lineLabel(preview)}`,
  });
  await showPreviewPick(editor, quickPick, (item) => {
    select(editor, item.mention);
    return true;
  }, true);
  filling.dispose();
}

export function registerMentionCommands(knowledge: Knowledge): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(nextMentionCommand, (args: unknown) => nextMention(knowledge, args)),
    vscode.commands.registerCommand(listMentionsCommand, (args: unknown) => listMentions(knowledge, args)),
  );
}
