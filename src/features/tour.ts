// The first run: "Open a Sample Shot List" (the Getting Started walkthrough's first step) and the
// samples workspace of `npm run try`, whose settings name a file to show at startup
// (`shotlist.tour.openOnStartup`). Both end the same way: the cursor on the first soundbite, the
// Outline and the Soundbites view showing beside the editor.
import * as vscode from 'vscode';
// The full shot list of samples/, embedded as text (scripts/build.mjs: `loader: { '.unifeed': 'text' }`),
// so that the walkthrough can open it in an installed extension, which ships no samples/ folder.
import sampleShotList from '../../samples/01-shot-list.unifeed';
import { soundbiteTargetSteps } from '../core/outline/navigation';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import type { TranscriptCache } from './shared/documentCache';
import { languageId, toPosition, toRange } from './shared/editor';
import { soundbiteViewId } from './soundbiteView';

export const openSampleCommand = 'shotlist.tour.openSample';
const openOnStartupSetting = 'tour.openOnStartup';
/** VS Code's own view ids: the Outline, and the container the Soundbites view joins for the tour. */
const outlineViewId = 'outline';
const explorerContainerId = 'workbench.view.explorer';

/** Puts the cursor on the first soundbite (or answer, or quote) and shows it near the top. */
async function moveToFirstSoundbite(cache: TranscriptCache, editor: vscode.TextEditor): Promise<void> {
  const model = await cache.model(editor.document);
  const first = model ? (await runSteps(soundbiteTargetSteps(model), new TimeSlicer()))?.[0] : undefined;
  if (!first) {
    return;
  }
  const position = toPosition(first.position);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(toRange(first.revealRange).start, position), vscode.TextEditorRevealType.AtTop);
}

/**
 * Shows the Outline and the Soundbites view together: both are side bar views, in two containers,
 * so the Soundbites view joins the Explorer below the Outline (the user can move it back with
 * "Reset Location"). Then the focus returns to the editor. A command a VS Code version lacks is skipped.
 */
async function showViews(): Promise<void> {
  const run = async (command: string, argument?: unknown) => {
    try {
      await vscode.commands.executeCommand(command, argument);
    } catch {
      // Not in this VS Code (or a view id changed): the tour still opens the file.
    }
  };
  await run('vscode.moveViews', { viewIds: [soundbiteViewId], destinationId: explorerContainerId });
  await run(`${outlineViewId}.focus`);
  await run(`${soundbiteViewId}.focus`);
  await run('workbench.action.focusActiveEditorGroup');
}

async function showTour(cache: TranscriptCache, document: vscode.TextDocument): Promise<void> {
  const transcript = document.languageId === languageId ? document : await vscode.languages.setTextDocumentLanguage(document, languageId);
  const editor = await vscode.window.showTextDocument(transcript, { preview: false });
  await moveToFirstSoundbite(cache, editor);
  await showViews();
}

async function openSample(cache: TranscriptCache): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: languageId, content: sampleShotList });
  await showTour(cache, document);
}

/** The file the first workspace folder's settings ask to show at startup, if it is inside that folder. */
function startupFile(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const relative = folder ? vscode.workspace.getConfiguration('shotlist', folder.uri).get<string>(openOnStartupSetting) : undefined;
  if (!folder || !relative || relative.split(/[\\/]/).includes('..')) {
    return undefined;
  }
  return vscode.Uri.joinPath(folder.uri, relative);
}

async function openStartupFile(cache: TranscriptCache, file: vscode.Uri): Promise<void> {
  try {
    await showTour(cache, await vscode.workspace.openTextDocument(file));
  } catch {
    // A setting naming a file that is not there opens nothing; the workspace works as usual.
  }
}

export function registerTour(cache: TranscriptCache): vscode.Disposable {
  // After activate() returns: opening a file is no part of activation time.
  const file = startupFile();
  const timer = file ? setTimeout(() => void openStartupFile(cache, file), 0) : undefined;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(openSampleCommand, () => openSample(cache)),
    { dispose: () => clearTimeout(timer) },
  );
}
