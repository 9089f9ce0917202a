// The Annotations view: the active transcript's package (selected passages in order, read times and the
// running total against the TRT or a target), then "Needs review" and "Detached", then every
// annotation of the workspace grouped by file, status or tag, with a filter on words, notes and tags.
import * as vscode from 'vscode';
import { uriBaseName } from '../shared/files';
import type { PackageItem } from '../../core/annotations/selects';
import { formatDuration } from '../../core/outline/readTime';
import type { TranscriptCache } from '../shared/documentCache';
import { annotationCommands, shorten, stateLabel } from './commands';
import { annotationCards, statusLabel } from './decorations';
import { selectionPackage } from './selection';
import type { AnnotationStore, LiveAnnotation, TranscriptNotes } from './store';

export const annotationViewId = 'shotlist.annotations';
export const viewCommands = {
  groupBy: 'shotlist.annotations.groupBy',
  filter: 'shotlist.annotations.filter',
  clearFilter: 'shotlist.annotations.clearFilter',
  refresh: 'shotlist.annotations.refresh',
} as const;

export type Grouping = 'file' | 'status' | 'tag';

type Node =
  | { kind: 'group'; id: string; label: string; description?: string; children: Node[]; icon: string; expanded: boolean }
  | { kind: 'annotation'; notes: TranscriptNotes; item: LiveAnnotation; packageItem?: PackageItem; showFile: boolean };

export class AnnotationsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  readonly #store: AnnotationStore;
  readonly #cache: TranscriptCache;
  readonly #state: vscode.Memento;
  readonly #changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #grouping: Grouping;
  #filter: string;
  #tree: vscode.TreeView<Node> | undefined;
  #loaded = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: AnnotationStore, cache: TranscriptCache, state: vscode.Memento) {
    this.#store = store;
    this.#cache = cache;
    this.#state = state;
    this.#grouping = state.get<Grouping>('shotlist.annotations.grouping') ?? 'file';
    this.#filter = '';
  }

  attach(tree: vscode.TreeView<Node>): void {
    this.#tree = tree;
    this.#describe();
  }

  get grouping(): Grouping {
    return this.#grouping;
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    this.#grouping = grouping;
    await this.#state.update('shotlist.annotations.grouping', grouping);
    this.refresh();
  }

  setFilter(filter: string): void {
    this.#filter = filter.trim();
    void vscode.commands.executeCommand('setContext', 'shotlist.annotations.filtered', this.#filter !== '');
    this.#describe();
    this.refresh();
  }

  /** Coalesces bursts of changes (typing moves annotations on every keystroke). */
  refresh(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#changed.fire(undefined), 100);
  }

  #describe(): void {
    if (this.#tree) {
      this.#tree.description = this.#filter !== '' ? vscode.l10n.t('filter: {0}', this.#filter) : undefined;
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = node.id.startsWith('package:') ? 'package' : 'group';
      return item;
    }
    const { item: annotation, notes, packageItem } = node;
    const words = shorten(annotation.annotation.anchor.text, 80);
    const item = new vscode.TreeItem(packageItem ? `${packageItem.position}. ${words}` : words, vscode.TreeItemCollapsibleState.None);
    const line = annotation.checked && annotation.state !== 'detached' ? notes.lineOf(annotation.start) : annotation.annotation.anchor.line;
    const parts: string[] = [];
    if (packageItem) {
      parts.push(`${formatDuration(packageItem.seconds)} → ${formatDuration(packageItem.runningSeconds)}`);
    } else if (annotation.annotation.status) {
      parts.push(statusLabel(annotation.annotation.status));
    }
    const state = stateLabel(annotation);
    if (state !== '') {
      parts.push(state);
    }
    parts.push(node.showFile ? `${vscode.workspace.asRelativePath(notes.uri, false)}:${line}` : vscode.l10n.t('line {0}', line));
    if (annotation.annotation.tags.length > 0) {
      parts.push(annotation.annotation.tags.map((tag) => `#${tag}`).join(' '));
    }
    item.description = parts.join(' · ');
    const tooltip = new vscode.MarkdownString('', true);
    for (const card of annotationCards(annotation, notes.uri, false)) {
      tooltip.appendMarkdown(card.value);
      tooltip.appendMarkdown('\n\n');
    }
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(
      annotation.state === 'detached' ? 'debug-disconnect' : annotation.state === 'review' ? 'warning'
        : annotation.annotation.status === 'selected' ? 'pass-filled' : annotation.annotation.status === 'maybe' ? 'question'
          : annotation.annotation.status === 'rejected' ? 'circle-slash' : 'note',
      new vscode.ThemeColor(annotation.state === 'placed' ? `shotlist.annotation.${annotation.annotation.status ?? 'none'}` : 'shotlist.annotation.review'),
    );
    item.command = { command: annotationCommands.reveal, title: vscode.l10n.t('Show'), arguments: [{ uri: notes.uri, id: annotation.annotation.id }] };
    item.contextValue = `annotation.${annotation.state}${packageItem ? '.package' : ''}`;
    item.id = `${packageItem ? 'package' : 'all'}:${notes.uri.toString()}#${annotation.annotation.id}`;
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) {
      return node.kind === 'group' ? node.children : [];
    }
    if (!this.#loaded) {
      this.#loaded = true;
      await this.#store.loadWorkspace();
    }
    return this.roots();
  }

  /** The top of the tree (the integration tests read it). */
  roots(): Node[] {
    const roots: Node[] = [];
    const editor = vscode.window.activeTextEditor;
    const active = editor ? this.#store.known(editor.document.uri) : undefined;
    // A large document still being read has no model yet: its package shows once it has (cache.onDidParse).
    const model = editor && active && active.live.length > 0 ? this.#cache.peek(editor.document) : undefined;
    if (editor && active && model) {
      const pack = selectionPackage(active, this.#cache.source(editor.document), model, this.#state);
      if (pack.items.length > 0) {
        const byId = new Map(active.live.map((item) => [item.annotation.id, item]));
        roots.push({
          kind: 'group', id: `package:${active.uri.toString()}`, icon: 'checklist', expanded: true,
          label: vscode.l10n.t('Selection: {0}', uriBaseName(active.uri)),
          description: packageSummary(pack.totalSeconds, pack.targetSeconds),
          children: pack.items.map((packageItem) => ({ kind: 'annotation', notes: active, item: byId.get(packageItem.id) as LiveAnnotation, packageItem, showFile: false })),
        });
      }
    }
    const all: { notes: TranscriptNotes; item: LiveAnnotation }[] = [];
    for (const notes of this.#store.all()) {
      for (const item of notes.live) {
        if (this.#matches(item)) {
          all.push({ notes, item });
        }
      }
    }
    const review = all.filter(({ item }) => item.state === 'review' || !item.checked);
    const detached = all.filter(({ item }) => item.state === 'detached');
    if (review.length > 0) {
      roots.push(group('review', vscode.l10n.t('Needs review'), 'warning', review.map((each) => leaf(each, true)), true));
    }
    if (detached.length > 0) {
      roots.push(group('detached', vscode.l10n.t('Detached'), 'debug-disconnect', detached.map((each) => leaf(each, true)), true));
    }
    const groups = new Map<string, { label: string; icon: string; nodes: Node[] }>();
    const add = (key: string, label: string, icon: string, node: Node): void => {
      const existing = groups.get(key) ?? { label, icon, nodes: [] };
      existing.nodes.push(node);
      groups.set(key, existing);
    };
    for (const each of all) {
      switch (this.#grouping) {
        case 'file':
          add(each.notes.uri.toString(), vscode.workspace.asRelativePath(each.notes.uri, false), 'file', leaf(each, false));
          break;
        case 'status':
          add(each.item.annotation.status ?? 'none', statusLabel(each.item.annotation.status), 'tag', leaf(each, true));
          break;
        case 'tag':
          if (each.item.annotation.tags.length === 0) {
            add('', vscode.l10n.t('No tag'), 'tag', leaf(each, true));
          }
          for (const tag of each.item.annotation.tags) {
            add(`#${tag}`, `#${tag}`, 'tag', leaf(each, true));
          }
          break;
      }
    }
    const keys = [...groups.keys()].sort((a, b) => a.localeCompare(b));
    for (const key of keys) {
      const entry = groups.get(key) as { label: string; icon: string; nodes: Node[] };
      roots.push(group(`${this.#grouping}:${key}`, entry.label, entry.icon, entry.nodes, keys.length <= 8, String(entry.nodes.length)));
    }
    return roots;
  }

  #matches(item: LiveAnnotation): boolean {
    if (this.#filter === '') {
      return true;
    }
    const needle = this.#filter.toLocaleLowerCase();
    const annotation = item.annotation;
    return annotation.anchor.text.toLocaleLowerCase().includes(needle) || (annotation.note ?? '').toLocaleLowerCase().includes(needle) ||
      annotation.tags.some((tag) => `#${tag}`.toLocaleLowerCase().includes(needle)) || (annotation.status ?? '').includes(needle);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#changed.dispose();
  }
}

