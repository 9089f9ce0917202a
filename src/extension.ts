// Extension entry point: builds the shared parse cache and registers each feature (src/features).
import * as vscode from 'vscode';
import { registerAnnotations, showStatusInSoundbites, type Annotations } from './features/annotations';
import { registerCodeActions } from './features/codeActions';
import { registerDiagnostics } from './features/diagnostics';
import { TranscriptCache } from './features/shared/documentCache';
import { registerFolding } from './features/folding';
import { registerKnowledgeHover } from './features/hover';
import { registerKnowledge, type Knowledge } from './features/shared/knowledge';
import { ShotlistLog, showLogCommand } from './features/shared/output';
import { registerLanguageDetection } from './features/languageDetection';
import { registerMentionCommands } from './features/mentionCommands';
import { registerNavigation } from './features/navigation';
import { listCounts, type ListCounts } from './features/shared/longPick';
import { registerOutline } from './features/outline';
import { registerQuotes } from './features/quoteCommands';
import { registerQuoteSources } from './features/quoteSources';
import { registerKnowledgeReferences } from './features/references';
import { registerSelectionRanges } from './features/selectionRange';
import { registerSoundbiteView, type SoundbiteView } from './features/soundbiteView';
import { registerTiming, type TimingStatus } from './features/timing';
import { registerTour } from './features/tour';
import { registerWorkspaceIndex, type WorkspaceIndex } from './features/shared/workspaceIndex';
import { registerWorkspaceSymbols } from './features/workspaceSymbols';
import { setMessageLocale } from './core/messages/locale';
import { CoreWorkerClient } from './workers/client';
import { coreWorkerTransport } from './features/shared/coreWorkerTransport';

/** What activate() returns: the integration tests read the Soundbites view, the index and the cache through it. */
export interface ShotlistApi {
  readonly soundbites: SoundbiteView;
  readonly index: WorkspaceIndex;
  readonly cache: TranscriptCache;
  readonly knowledge: Knowledge;
  readonly log: ShotlistLog;
  /** The core worker's client: the web tests check that the Web Worker really ran (unavailable stays undefined). */
  readonly worker: CoreWorkerClient;
  readonly annotations: Annotations;
  /** What the last Go to Soundbite… or List all mentions handed to its quick pick (a long list shows only some of its items). */
  readonly lists: ListCounts;
  /** The soundbite timing in the status bar. */
  readonly timing: TimingStatus;
  /**
   * How long this activate() call took, in milliseconds, and each group of registrations in it (npm run
   * bench prints them, to tell a slow registration from a busy machine).
   */
  readonly activation: { readonly activateMs: number; readonly parts: ReadonlyArray<readonly [string, number]> };
}

export function activate(context: vscode.ExtensionContext): ShotlistApi {
  const activationStarted = performance.now();
  const parts: Array<readonly [string, number]> = [];
  let partStarted = activationStarted;
  const endPart = (name: string): void => {
    const now = performance.now();
    parts.push([name, now - partStarted]);
    partStarted = now;
  };
  // The core's wording (diagnostics, knowledge problems, notices) in the display language, before any parse.
  setMessageLocale(vscode.env.language);
  const log = new ShotlistLog();
  // Parses of files nobody opened (the index, knowledge files), and of open documents that cannot be read
  // in short steps (Markdown, long interviews), run on this worker, started on first use: a Node worker
  // thread on the desktop, a Web Worker in the web build (coreWorkerTransport.web.ts).
  const worker = new CoreWorkerClient(coreWorkerTransport(context), {
    describeTimeout: (seconds) => vscode.l10n.t('gave up after {0} s', seconds),
  });
  context.subscriptions.push(vscode.commands.registerCommand(showLogCommand, () => log.show()));
  const cache = new TranscriptCache(log, worker);
  context.subscriptions.push(log, { dispose: () => worker.dispose() }, cache, registerDiagnostics(cache));
  endPart('log, worker, cache, diagnostics');
  context.subscriptions.push(registerLanguageDetection());
  context.subscriptions.push(registerOutline(cache), registerFolding(cache), registerSelectionRanges(cache), registerNavigation(cache));
  endPart('language detection, outline, folding, selection, navigation');
  const index = registerWorkspaceIndex(cache, worker, log);
  const soundbites = registerSoundbiteView(index, context.workspaceState);
  context.subscriptions.push(index, soundbites, registerWorkspaceSymbols(index));
  endPart('workspace index, Soundbites view, symbols');
  context.subscriptions.push(registerQuotes(cache, index, context.globalState));
  endPart('quotes');
  // One knowledge (bundled + workspace files, one matcher) for the cards, their links and Find All References.
  const knowledge = registerKnowledge(worker, log);
  context.subscriptions.push(knowledge, registerKnowledgeHover(knowledge), registerMentionCommands(knowledge), registerKnowledgeReferences(knowledge, index));
  endPart('knowledge');
  // The walkthrough's sample and the samples workspace's startup file (npm run try).
  context.subscriptions.push(registerTour(cache));
  const { annotations, disposable: annotationFeatures } = registerAnnotations(context, cache, log);
  context.subscriptions.push(annotationFeatures, showStatusInSoundbites(soundbites, annotations));
  endPart('tour, annotations');
  // Checks and quick fixes: story quotes against their soundbites, header and DATELINE style, timing.
  const timing = registerTiming(cache);
  context.subscriptions.push(registerCodeActions(cache), registerQuoteSources(cache), timing);
  endPart('timing, code actions, quote sources');
  return { soundbites, index, cache, knowledge, log, worker, annotations, timing, lists: listCounts, activation: { activateMs: performance.now() - activationStarted, parts } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
