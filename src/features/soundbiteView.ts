// The Soundbites view (activity bar › Shotlist): the soundbites of the active transcript, or of every
// transcript in the workspace (from the workspace index), grouped by speaker or by story. Clicking a
// soundbite reveals its quote; the selection follows the cursor in the active editor; the badge counts
// the soundbites shown. The view's title bar toggles the scope and the grouping (kept per workspace).
import * as vscode from 'vscode';
import { escapeMarkdownText } from '../core/text/markdown';
import { soundbiteAtLine, type FileEntry, type SoundbiteEntry } from '../core/workspace/entries';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import { runToEnd, type Steps } from '../core/util/steps';
import { groupKeyOf, groupSoundbitesSteps, type GroupBy, type SoundbiteGroup } from '../core/workspace/grouping';
import { disposeAllOf, languageId } from './shared/editor';
import { uriBaseName as fileName } from './shared/files';
import type { WorkspaceIndex } from './shared/workspaceIndex';

export const soundbiteViewId = 'shotlist.soundbites';
export const revealSoundbiteCommand = 'shotlist.soundbites.reveal';
export const soundbiteCommands = {
  showWorkspace: 'shotlist.soundbites.showWorkspace',
  showActiveFile: 'shotlist.soundbites.showActiveFile',
  groupBySpeaker: 'shotlist.soundbites.groupBySpeaker',
  groupByStory: 'shotlist.soundbites.groupByStory',
} as const;

export type SoundbiteScope = 'activeFile' | 'workspace';

/** Context keys for the title-bar toggles and the welcome messages. */
const scopeKey = 'shotlist.soundbites.scope';
const groupByKey = 'shotlist.soundbites.groupBy';
const activeTranscriptKey = 'shotlist.soundbites.activeTranscript';
const scopeState = 'shotlist.soundbites.scope';
const groupByState = 'shotlist.soundbites.groupBy';

/** Schemes of the user's own documents; editors of other schemes (output, debug console) do not change the view. */
const userSchemes: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata']);

/** Typing pauses this long before the active transcript's soundbites are read again. */
const refreshDelayMs = 300;
/** The active transcript's groups (stories or speakers) start open when there are at most this many. */
const maxExpandedGroups = 50;
/** Past this many groups, the top of the view lists runs of `groupsPerRange` groups. */
const maxTopGroups = 200;
const groupsPerRange = 100;
/** Trees of up to this many soundbites are built at once (a few ms); larger ones in steps of `groupsPerTreeStep` groups. */
const syncTreeSoundbites = 5000;
/** Group nodes made per step of a large tree (an archive has one group per story: thousands). */
const groupsPerTreeStep = 1000;

/**
 * A built tree: the groups in order, each file's entries in document order, the groups by key (an
 * entry's group is found by its key: groupKeyOf), and how many soundbites. The soundbite nodes
 * themselves are made when their group is opened or the cursor reaches one (SoundbiteGroupNode.children):
 * an archive has tens of thousands, remade after every edit.
 */
interface SoundbiteTree {
  readonly groups: SoundbiteGroupNode[];
  readonly byFile: Map<string, readonly SoundbiteEntry[]>;
  readonly groupByKey: Map<string, SoundbiteGroupNode>;
  /** How the tree was grouped (the setting may have changed since). */
  readonly groupBy: GroupBy;
  readonly count: number;
}
/** The cursor rests this long before the view selects the soundbite under it. */
const followDelayMs = 150;

/** Past this many soundbites, a group (a speaker of a whole archive: 15,000) lists runs of `soundbitesPerRun`. */
const maxGroupSoundbites = 500;
const soundbitesPerRun = 100;

/**
 * A group of soundbites (a story or a speaker); its soundbite nodes are made the first time they are
 * asked for, in runs of a hundred when there are many: the view asks for every child of an open group
 * at once, and 15,000 items took about 260 ms to make and send.
 */
