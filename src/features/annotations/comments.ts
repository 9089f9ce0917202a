// Notes through the Comments API: each annotation with a note is a comment thread on its words (so the
// Comments panel lists every note of the open transcripts), and any line of a transcript can get a new
// note from the gutter's "+" or the Add Note command. The note is Markdown, shown untrusted; editing and
// deleting happen in the thread. The sidecar stays the only store: threads are redrawn from it.
import * as vscode from 'vscode';
import { passageAt } from '../../core/annotations/placement';
import type { TranscriptCache } from '../shared/documentCache';
import { randomId } from './ids';
import { AnnotationStore, openAnnotationText, type LiveAnnotation } from './store';
import { statusLabel } from './decorations';

export const noteCommands = {
  addNote: 'shotlist.annotations.addNote',
  createNote: 'shotlist.annotations.createNote',
  editNote: 'shotlist.annotations.editNote',
  saveNote: 'shotlist.annotations.saveNote',
  cancelNote: 'shotlist.annotations.cancelNote',
  deleteNote: 'shotlist.annotations.deleteNote',
} as const;

export const notesControllerId = 'shotlist-notes';

class NoteComment implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation;
  readonly contextValue = 'note';
  label: string | undefined;
  savedBody: string;

  constructor(readonly uri: vscode.Uri, readonly id: string, note: string, label: string) {
    this.body = new vscode.MarkdownString(note);
    this.savedBody = note;
    this.author = { name: vscode.l10n.t('Note') };
    this.label = label;
  }
}

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z');

