// The annotation commands: a status (selected, maybe, rejected) on the selection or on the soundbite or
// turn under the cursor, tags, delete (with undo), accept a placement under review, re-attach to the
// selection, next/previous annotation and selected passage, the package (reorder, target length) and
// the selects sheet export. The passage comes from a CodeLens or view item when one is given.
import * as vscode from 'vscode';
import type { TranscriptDocument } from '../../core/model';
import { randomId } from './ids';
import { collapseWhitespace } from '../../core/text/whitespace';
import { parseDuration, parseTags } from '../../core/annotations/fields';
import { AnnotationText, passageAt } from '../../core/annotations/placement';
import { reorder, sheetFormats, exportSheet, type SheetFormat } from '../../core/annotations/selects';
import { sheetEntries } from '../../core/annotations/report';
import type { AnnotationStatus, SidecarChange } from '../../core/annotations/sidecar';
import { builtInStyles, type QuoteStyle } from '../../core/quotes/styles';
import type { TranscriptCache } from '../shared/documentCache';
import { AnnotationStore, openAnnotationText, type LiveAnnotation, type TranscriptNotes } from './store';
import { selectionPackage, setTargetSeconds } from './selection';
import { formatDuration } from '../../core/outline/readTime';

export const annotationCommands = {
  markSelected: 'shotlist.annotations.markSelected',
  markMaybe: 'shotlist.annotations.markMaybe',
  markRejected: 'shotlist.annotations.markRejected',
  clearStatus: 'shotlist.annotations.clearStatus',
  editTags: 'shotlist.annotations.editTags',
  delete: 'shotlist.annotations.delete',
  accept: 'shotlist.annotations.accept',
  reattach: 'shotlist.annotations.reattach',
  next: 'shotlist.annotations.next',
  previous: 'shotlist.annotations.previous',
  nextSelected: 'shotlist.annotations.nextSelected',
  previousSelected: 'shotlist.annotations.previousSelected',
  moveUp: 'shotlist.annotations.moveUp',
  moveDown: 'shotlist.annotations.moveDown',
  setTarget: 'shotlist.annotations.setTarget',
  exportSelects: 'shotlist.annotations.exportSelects',
  reveal: 'shotlist.annotations.reveal',
} as const;

/** What CodeLenses and view items pass: a transcript and a passage in it, or an annotation of it. */
export interface AnnotationTarget {
  readonly uri: vscode.Uri;
  readonly start?: number;
  readonly end?: number;
  readonly id?: string;
}

function isTarget(value: unknown): value is AnnotationTarget {
  return typeof value === 'object' && value !== null && (value as { uri?: unknown }).uri instanceof vscode.Uri;
}

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z');

export class AnnotationCommands {
  readonly #store: AnnotationStore;
  readonly #cache: TranscriptCache;
  readonly #state: vscode.Memento;

  constructor(store: AnnotationStore, cache: TranscriptCache, state: vscode.Memento) {
    this.#store = store;
    this.#cache = cache;
    this.#state = state;
  }

  /** The model of the document as it is now; a large document's first reading is waited for. */
  async #modelOf(document: vscode.TextDocument): Promise<TranscriptDocument> {
    return (await this.#cache.modelShowingProgress(document)) ?? this.#cache.get(document);
  }

  async #annotationText(document: vscode.TextDocument): Promise<AnnotationText> {
    const model = await this.#modelOf(document);
    return openAnnotationText(this.#cache, document, model);
  }