export function packageSummary(total: number, target: number | null): string {
  return target === null ? formatDuration(total) : vscode.l10n.t('{0} of {1}', formatDuration(total), formatDuration(target));
}

function group(id: string, label: string, icon: string, children: Node[], expanded: boolean, description?: string): Node {
  return { kind: 'group', id, label, icon, children, expanded, ...(description !== undefined ? { description } : {}) };
}

function leaf(each: { notes: TranscriptNotes; item: LiveAnnotation }, showFile: boolean): Node {
  return { kind: 'annotation', notes: each.notes, item: each.item, showFile };
}

export function registerAnnotationsView(store: AnnotationStore, cache: TranscriptCache, state: vscode.Memento): { view: AnnotationsView; disposable: vscode.Disposable } {
  const view = new AnnotationsView(store, cache, state);
  const tree = vscode.window.createTreeView(annotationViewId, { treeDataProvider: view, showCollapseAll: true });
  view.attach(tree);
  const disposable = vscode.Disposable.from(
    view, tree,
    store.onDidChange(() => view.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => view.refresh()),
    cache.onDidParse(() => view.refresh()),
    vscode.commands.registerCommand(viewCommands.refresh, () => view.refresh()),
    vscode.commands.registerCommand(viewCommands.groupBy, async (grouping?: unknown) => {
      const choices: { label: string; grouping: Grouping }[] = [
        { label: vscode.l10n.t('By file'), grouping: 'file' }, { label: vscode.l10n.t('By status'), grouping: 'status' }, { label: vscode.l10n.t('By tag'), grouping: 'tag' },
      ];
      const chosen = choices.find((choice) => choice.grouping === grouping) ??
        (await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Group annotations') }));
      if (chosen) {
        await view.setGrouping(chosen.grouping);
      }
    }),
    vscode.commands.registerCommand(viewCommands.filter, async (filter?: unknown) => {
      const value = typeof filter === 'string' ? filter : await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter annotations'), prompt: vscode.l10n.t('Words, a #tag or a status'),
      });
      if (value !== undefined) {
        view.setFilter(value);
      }
    }),
    vscode.commands.registerCommand(viewCommands.clearFilter, () => view.setFilter('')),
  );
  return { view, disposable };
}