export function registerNotes(store: AnnotationStore, cache: TranscriptCache): vscode.Disposable {
  const controller = vscode.comments.createCommentController(notesControllerId, vscode.l10n.t('Shotlist notes'));
  controller.options = { prompt: vscode.l10n.t('Note for this passage (Markdown)…'), placeHolder: vscode.l10n.t('Write a note for the producer') };
  controller.commentingRangeProvider = {
    provideCommentingRanges: (document) => (AnnotationStore.accepts(document) && document.lineCount > 0 ? [new vscode.Range(0, 0, document.lineCount - 1, 0)] : []),
  };
  /** Threads drawn from the sidecar, by transcript, by annotation id. */
  const threads = new Map<string, Map<string, vscode.CommentThread>>();
  /** New threads opened by Add Note, with the passage they are for. */
  const pending = new Map<vscode.CommentThread, { uri: vscode.Uri; start: number; end: number }>();

  const label = (item: LiveAnnotation): string =>
    [item.annotation.status ? statusLabel(item.annotation.status) : null, ...item.annotation.tags.map((tag) => `#${tag}`)].filter((part) => part !== null).join(' ');

  const sync = (uri: vscode.Uri): void => {
    const document = vscode.workspace.textDocuments.find((each) => each.uri.toString() === uri.toString());
    const notes = store.known(uri);
    const mine = threads.get(uri.toString()) ?? new Map<string, vscode.CommentThread>();
    threads.set(uri.toString(), mine);
    const keep = new Set<string>();
    for (const item of document ? notes?.live ?? [] : []) {
      const note = item.annotation.note;
      if (note === null || item.state === 'detached' || !item.checked || !document) {
        continue;
      }
      keep.add(item.annotation.id);
      const range = new vscode.Range(document.positionAt(item.start), document.positionAt(item.end));
      const existing = mine.get(item.annotation.id);
      if (existing) {
        existing.range = range;
        const comment = existing.comments[0];
        if (comment instanceof NoteComment && comment.mode === vscode.CommentMode.Preview && comment.savedBody !== note) {
          existing.comments = [new NoteComment(uri, item.annotation.id, note, label(item))];
        } else if (comment instanceof NoteComment && comment.label !== label(item)) {
          comment.label = label(item);
          existing.comments = [comment];
        }
        continue;
      }
      const thread = controller.createCommentThread(uri, range, [new NoteComment(uri, item.annotation.id, note, label(item))]);
      thread.canReply = false;
      thread.label = vscode.l10n.t('Note');
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
      thread.contextValue = 'note';
      mine.set(item.annotation.id, thread);
    }
    for (const [id, thread] of mine) {
      if (!keep.has(id)) {
        thread.dispose();
        mine.delete(id);
      }
    }
  };

  /** Sets an annotation's note (adding an annotation for the passage when there is none). */
  const writeNote = async (uri: vscode.Uri, start: number, end: number, note: string | null): Promise<void> => {
    const notes = await store.notes(uri);
    const existing = notes.live.find((item) => item.state !== 'detached' && item.start <= start && end <= item.end);
    if (existing) {
      const empty = note === null && existing.annotation.status === null && existing.annotation.tags.length === 0;
      await store.change(uri, [empty ? { kind: 'delete', id: existing.annotation.id, confirmedByUser: true } : { kind: 'update', id: existing.annotation.id, note, updated: now() }]);
      return;
    }
    if (note === null) {
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const model = (await cache.model(document)) ?? cache.get(document);
    const captured = openAnnotationText(cache, document, model).capture(start, end);
    if (!captured.ok) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This passage cannot be annotated.'));
      return;
    }
    const id = randomId();
    await store.change(uri, [{ kind: 'add', annotation: { id, anchor: captured.anchor, note, created: now(), updated: now() } }], new Map([[id, { start: captured.start, end: captured.end }]]));
  };

  /** The passage a new thread is for: the one Add Note opened it on, else the annotation, soundbite or line where it sits. */
  const passageOf = (thread: vscode.CommentThread, document: vscode.TextDocument): { start: number; end: number } => {
    const opened = pending.get(thread);
    if (opened) {
      return opened;
    }
    const lineStart = document.offsetAt(new vscode.Position(thread.range?.start.line ?? 0, 0));
    const line = document.lineAt(thread.range?.start.line ?? 0);
    const notes = store.known(document.uri);
    const lineEnd = document.offsetAt(line.range.end);
    const annotated = notes?.live.find((item) => item.state !== 'detached' && item.start <= lineEnd && item.end >= lineStart);
    if (annotated) {
      return { start: annotated.start, end: annotated.end };
    }
    // A large document still being read: the line itself, rather than waiting here.
    const model = cache.peek(document);
    const passage = model ? passageAt(model, lineStart + line.firstNonWhitespaceCharacterIndex) : null;
    return passage ?? { start: lineStart + line.firstNonWhitespaceCharacterIndex, end: lineEnd };
  };

  const subscriptions: vscode.Disposable[] = [
    controller,
    store.onDidChange(sync),
    vscode.workspace.onDidOpenTextDocument((document) => sync(document.uri)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      for (const thread of threads.get(document.uri.toString())?.values() ?? []) {
        thread.dispose();
      }
      threads.delete(document.uri.toString());
    }),
    vscode.commands.registerCommand(noteCommands.addNote, async (target?: { uri: vscode.Uri; start?: number; end?: number; id?: string }) => {
      const editor = vscode.window.activeTextEditor;
      const uri = target?.uri ?? editor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript to annotate it.'));
        return;
      }
      const document = await vscode.workspace.openTextDocument(uri);
      let start: number;
      let end: number;
      const notes = await store.notes(uri);
      const byId = target?.id !== undefined ? notes.live.find((item) => item.annotation.id === target.id) : undefined;
      if (byId) {
        ({ start, end } = byId);
      } else if (target?.start !== undefined && target.end !== undefined) {
        ({ start, end } = target as { start: number; end: number });
      } else if (editor && !editor.selection.isEmpty) {
        start = document.offsetAt(editor.selection.start);
        end = document.offsetAt(editor.selection.end);
      } else {
        const cursor = editor ? document.offsetAt(editor.selection.active) : 0;
        const at = notes.live.find((item) => item.state !== 'detached' && item.start <= cursor && cursor <= item.end);
        const passage = at ?? passageAt((await cache.modelShowingProgress(document)) ?? cache.get(document), cursor);
        if (!passage) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Select the words to annotate, or put the cursor in a soundbite or an interview answer.'));
          return;
        }
        ({ start, end } = passage);
      }
      const existing = threads.get(uri.toString())?.get(notes.live.find((item) => item.start <= start && end <= item.end && item.annotation.note !== null)?.annotation.id ?? '');
      if (existing) {
        existing.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
        const comment = existing.comments[0];
        if (comment instanceof NoteComment) {
          comment.mode = vscode.CommentMode.Editing;
          existing.comments = [comment];
        }
        return;
      }
      const thread = controller.createCommentThread(uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), []);
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      pending.set(thread, { uri, start, end });
    }),
    vscode.commands.registerCommand(noteCommands.createNote, async (reply: vscode.CommentReply) => {
      const thread = reply.thread;
      const document = await vscode.workspace.openTextDocument(thread.uri);
      const { start, end } = passageOf(thread, document);
      pending.delete(thread);
      thread.dispose();
      if (reply.text.trim() !== '') {
        await writeNote(thread.uri, start, end, reply.text);
      }
    }),
    vscode.commands.registerCommand(noteCommands.editNote, (comment: NoteComment) => {
      const thread = threads.get(comment.uri.toString())?.get(comment.id);
      if (thread) {
        comment.mode = vscode.CommentMode.Editing;
        comment.body = comment.savedBody;
        thread.comments = [comment];
      }
    }),
    vscode.commands.registerCommand(noteCommands.cancelNote, (comment: NoteComment) => {
      const thread = threads.get(comment.uri.toString())?.get(comment.id);
      if (thread) {
        comment.mode = vscode.CommentMode.Preview;
        comment.body = new vscode.MarkdownString(comment.savedBody);
        thread.comments = [comment];
      }
    }),
    vscode.commands.registerCommand(noteCommands.saveNote, async (comment: NoteComment) => {
      const text = typeof comment.body === 'string' ? comment.body : comment.body.value;
      const notes = await store.notes(comment.uri);
      const item = notes.live.find((each) => each.annotation.id === comment.id);
      comment.mode = vscode.CommentMode.Preview;
      if (item) {
        await writeNote(comment.uri, item.start, item.end, text.trim() === '' ? null : text);
      }
    }),
    vscode.commands.registerCommand(noteCommands.deleteNote, async (comment: NoteComment) => {
      const notes = await store.notes(comment.uri);
      const item = notes.live.find((each) => each.annotation.id === comment.id);
      if (item) {
        await writeNote(comment.uri, item.start, item.end, null);
      }
    }),
  ];
  for (const document of vscode.workspace.textDocuments) {
    sync(document.uri);
  }
  return new vscode.Disposable(() => {
    for (const subscription of subscriptions) {
      subscription.dispose();
    }
    for (const thread of pending.keys()) {
      thread.dispose();
    }
  });
}
