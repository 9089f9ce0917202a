// Extension entry point: builds the shared parse cache and registers each feature (src/features).
import type * as vscode from 'vscode';
import { registerDiagnostics } from './features/diagnostics';
import { TranscriptCache } from './features/shared/documentCache';
import { registerFolding } from './features/folding';
import { registerKnowledgeHover } from './features/hover';
import { registerKnowledge } from './features/shared/knowledge';
import { registerLanguageDetection } from './features/languageDetection';
import { registerMentionCommands } from './features/mentionCommands';
import { registerNavigation } from './features/navigation';
import { registerOutline } from './features/outline';
import { registerQuotes } from './features/quoteCommands';
import { registerKnowledgeReferences } from './features/references';
import { registerSelectionRanges } from './features/selectionRange';
import { registerSoundbiteView, type SoundbiteView } from './features/soundbiteView';
import { registerWorkspaceIndex, type WorkspaceIndex } from './features/shared/workspaceIndex';
import { registerWorkspaceSymbols } from './features/workspaceSymbols';

/** What activate() returns: the integration tests read the Soundbites view, the index and the cache through it. */
export interface ShotlistApi {
  readonly soundbites: SoundbiteView;
  readonly index: WorkspaceIndex;
  readonly cache: TranscriptCache;
}

export function activate(context: vscode.ExtensionContext): ShotlistApi {
  const cache = new TranscriptCache();
  context.subscriptions.push(cache, registerDiagnostics(cache));
  context.subscriptions.push(registerLanguageDetection());
  context.subscriptions.push(registerOutline(cache), registerFolding(cache), registerSelectionRanges(cache), registerNavigation(cache));
  const index = registerWorkspaceIndex(cache);
  const soundbites = registerSoundbiteView(index, context.workspaceState);
  context.subscriptions.push(index, soundbites, registerWorkspaceSymbols(index));
  context.subscriptions.push(registerQuotes(cache, index, context.globalState));
  // One knowledge (bundled + workspace files, one matcher) for the cards, their links and Find All References.
  const knowledge = registerKnowledge();
  context.subscriptions.push(knowledge, registerKnowledgeHover(knowledge), registerMentionCommands(knowledge), registerKnowledgeReferences(knowledge, index));
  return { soundbites, index, cache };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