export class SoundbiteGroupNode {
  readonly type = 'group';
  /** The run of groups it is listed in, when there are too many groups to list at the top. */
  parent?: SoundbiteRangeNode;
  #children: SoundbiteNode[] | SoundbiteRunNode[] | undefined;

  constructor(
    readonly id: string,
    readonly group: SoundbiteGroup,
    /** The file of a story group. */
    readonly uri: vscode.Uri | undefined,
    readonly uriOf: (file: string) => vscode.Uri,
  ) {}

  get children(): readonly SoundbiteNode[] | readonly SoundbiteRunNode[] {
    this.#children ??= this.#makeChildren();
    return this.#children;
  }

  /** The node of one of the group's soundbites (inside its run when the group has runs). */
  nodeOf(entry: SoundbiteEntry): SoundbiteNode | undefined {
    const index = this.group.soundbites.indexOf(entry);
    const children = this.children;
    if (index < 0) {
      return undefined;
    }
    const run = children[Math.floor(index / soundbitesPerRun)];
    return run?.type === 'run' ? run.children[index % soundbitesPerRun] : children[index] as SoundbiteNode | undefined;
  }

  #makeChildren(): SoundbiteNode[] | SoundbiteRunNode[] {
    const node = (entry: SoundbiteEntry, parent: SoundbiteGroupNode | SoundbiteRunNode): SoundbiteNode =>
      ({ type: 'soundbite', id: `${entry.file}#${entry.line}`, uri: this.uriOf(entry.file), entry, parent });
    const soundbites = this.group.soundbites;
    if (soundbites.length <= maxGroupSoundbites) {
      return soundbites.map((entry) => node(entry, this));
    }
    const runs: SoundbiteRunNode[] = [];
    for (let start = 0; start < soundbites.length; start += soundbitesPerRun) {
      const children: SoundbiteNode[] = [];
      const run: SoundbiteRunNode = { type: 'run', id: `${this.id}:run:${start}`, parent: this, first: start + 1, last: Math.min(soundbites.length, start + soundbitesPerRun), children };
      for (let index = start; index < run.last; index++) {
        children.push(node(soundbites[index] as SoundbiteEntry, run));
      }
      runs.push(run);
    }
    return runs;
  }
}

/** A run of a large group's soundbites (`Soundbites 101–200`). */
export interface SoundbiteRunNode {
  readonly type: 'run';
  readonly id: string;
  readonly parent: SoundbiteGroupNode;
  /** 1-based positions of its first and last soundbite in the group. */
  readonly first: number;
  readonly last: number;
  readonly children: readonly SoundbiteNode[];
}

/**
 * A run of groups (`Stories 101–200`): an archive of thousands of stories lists runs of a hundred at the
 * top, so that no list the view asks for holds more than a few hundred items.
 */
export interface SoundbiteRangeNode {
  readonly type: 'range';
  readonly id: string;
  /** 1-based positions of its first and last group. */
  readonly first: number;
  readonly last: number;
  readonly children: readonly SoundbiteGroupNode[];
}

export interface SoundbiteNode {
  readonly type: 'soundbite';
  /** `${uri}#${line}`: stable while the SOUNDBITE line stays where it is. */
  readonly id: string;
  readonly uri: vscode.Uri;
  readonly entry: SoundbiteEntry;
  readonly parent: SoundbiteGroupNode | SoundbiteRunNode;
}

export type SoundbiteViewNode = SoundbiteRangeNode | SoundbiteGroupNode | SoundbiteRunNode | SoundbiteNode;

function isTranscript(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document !== undefined && document.languageId === languageId;
}

