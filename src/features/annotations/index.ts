// Annotations: the store (sidecars, places) and the features that show and change them.
import * as vscode from 'vscode';
import type { TranscriptCache } from '../shared/documentCache';
import type { ShotlistLog } from '../shared/output';
import { registerAnnotationLenses } from './codeLens';
import { AnnotationCommands } from './commands';
import { registerNotes } from './comments';
import { registerAnnotationDecorations } from './decorations';
import { registerPackageStatus } from './statusBar';
import { AnnotationStore } from './store';
import { registerAnnotationsView, type AnnotationsView } from './view';

export interface Annotations {
  readonly store: AnnotationStore;
  readonly commands: AnnotationCommands;
  readonly view: AnnotationsView;
}

export function registerAnnotations(context: vscode.ExtensionContext, cache: TranscriptCache, log: ShotlistLog): { annotations: Annotations; disposable: vscode.Disposable } {
  const store = new AnnotationStore(cache, log);
  const commands = new AnnotationCommands(store, cache, context.workspaceState);
  const { view, disposable: viewDisposable } = registerAnnotationsView(store, cache, context.workspaceState);
  const disposables: vscode.Disposable[] = [
    store,
    ...commands.register(),
    viewDisposable,
    registerAnnotationDecorations(store, vscode.Uri.joinPath(context.extensionUri, 'media')),
    registerAnnotationLenses(store, cache),
    registerNotes(store, cache),
    registerPackageStatus(store, cache, context.workspaceState),
  ];
  return {
    annotations: { store, commands, view },
    disposable: new vscode.Disposable(() => {
      for (const disposable of disposables.reverse()) {
        disposable.dispose();
      }
    }),
  };
}