  register(): vscode.Disposable[] {
    const c = annotationCommands;
    const status = (value: AnnotationStatus | null) => (target?: unknown) => this.setStatus(value, target);
    return [
      vscode.commands.registerCommand(c.markSelected, status('selected')),
      vscode.commands.registerCommand(c.markMaybe, status('maybe')),
      vscode.commands.registerCommand(c.markRejected, status('rejected')),
      vscode.commands.registerCommand(c.clearStatus, status(null)),
      vscode.commands.registerCommand(c.editTags, (target?: unknown) => this.editTags(target)),
      vscode.commands.registerCommand(c.delete, (target?: unknown) => this.delete(target)),
      vscode.commands.registerCommand(c.accept, (target?: unknown) => this.accept(target)),
      vscode.commands.registerCommand(c.reattach, (target?: unknown) => this.reattach(target)),
      vscode.commands.registerCommand(c.next, () => this.step(1, false)),
      vscode.commands.registerCommand(c.previous, () => this.step(-1, false)),
      vscode.commands.registerCommand(c.nextSelected, () => this.step(1, true)),
      vscode.commands.registerCommand(c.previousSelected, () => this.step(-1, true)),
      vscode.commands.registerCommand(c.moveUp, (target?: unknown) => this.move(target, -1)),
      vscode.commands.registerCommand(c.moveDown, (target?: unknown) => this.move(target, 1)),
      vscode.commands.registerCommand(c.setTarget, (target?: unknown) => this.setTarget(target)),
      vscode.commands.registerCommand(c.exportSelects, (target?: unknown, format?: unknown) => this.exportSelects(target, format)),
      vscode.commands.registerCommand(c.reveal, (target?: unknown) => this.reveal(target)),
    ];
  }

  /** The document and passage a command acts on: the target's, else the active editor's selection or the soundbite/turn under its cursor. */
  async #passage(target: unknown): Promise<{ document: vscode.TextDocument; start: number; end: number } | undefined> {
    if (isTarget(target)) {
      const document = await vscode.workspace.openTextDocument(target.uri);
      if (target.start !== undefined && target.end !== undefined) {
        return { document, start: target.start, end: target.end };
      }
      const notes = await this.#store.notes(target.uri);
      const item = notes.live.find((each) => each.annotation.id === target.id);
      return item ? { document, start: item.start, end: item.end } : undefined;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || !AnnotationStore.accepts(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to annotate it.'));
      return undefined;
    }
    const document = editor.document;
    const selection = editor.selection;
    if (!selection.isEmpty) {
      return { document, start: document.offsetAt(selection.start), end: document.offsetAt(selection.end) };
    }
    const cursor = document.offsetAt(selection.active);
    const notes = this.#store.known(document.uri);
    const existing = notes?.live.find((item) => item.state !== 'detached' && item.start <= cursor && cursor <= item.end);
    if (existing) {
      return { document, start: existing.start, end: existing.end };
    }
    const passage = passageAt(await this.#modelOf(document), cursor);
    if (!passage) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the words to annotate, or put the cursor in a soundbite or an interview answer.'));
      return undefined;
    }
    return { document, start: passage.start, end: passage.end };
  }