/** What the view lists and how; the tree is rebuilt from the files only when something changed. */
export class SoundbiteTreeProvider implements vscode.TreeDataProvider<SoundbiteViewNode> {
  readonly #index: WorkspaceIndex;
  readonly #onDidChangeTreeData = new vscode.EventEmitter<SoundbiteViewNode | undefined>();
  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;
  #scope: SoundbiteScope;
  #groupBy: GroupBy;
  /** The transcript the active-file scope shows (kept while a non-text editor such as Settings is active). */
  #document: vscode.TextDocument | undefined;
  #updating = false;
  readonly #relativePaths = new Map<string, string>();
  #roots: Array<SoundbiteRangeNode | SoundbiteGroupNode> | undefined;
  #groupCount = 0;
  /** The index generation the workspace-scope tree was built from. */
  #builtFrom = -1;
  #byFile = new Map<string, readonly SoundbiteEntry[]>();
  #groupByKey = new Map<string, SoundbiteGroupNode>();
  #builtGroupBy: GroupBy;
  /** The large tree being built in steps (see #build), by what it is built from. */
  #pendingBuild: string | undefined;
  #count = 0;
  /** The annotation status of a soundbite (set by the annotations feature), by file and 0-based line of its quote. */
  #statusOf: (uri: vscode.Uri, line: number) => { label: string; status: string } | null = () => null;

  constructor(index: WorkspaceIndex, scope: SoundbiteScope, groupBy: GroupBy) {
    this.#index = index;
    this.#scope = scope;
    this.#groupBy = groupBy;
    this.#builtGroupBy = groupBy;
  }

  get scope(): SoundbiteScope {
    return this.#scope;
  }

  get groupBy(): GroupBy {
    return this.#groupBy;
  }

  /** The transcript shown in the active-file scope. */
  /** True while the active transcript's entry is still being indexed (what shows is older, or nothing). */
  get updating(): boolean {
    return this.#updating;
  }

  get document(): vscode.TextDocument | undefined {
    return this.#document;
  }

  /** Shows each soundbite's annotation status (selected, maybe, rejected) in its description and icon colour. */
  setStatusSource(statusOf: (uri: vscode.Uri, line: number) => { label: string; status: string } | null): void {
    this.#statusOf = statusOf;
  }

  setScope(scope: SoundbiteScope): void {
    if (scope !== this.#scope) {
      this.#scope = scope;
      this.refresh();
    }
  }

  setGroupBy(groupBy: GroupBy): void {
    if (groupBy !== this.#groupBy) {
      this.#groupBy = groupBy;
      this.refresh();
    }
  }

