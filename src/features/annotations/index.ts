// Annotations: the store (sidecars, places) and the features that show and change them.
import * as vscode from 'vscode';
import type { TranscriptCache } from '../shared/documentCache';
import type { ShotlistLog } from '../shared/output';
import { registerAnnotationLenses } from './codeLens';
import { AnnotationCommands } from './commands';
import { registerNotes } from './comments';
import { registerAnnotationDecorations, statusLabel } from './decorations';
import type { SoundbiteView } from '../soundbiteView';
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

/** The Soundbites view shows each soundbite's status (from the annotations of files loaded so far). */
export function showStatusInSoundbites(soundbites: SoundbiteView, annotations: Annotations): vscode.Disposable {
  soundbites.provider.setStatusSource((uri, line) => {
    const notes = annotations.store.known(uri);
    const item = notes?.live.find((each) => each.state !== 'detached' && each.checked && each.annotation.status !== null &&
      notes.lineOf(each.start) - 1 <= line && line <= notes.lineOf(each.end) - 1);
    return item?.annotation.status ? { label: statusLabel(item.annotation.status), status: item.annotation.status } : null;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  return vscode.Disposable.from(annotations.store.onDidChange(() => {
    clearTimeout(timer);
    timer = setTimeout(() => soundbites.provider.refresh(), 200);
  }), { dispose: () => clearTimeout(timer) });
}