  /** The annotation a command acts on: the target's id, else the one at the cursor (or covering the selection). */
  async #annotation(target: unknown): Promise<{ notes: TranscriptNotes; item: LiveAnnotation } | undefined> {
    if (isTarget(target) && target.id !== undefined) {
      const notes = await this.#store.notes(target.uri);
      const item = notes.live.find((each) => each.annotation.id === target.id);
      return item ? { notes, item } : undefined;
    }
    const passage = await this.#passage(target);
    if (!passage) {
      return undefined;
    }
    const notes = await this.#store.notes(passage.document.uri);
    const item = covering(notes, passage.start, passage.end);
    return item ? { notes, item } : undefined;
  }

  /** Sets a status; the same status again clears it, and an annotation left with nothing is removed. */
  async setStatus(status: AnnotationStatus | null, target?: unknown): Promise<string | undefined> {
    const passage = await this.#passage(target);
    if (!passage) {
      return undefined;
    }
    const { document } = passage;
    const notes = await this.#store.notes(document.uri);
    const existing = covering(notes, passage.start, passage.end);
    if (existing) {
      const annotation = existing.annotation;
      const next = annotation.status === status ? null : status;
      if (next === null && annotation.tags.length === 0 && (annotation.note ?? '') === '') {
        await this.#store.change(document.uri, [{ kind: 'delete', id: annotation.id, confirmedByUser: true }]);
      } else {
        await this.#store.change(document.uri, [{ kind: 'update', id: annotation.id, status: next, updated: now() }]);
      }
      return annotation.id;
    }
    if (status === null) {
      return undefined;
    }
    return this.#add(document, passage.start, passage.end, { status });
  }

  async #add(document: vscode.TextDocument, start: number, end: number, fields: { status?: AnnotationStatus; tags?: string[]; note?: string }): Promise<string | undefined> {
    const text = (await this.#annotationText(document));
    const captured = text.capture(start, end);
    if (!captured.ok) {
      void vscode.window.showWarningMessage(captureMessage(captured.problem));
      return undefined;
    }
    const id = randomId();
    const stamp = now();
    const saved = await this.#store.change(document.uri, [{ kind: 'add', annotation: { id, anchor: captured.anchor, ...fields, created: stamp, updated: stamp } }],
      new Map([[id, { start: captured.start, end: captured.end }]]));
    return saved ? id : undefined;
  }

  /** Tags as `#words` separated by spaces or commas; an empty answer removes them. */
  async editTags(target?: unknown): Promise<void> {
    const found = await this.#annotation(target);
    const passage = found ? undefined : await this.#passage(target);
    if (!found && !passage) {
      return;
    }
    const current = found?.item.annotation.tags ?? [];
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Tags'),
      prompt: vscode.l10n.t('Tags separated by spaces, e.g. #withdrawal #ceasefire (empty: no tags)'),
      value: current.map((tag) => `#${tag}`).join(' '),
      validateInput: (value) => (parseTags(value).some((tag) => tag.length > 200) ? vscode.l10n.t('A tag is at most 200 characters.') : undefined),
    });
    if (answer === undefined) {
      return;
    }
    const tags = parseTags(answer);
    if (found) {
      await this.#store.change(found.notes.uri, [{ kind: 'update', id: found.item.annotation.id, tags, updated: now() }]);
    } else if (passage && tags.length > 0) {
      await this.#add(passage.document, passage.start, passage.end, { tags });
    }
  }

  /** Removes an annotation after the editor confirms, with Undo (the same entry added back). */
  async delete(target?: unknown): Promise<boolean> {
    const found = await this.#annotation(target);
    if (!found) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No annotation here.'));
      return false;
    }
    const annotation = found.item.annotation;
    const confirm = vscode.l10n.t('Delete');
    const explicit = isTarget(target) && (target as { confirmed?: unknown }).confirmed === true;
    if (!explicit) {
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the annotation on "{0}"? Its status, tags and note go with it.', shorten(annotation.anchor.text)), { modal: true }, confirm);
      if (choice !== confirm) {
        return false;
      }
    }
    const deleted = await this.#store.change(found.notes.uri, [{ kind: 'delete', id: annotation.id, confirmedByUser: true }]);
    if (deleted && !explicit) {
      const undo = vscode.l10n.t('Undo');
      void vscode.window.showInformationMessage(vscode.l10n.t('Annotation deleted.'), undo).then(async (choice) => {
        if (choice === undo) {
          await this.#store.change(found.notes.uri, [{
            kind: 'add',
            annotation: {
              id: annotation.id, anchor: annotation.anchor, status: annotation.status, tags: annotation.tags, note: annotation.note,
              order: annotation.order, ...(annotation.created ? { created: annotation.created } : {}), ...(annotation.updated ? { updated: annotation.updated } : {}),
            },
          }]);
        }
      });
    }
    return deleted;
  }

  /** A placement under review is right: store the words where it is now as its anchor. */
  async accept(target?: unknown): Promise<boolean> {
    const found = await this.#annotation(target);
    if (!found || found.item.state === 'detached') {
      return false;
    }
    const document = await vscode.workspace.openTextDocument(found.notes.uri);
    const captured = (await this.#annotationText(document)).capture(found.item.start, found.item.end);
    if (!captured.ok) {
      return false;
    }
    return this.#store.change(found.notes.uri, [{ kind: 'update', id: found.item.annotation.id, anchor: captured.anchor, updated: now() }],
      new Map([[found.item.annotation.id, { start: captured.start, end: captured.end }]]));
  }

  /** Moves an annotation (a detached one, or one under review) onto the words selected in the editor. */
  async reattach(target?: unknown): Promise<boolean> {
    let found = await this.#annotationById(target);
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty || !AnnotationStore.accepts(editor.document)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the words to attach the annotation to, then run Re-attach again.'));
      return false;
    }
    if (!found) {
      const notes = await this.#store.notes(editor.document.uri);
      const candidates = notes.live.filter((item) => item.state !== 'placed');
      const pick = await vscode.window.showQuickPick(candidates.map((item) => ({ label: shorten(item.annotation.anchor.text), description: stateLabel(item), item })), {
        title: vscode.l10n.t('Re-attach which annotation to the selection?'),
      });
      if (!pick) {
        return false;
      }
      found = { notes, item: pick.item };
    }
    if (found.notes.uri.toString() !== editor.document.uri.toString()) {
      return false;
    }
    const document = editor.document;
    const captured = (await this.#annotationText(document)).capture(document.offsetAt(editor.selection.start), document.offsetAt(editor.selection.end));
    if (!captured.ok) {
      void vscode.window.showWarningMessage(captureMessage(captured.problem));
      return false;
    }
    return this.#store.change(document.uri, [{ kind: 'update', id: found.item.annotation.id, anchor: captured.anchor, updated: now() }],
      new Map([[found.item.annotation.id, { start: captured.start, end: captured.end }]]));
  }

  async #annotationById(target: unknown): Promise<{ notes: TranscriptNotes; item: LiveAnnotation } | undefined> {
    if (!isTarget(target) || target.id === undefined) {
      return undefined;
    }
    const notes = await this.#store.notes(target.uri);
    const item = notes.live.find((each) => each.annotation.id === target.id);
    return item ? { notes, item } : undefined;
  }

  /** Next or previous annotation (or selected passage) after the cursor, wrapping around. */
  async step(direction: 1 | -1, selectedOnly: boolean): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      return false;
    }
    const notes = await this.#store.notes(editor.document.uri);
    const places = notes.live.filter((item) => item.state !== 'detached' && (!selectedOnly || item.annotation.status === 'selected'));
    if (places.length === 0) {
      void vscode.window.setStatusBarMessage(selectedOnly ? vscode.l10n.t('No selected passage in this transcript.') : vscode.l10n.t('No annotation in this transcript.'), 2500);
      return false;
    }
    const cursor = editor.document.offsetAt(editor.selection.active);
    const next = direction === 1
      ? places.find((item) => item.start > cursor) ?? places[0]
      : [...places].reverse().find((item) => item.start < cursor) ?? places[places.length - 1];
    if (!next) {
      return false;
    }
    const range = new vscode.Range(editor.document.positionAt(next.start), editor.document.positionAt(next.end));
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  async move(target: unknown, direction: -1 | 1): Promise<boolean> {
    const found = await this.#annotationById(target);
    if (!found) {
      return false;
    }
    const document = await vscode.workspace.openTextDocument(found.notes.uri);
    const model = await this.#modelOf(document);
    const pack = selectionPackage(found.notes, this.#cache.source(document), model, this.#state);
    const orders = reorder(pack.items, found.item.annotation.id, direction);
    if (!orders) {
      return false;
    }
    const changes: SidecarChange[] = [];
    for (const item of pack.items) {
      const order = orders.get(item.id);
      if (order !== undefined && order !== item.select.order) {
        changes.push({ kind: 'update', id: item.id, order });
      }
    }
    return this.#store.change(found.notes.uri, changes);
  }

  async setTarget(target?: unknown): Promise<void> {
    const uri = isTarget(target) ? target.uri : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      return;
    }
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Target length of the package'),
      prompt: vscode.l10n.t('m:ss or seconds (empty: the story\'s TRT)'),
      validateInput: (value) => (value.trim() === '' || parseDuration(value) !== null ? undefined : vscode.l10n.t('Write a length as m:ss (1:30) or seconds (90).')),
    });
    if (answer === undefined) {
      return;
    }
    await setTargetSeconds(this.#state, uri, answer.trim() === '' ? null : parseDuration(answer));
    this.#store.touch(uri);
  }

  /** The selects sheet of the active transcript (or the target's) in a new untitled document; returns its text. */
  async exportSelects(target?: unknown, formatArgument?: unknown): Promise<string | undefined> {
    const uri = isTarget(target) ? target.uri : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to export its selects.'));
      return undefined;
    }
    let format = sheetFormats.find((each) => each === formatArgument);
    if (format === undefined) {
      const labels: Record<SheetFormat, string> = {
        text: vscode.l10n.t('Text (in the quote style of Copy Quote)'), markdown: vscode.l10n.t('Markdown'), csv: vscode.l10n.t('CSV (spreadsheet)'), json: vscode.l10n.t('JSON'),
      };
      const pick = await vscode.window.showQuickPick(sheetFormats.map((each) => ({ label: labels[each], format: each })), { title: vscode.l10n.t('Export selects as') });
      if (!pick) {
        return undefined;
      }
      format = pick.format;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const model = await this.#modelOf(document);
    const text = this.#cache.text(document);
    const notes = await this.#store.notes(uri);
    const pack = selectionPackage(notes, text, model, this.#state);
    if (pack.items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing is marked selected in this transcript yet.'));
      return undefined;
    }
    const file = uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
    const ranges = new Map(notes.live.filter((each) => each.state !== 'detached').map((each) => [each.annotation.id, { start: each.start, end: each.end }]));
    const entries = sheetEntries(pack, ranges, model, text, file);
    const config = vscode.workspace.getConfiguration('shotlist.quotes');
    const styleName = config.get<string>('style') ?? 'wire';
    const templates = config.get<Record<string, unknown>>('templates') ?? {};
    const template = templates[styleName];
    const style: QuoteStyle | string = (builtInStyles as readonly string[]).includes(styleName) ? styleName : typeof template === 'string' ? { template } : styleName;
    const result = exportSheet(entries, format, style, { marks: config.get<string>('marks') === 'straight' ? 'straight' : 'curly' }, pack.targetSeconds);
    if (!result.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Quote style "{0}": {1}', styleName, result.error.message));
      return undefined;
    }
    const language = format === 'markdown' ? 'markdown' : format === 'json' ? 'json' : format === 'csv' ? 'csv' : 'plaintext';
    const sheet = await vscode.workspace.openTextDocument({ content: result.text, language });
    await vscode.window.showTextDocument(sheet, { preview: false });
    return result.text;
  }

  async reveal(target?: unknown): Promise<void> {
    if (!isTarget(target)) {
      return;
    }
    const document = await vscode.workspace.openTextDocument(target.uri);
    const notes = await this.#store.notes(target.uri);
    const item = notes.live.find((each) => each.annotation.id === target.id);
    const line = item && item.checked ? document.positionAt(item.start).line : Math.max(0, (item?.annotation.anchor.line ?? 1) - 1);
    const start = item && item.checked ? document.positionAt(item.start) : new vscode.Position(line, 0);
    const end = item && item.checked && item.state !== 'detached' ? document.positionAt(item.end) : start;
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, end), preserveFocus: false });
  }
}

/** The annotation whose words contain the passage (the innermost), or that the passage contains exactly. */
function covering(notes: TranscriptNotes, start: number, end: number): LiveAnnotation | undefined {
  let best: LiveAnnotation | undefined;
  for (const item of notes.live) {
    if (item.state !== 'detached' && item.start <= start && end <= item.end && (!best || item.end - item.start < best.end - best.start)) {
      best = item;
    }
  }
  return best;
}

export function shorten(text: string, max = 60): string {
  const flat = collapseWhitespace(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function stateLabel(item: LiveAnnotation): string {
  return item.state === 'detached' ? vscode.l10n.t('detached') : item.state === 'review' ? vscode.l10n.t('needs review') : item.checked ? '' : vscode.l10n.t('not checked yet');
}

function captureMessage(problem: string): string {
  switch (problem) {
    case 'empty-selection':
      return vscode.l10n.t('The selection holds no words to annotate.');
    case 'selection-too-long':
      return vscode.l10n.t('The selection is too long to annotate (at most 20,000 characters).');
    case 'text-too-large':
      return vscode.l10n.t('This file is too large to annotate.');
    default:
      return vscode.l10n.t('This passage cannot be annotated.');
  }
}

export { formatDuration };