  /**
   * Follows the active editor: a transcript replaces the shown one, another of the user's text editors
   * clears it; no text editor (Settings, a webview) or an output or debug console editor keeps it.
   */
  setActiveEditor(editor: vscode.TextEditor | undefined): boolean {
    const candidate = editor?.document;
    const keep = candidate === undefined || (candidate.languageId !== languageId && !userSchemes.has(candidate.uri.scheme));
    const document = keep ? (this.#document?.isClosed ? undefined : this.#document) : isTranscript(candidate) ? candidate : undefined;
    if (document === this.#document) {
      return false;
    }
    this.#document = document;
    return true;
  }

  /** Forgets the tree; it is built again when the view asks for it. */
  refresh(): void {
    this.#roots = undefined;
    this.#onDidChangeTreeData.fire(undefined);
  }

  /** The number of soundbites the view lists now (counted without building the tree). */
  get count(): number {
    if (this.#roots && (this.#scope === 'activeFile' || this.#builtFrom === this.#index.generation)) {
      return this.#count;
    }
    let count = 0;
    for (const file of this.#files(false)) {
      count += file.entry.soundbites.length;
    }
    return count;
  }

  /** The soundbite holding `line` of `uri`, among those listed. */
  nodeAt(uri: vscode.Uri, line: number): SoundbiteNode | undefined {
    this.#build();
    const entries = this.#byFile.get(uri.toString());
    if (!entries) {
      return undefined;
    }
    // Sorted by line: a binary search, not a copy of tens of thousands of entries per cursor move.
    const entry = soundbiteAtLine(entries, line, (candidate) => candidate.range);
    const group = entry ? this.#groupByKey.get(groupKeyOf(entry, this.#builtGroupBy)) : undefined;
    return entry && group?.nodeOf(entry);
  }

  getChildren(element?: SoundbiteViewNode): SoundbiteViewNode[] {
    if (!element) {
      this.#build();
      return [...(this.#roots ?? [])];
    }
    return element.type === 'soundbite' ? [] : [...element.children];
  }

  getParent(element: SoundbiteViewNode): SoundbiteViewNode | undefined {
    return element.type === 'range' ? undefined : element.parent;
  }

  getTreeItem(element: SoundbiteViewNode): vscode.TreeItem {
    switch (element.type) {
      case 'range':
        return this.#rangeItem(element);
      case 'group':
        return this.#groupItem(element);
      case 'run':
        return this.#runItem(element);
      default:
        return this.#soundbiteItem(element);
    }
  }

  #runItem(node: SoundbiteRunNode): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Soundbites {0}–{1}', node.first, node.last), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.contextValue = 'soundbiteRun';
    return item;
  }

  #rangeItem(node: SoundbiteRangeNode): vscode.TreeItem {
    const label = this.#groupBy === 'speaker' ? vscode.l10n.t('Speakers {0}–{1}', node.first, node.last) : vscode.l10n.t('Stories {0}–{1}', node.first, node.last);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.contextValue = 'soundbiteRange';
    return item;
  }

  dispose(): void {
    this.#onDidChangeTreeData.dispose();
  }

  /** The files listed: the active transcript, or every indexed one with soundbites (by relative path when `sorted`). */
  #files(sorted = true): Array<{ uri: vscode.Uri; entry: FileEntry }> {
    if (this.#scope === 'activeFile') {
      const document = this.#document;
      // A large document being indexed in steps shows its previous version's entry meanwhile (marked as
      // updating in the view's description), or nothing on its first reading, until the index changes.
      const current = document && !document.isClosed ? this.#index.entryOf(document) : undefined;
      const entry = current ?? (document ? this.#index.file(document.uri)?.entry : undefined);
      this.#updating = document !== undefined && current === undefined;
      return document && entry ? [{ uri: document.uri, entry }] : [];
    }
    const files = [...this.#index.files()].filter((file) => file.entry.soundbites.length > 0);
    if (!sorted) {
      return files;
    }
    const paths = new Map(files.map((file) => [file, vscode.workspace.asRelativePath(file.uri)]));
    return files.sort((a, b) => (paths.get(a) ?? '').localeCompare(paths.get(b) ?? '', undefined, { numeric: true }));
  }

  #build(): void {
    if (this.#roots && (this.#scope === 'activeFile' || this.#builtFrom === this.#index.generation)) {
      return;
    }
    const generation = this.#index.generation;
    const files = this.#files();
    let total = 0;
    for (const file of files) {
      total += file.entry.soundbites.length;
    }
    if (total <= syncTreeSoundbites) {
      this.#apply(runToEnd(this.#treeSteps(files)), generation);
      return;
    }
    // A large tree is built in steps: the view shows nothing new until it is ready, then asks again.
    const key = `${generation}|${this.#scope}|${this.#groupBy}|${this.#document?.uri.toString() ?? ''}|${this.#document?.version ?? ''}`;
    if (this.#pendingBuild === key) {
      return;
    }
    this.#pendingBuild = key;
    void runSteps(this.#treeSteps(files), new TimeSlicer(), () => this.#pendingBuild !== key).then((tree) => {
      if (tree && this.#pendingBuild === key) {
        this.#pendingBuild = undefined;
        this.#apply(tree, generation);
        this.#onDidChangeTreeData.fire(undefined);
      }
    });
  }

