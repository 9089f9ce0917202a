// Clickable status actions above every SOUNDBITE line and interview answer: Select, Maybe, Reject, with
// the current status marked. Bounded: a 40,000-shot archive gets lenses for its first maxLenses passages.
import * as vscode from 'vscode';
import type { AnnotationStatus } from '../../core/annotations/sidecar';
import { passageAt } from '../../core/annotations/placement';
import type { TranscriptCache } from '../shared/documentCache';
import { annotationCommands } from './commands';
import { AnnotationStore } from './store';

const maxLenses = 2000;

export function registerAnnotationLenses(store: AnnotationStore, cache: TranscriptCache): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document, token) {
      if (!vscode.workspace.getConfiguration('shotlist.annotations', document.uri).get<boolean>('codeLens', true)) {
        return [];
      }
      const model = await cache.model(document, token);
      if (model === undefined) {
        return [];
      }
      const notes = store.known(document.uri);
      const lenses: vscode.CodeLens[] = [];
      const heads: { line: number; offset: number }[] = [];
      for (const soundbite of model.soundbites) {
        heads.push({ line: soundbite.lineRange.start.line, offset: (soundbite.quote?.innerRange ?? soundbite.range).start.offset });
        if (heads.length >= maxLenses) {
          break;
        }
      }
      for (const turn of model.turns) {
        if (heads.length >= maxLenses) {
          break;
        }
        if (turn.role === 'answer') {
          heads.push({ line: turn.range.start.line, offset: turn.textRange.start.offset });
        }
      }
      for (const head of heads) {
        const passage = passageAt(model, head.offset);
        if (!passage) {
          continue;
        }
        const current = notes?.live.find((item) => item.state !== 'detached' && item.start <= passage.start && passage.end <= item.end)?.annotation.status ?? null;
        const range = new vscode.Range(head.line, 0, head.line, 0);
        const target = { uri: document.uri, start: passage.start, end: passage.end };
        const lens = (status: AnnotationStatus, command: string, label: string): vscode.CodeLens => new vscode.CodeLens(range, {
          title: current === status ? `● ${label}` : label,
          command,
          arguments: [target],
          tooltip: current === status ? vscode.l10n.t('Click again to clear the status') : undefined,
        });
        lenses.push(
          lens('selected', annotationCommands.markSelected, vscode.l10n.t('Select')),
          lens('maybe', annotationCommands.markMaybe, vscode.l10n.t('Maybe')),
          lens('rejected', annotationCommands.markRejected, vscode.l10n.t('Reject')),
        );
      }
      return lenses;
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider([{ language: 'unifeed' }, { language: 'markdown' }], provider),
    store.onDidChange(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('shotlist.annotations.codeLens')) {
        changed.fire();
      }
    }),
  );
}