  #apply(tree: SoundbiteTree, generation: number): void {
    this.#builtFrom = generation;
    this.#byFile = tree.byFile;
    this.#groupByKey = tree.groupByKey;
    this.#builtGroupBy = tree.groupBy;
    this.#count = tree.count;
    this.#groupCount = tree.groups.length;
    this.#roots = tree.groups.length <= maxTopGroups ? tree.groups : this.#ranges(tree.groups);
  }

  /** The tree of these files, a few thousand soundbites per step. */
  *#treeSteps(files: Array<{ uri: vscode.Uri; entry: FileEntry }>): Steps<SoundbiteTree> {
    this.#relativePaths.clear();
    const uris = new Map(files.map((file) => [file.entry.file, file.uri]));
    const uriOf = (file: string): vscode.Uri => uris.get(file) ?? vscode.Uri.parse(file);
    const groupBy = this.#groupBy;
    const groupByKey = new Map<string, SoundbiteGroupNode>();
    const groups: SoundbiteGroupNode[] = [];
    let count = 0;
    for (const group of yield* groupSoundbitesSteps(files.map((file) => file.entry), groupBy)) {
      const node = new SoundbiteGroupNode(`${groupBy}:${group.key}`, group, group.story ? uris.get(group.story.file) : undefined, uriOf);
      groupByKey.set(group.key, node);
      groups.push(node);
      count += group.soundbites.length;
      if (groups.length % groupsPerTreeStep === 0) {
        yield;
      }
    }
    // Each file's entries are in document order already: the cursor's soundbite is found by binary search.
    const byFile = new Map(files.map((file) => [file.entry.file, file.entry.soundbites]));
    return { groups, byFile, groupByKey, groupBy, count };
  }

  #ranges(groups: SoundbiteGroupNode[]): SoundbiteRangeNode[] {
    const ranges: SoundbiteRangeNode[] = [];
    for (let start = 0; start < groups.length; start += groupsPerRange) {
      const children = groups.slice(start, start + groupsPerRange);
      const range: SoundbiteRangeNode = { type: 'range', id: `${this.#groupBy}:range:${start}`, first: start + 1, last: start + children.length, children };
      for (const child of children) {
        child.parent = range;
      }
      ranges.push(range);
    }
    return ranges;
  }

  /** A file's path in the workspace, worked out once per file and tree (thousands of groups share a few files). */
  #relativePath(uri: vscode.Uri): string {
    const key = uri.toString();
    let relative = this.#relativePaths.get(key);
    if (relative === undefined) {
      relative = vscode.workspace.asRelativePath(uri);
      this.#relativePaths.set(key, relative);
    }
    return relative;
  }

  #groupItem(node: SoundbiteGroupNode): vscode.TreeItem {
    const { group } = node;
    const workspace = this.#scope === 'workspace';
    let label: string;
    if (group.story) {
      label = group.label ?? (node.uri ? fileName(node.uri) : vscode.l10n.t('Story'));
    } else {
      label = group.label ?? vscode.l10n.t('Unknown speaker');
    }
    // Every group open at once only when there are few: an archive of thousands of stories would have
    // the view fetch and draw every soundbite before showing anything.
    const groups = this.#groupCount;
    const expanded = workspace ? groups <= 3 : groups <= maxExpandedGroups;
    const item = new vscode.TreeItem(label, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.iconPath = new vscode.ThemeIcon(group.story ? 'book' : 'person');
    item.contextValue = group.story ? 'soundbiteStory' : 'soundbiteSpeaker';
    const count = group.soundbites.length;
    const countText = count === 1 ? vscode.l10n.t('1 soundbite') : vscode.l10n.t('{0} soundbites', count);
    const where = group.story && node.uri && workspace ? this.#relativePath(node.uri) : undefined;
    item.description = where ? `${countText} · ${where}` : countText;
    // Plain text: the editor parses every Markdown tooltip it is sent, thousands of them for an archive.
    item.tooltip = [label, countText, ...(node.uri ? [this.#relativePath(node.uri)] : [])].join('\n');
    return item;
  }

  #soundbiteItem(node: SoundbiteNode): vscode.TreeItem {
    const { entry } = node;
    const words = entry.quote.length > 0 ? entry.firstWords : vscode.l10n.t('(no quote)');
    const item = new vscode.TreeItem(entry.number === null ? words : `${entry.number}. ${words}`, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = 'soundbite';
    const marked = this.#statusOf(node.uri, (entry.quoteRange ?? entry.range).startLine);
    item.iconPath = new vscode.ThemeIcon('quote', marked ? new vscode.ThemeColor(`shotlist.annotation.${marked.status}`) : undefined);
    const speaker = entry.speaker ?? vscode.l10n.t('Unknown speaker');
    const parts = this.#groupBy === 'speaker' ? [] : [speaker];
    if (marked) {
      parts.unshift(marked.label);
    }
    if (entry.language) {
      parts.push(entry.language);
    }
    if (this.#groupBy === 'speaker' && this.#scope === 'workspace') {
      parts.push(entry.story ?? fileName(node.uri));
    }
    item.description = parts.join(' · ');
    item.tooltip = soundbiteTooltip(node);
    item.command = { command: revealSoundbiteCommand, title: vscode.l10n.t('Reveal Soundbite'), arguments: [node.uri, entry.quoteRange ?? entry.range] };
    item.accessibilityInformation = { label: `${item.label as string}, ${speaker}${entry.language ? `, ${entry.language}` : ''}` };
    return item;
  }
}


/**
 * Speaker, title, language, the whole quote and file:line; every text from the file is escaped, so
 * nothing in it is Markdown or a link. (MarkdownString.appendText would also turn every space into a
 * non-breaking one, and a long quote would never wrap.)
 */
export function soundbiteTooltip(node: SoundbiteNode): vscode.MarkdownString {
  const { entry } = node;
  const speaker = entry.speaker ?? vscode.l10n.t('Unknown speaker');
  const lines = [`**${escapeMarkdownText(entry.number === null ? speaker : `${entry.number}. ${speaker}`)}**`];
  if (entry.title) {
    lines.push(escapeMarkdownText(entry.title));
  }
  if (entry.language) {
    lines.push(`_${escapeMarkdownText(entry.language)}_`);
  }
  // The quotation marks are the UI language's (« … » in French), not the transcript's.
  const quote = entry.quote.length > 0 ? `> ${vscode.l10n.t('“{0}”', escapeMarkdownText(entry.quote))}` : escapeMarkdownText(vscode.l10n.t('(no quote)'));
  const where = escapeMarkdownText(`${vscode.workspace.asRelativePath(node.uri)}:${entry.line + 1}`);
  return new vscode.MarkdownString(`${lines.join('  \n')}\n\n${quote}\n\n${where}`);
}

type RangeLike = { readonly startLine: number; readonly startCharacter: number; readonly endLine: number; readonly endCharacter: number };

/** Opens the file if needed (in the editor group that already shows it), puts the cursor on the quote and centres it. */
async function revealSoundbite(uri: vscode.Uri, range: RangeLike): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, preserveFocus: false });
  const target = document.validateRange(new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter));
  editor.selection = new vscode.Selection(target.start, target.start);
  editor.revealRange(target, vscode.TextEditorRevealType.InCenter);
}

export interface SoundbiteView extends vscode.Disposable {
  readonly provider: SoundbiteTreeProvider;
  readonly treeView: vscode.TreeView<SoundbiteViewNode>;
}

export function registerSoundbiteView(index: WorkspaceIndex, state: vscode.Memento): SoundbiteView {
  const provider = new SoundbiteTreeProvider(index,
    state.get<SoundbiteScope>(scopeState) === 'workspace' ? 'workspace' : 'activeFile',
    state.get<GroupBy>(groupByState) === 'speaker' ? 'speaker' : 'story');
  const treeView = vscode.window.createTreeView(soundbiteViewId, { treeDataProvider: provider, showCollapseAll: true });
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  /** The tree changed while the view was hidden: rebuild when it shows. */
  let stale = false;

  const contextValues = new Map<string, unknown>();
  const setContext = (key: string, value: unknown): void => {
    if (contextValues.get(key) !== value) {
      contextValues.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  };

  const update = (): void => {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
    provider.refresh();
    stale = !treeView.visible;
    const count = provider.count;
    treeView.badge = count > 0 ? { value: count, tooltip: count === 1 ? vscode.l10n.t('1 soundbite') : vscode.l10n.t('{0} soundbites', count) } : undefined;
    // Files the index skipped (too large, unreadable, failing) are counted here; the Output channel names them.
    const skipped = index.skipped.size;
    treeView.description = provider.scope === 'workspace'
      ? skipped > 0 ? vscode.l10n.t('All transcripts · {0} not indexed', skipped) : vscode.l10n.t('All transcripts')
      : provider.document ? provider.updating ? vscode.l10n.t('{0} · updating', fileName(provider.document.uri)) : fileName(provider.document.uri) : undefined;
    setContext(scopeKey, provider.scope);
    setContext(groupByKey, provider.groupBy);
    setContext(activeTranscriptKey, provider.document !== undefined);
    if (treeView.visible) {
      scheduleFollow();
    }
  };

  const scheduleUpdate = (): void => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(update, refreshDelayMs);
  };

  /** Selects the soundbite under the cursor of the active editor (only while the view is visible). */
  const follow = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !treeView.visible) {
      return;
    }
    const node = provider.nodeAt(editor.document.uri, editor.selection.active.line);
    if (node && !treeView.selection.some((selected) => selected.id === node.id)) {
      treeView.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    }
  };

  const scheduleFollow = (): void => {
    clearTimeout(followTimer);
    followTimer = setTimeout(follow, followDelayMs);
  };

  const setScope = async (scope: SoundbiteScope): Promise<void> => {
    await state.update(scopeState, scope);
    provider.setScope(scope);
    update();
  };

  const setGroupBy = async (groupBy: GroupBy): Promise<void> => {
    await state.update(groupByState, groupBy);
    provider.setGroupBy(groupBy);
    update();
  };

  provider.setActiveEditor(vscode.window.activeTextEditor);
  // Counting the active transcript's soundbites parses it: after activate(), not inside it.
  scheduleUpdate();

  const disposables: vscode.Disposable[] = [
    treeView,
    provider,
    vscode.commands.registerCommand(revealSoundbiteCommand, revealSoundbite),
    vscode.commands.registerCommand(soundbiteCommands.showWorkspace, () => setScope('workspace')),
    vscode.commands.registerCommand(soundbiteCommands.showActiveFile, () => setScope('activeFile')),
    vscode.commands.registerCommand(soundbiteCommands.groupBySpeaker, () => setGroupBy('speaker')),
    vscode.commands.registerCommand(soundbiteCommands.groupByStory, () => setGroupBy('story')),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (provider.setActiveEditor(editor) && provider.scope === 'activeFile') {
        update();
      } else {
        scheduleFollow();
      }
    }),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor === vscode.window.activeTextEditor) {
        scheduleFollow();
      }
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (provider.scope === 'activeFile' && event.document === provider.document && event.contentChanges.length > 0) {
        scheduleUpdate();
      }
    }),
    // A document's language changes as a close and an open: a .txt switched to a transcript, or back.
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document === vscode.window.activeTextEditor?.document && provider.setActiveEditor(vscode.window.activeTextEditor)) {
        update();
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document === provider.document && provider.setActiveEditor(vscode.window.activeTextEditor)) {
        update();
      }
    }),
    index.onDidChange(() => {
      if (provider.scope === 'workspace' || provider.updating) {
        update();
      }
    }),
    treeView.onDidChangeVisibility(({ visible }) => {
      if (visible && stale) {
        update();
      } else if (visible) {
        scheduleFollow();
      }
    }),
    { dispose: () => [refreshTimer, followTimer].forEach((timer) => clearTimeout(timer)) },
  ];
  return {
    provider,
    treeView,
    dispose: () => disposeAllOf(disposables).dispose(),
  };
}
