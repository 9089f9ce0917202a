// What the core worker does, as plain data in and out: a file's bytes become its workspace-index
// entry, a knowledge file's text its entries and problems. Pure (core only, no transport), so that the
// Node worker (coreWorker.ts), a web worker and the tests share it.
//
// A large answer is sent in parts, each on request: the receiving thread pays for copying every message
// it gets, and one message holding the hundred thousand soundbites of a 16 MB archive would hold the
// extension host for longer than the 50 ms it may be busy at a time. Node also delivers queued messages
// in one go, so the worker sends the next part only when the host asks for it (CoreNext), and the host
// asks after a turn of its event loop. Parts of a few hundred entries cost it about a millisecond each.
import { loadKnowledgeBase } from '../core/kb/load';
import type { KbEntry, KbProblem } from '../core/kb/model';
import { parseTranscriptFile, type MarkdownNotice } from '../core/parse';
import { indexText, type FileEntry, type SoundbiteEntry, type StoryEntry } from '../core/workspace/entries';

export type CoreRequest =
  | { readonly id: number; readonly kind: 'index'; readonly bytes: Uint8Array; readonly file: string; readonly detect: boolean }
  | { readonly id: number; readonly kind: 'knowledge'; readonly text: string; readonly origin: string }
  /** An open Markdown document: remark's parse (up to the guard's budget, some 400 ms) off the host. */
  | { readonly id: number; readonly kind: 'markdown'; readonly text: string; readonly name: string }
  /** The host is ready for the next message of answer `id`. */
  | { readonly id: number; readonly kind: 'next' };

export type CoreWork = Exclude<CoreRequest, { readonly kind: 'next' }>;

/** Entries per message: small enough that copying one message stays around a millisecond. */
export const entriesPerPart = 250;

export type CoreMessage =
  /** Part of a FileEntry's lists, in order; the entry itself comes last. */
  | { readonly id: number; readonly kind: 'stories'; readonly stories: readonly StoryEntry[] }
  | { readonly id: number; readonly kind: 'soundbites'; readonly soundbites: readonly SoundbiteEntry[] }
  | { readonly id: number; readonly kind: 'entries'; readonly entries: readonly KbEntry[] }
  /** The answer: for 'index' the entry with empty lists (filled by the parts) or null when not a transcript. */
  | { readonly id: number; readonly kind: 'index-done'; readonly entry: FileEntry | null; readonly notices: readonly MarkdownNotice[] }
  | { readonly id: number; readonly kind: 'knowledge-done'; readonly problems: readonly KbProblem[] }
  /**
   * The Markdown document as JSON (its ranges are class instances with toJSON; the host reads the plain
   * data back), or null when the guard found it too costly for remark: the host reads it line by line.
   */
  | { readonly id: number; readonly kind: 'markdown-done'; readonly json: string | null; readonly notices: readonly MarkdownNotice[] }
  | { readonly id: number; readonly kind: 'failed'; readonly error: string };

const decoder = new TextDecoder('utf-8');

function inParts<T>(items: readonly T[], part: (items: readonly T[]) => CoreMessage, into: CoreMessage[]): void {
  for (let start = 0; start < items.length; start += entriesPerPart) {
    into.push(part(items.slice(start, start + entriesPerPart)));
  }
}

/** The messages that answer one request, parts first and the answer last; never throws (a failure is an answer too). */
export function answerCoreRequest(request: CoreWork): CoreMessage[] {
  const id = request.id;
  const messages: CoreMessage[] = [];
  let answer: CoreMessage;
  try {
    if (request.kind === 'index') {
      const notices: MarkdownNotice[] = [];
      const entry = indexText(decoder.decode(request.bytes), request.file, { detect: request.detect, notices });
      if (entry) {
        inParts(entry.stories, (stories) => ({ id, kind: 'stories', stories }), messages);
        inParts(entry.soundbites, (soundbites) => ({ id, kind: 'soundbites', soundbites }), messages);
      }
      answer = { id, kind: 'index-done', entry: entry && { ...entry, stories: [], soundbites: [] }, notices };
    } else if (request.kind === 'markdown') {
      const notices: MarkdownNotice[] = [];
      const model = parseTranscriptFile(request.text, request.name, 'markdown', notices);
      const refused = notices.some((notice) => notice.code === 'markdown-too-costly');
      answer = { id, kind: 'markdown-done', json: refused ? null : JSON.stringify(model), notices };
    } else {
      const knowledge = loadKnowledgeBase(request.text, request.origin);
      inParts(knowledge.entries, (entries) => ({ id, kind: 'entries', entries }), messages);
      answer = { id, kind: 'knowledge-done', problems: knowledge.problems };
    }
  } catch (error) {
    answer = { id, kind: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  messages.push(answer);
  return messages;
}

/** Whether a message ends its answer (the host asks for no more after it). */
export function isFinalMessage(message: CoreMessage): boolean {
  return message.kind === 'index-done' || message.kind === 'knowledge-done' || message.kind === 'markdown-done' || message.kind === 'failed';
}

/** The parts of one answer, gathered as they arrive. */
export class CoreAnswerAssembly {
  readonly #stories: StoryEntry[] = [];
  readonly #soundbites: SoundbiteEntry[] = [];
  readonly #entries: KbEntry[] = [];

  /** Takes one message; returns the finished answer when it is the last one. */
  add(message: CoreMessage): { readonly entry: FileEntry | null; readonly notices: readonly MarkdownNotice[] } | { readonly entries: readonly KbEntry[]; readonly problems: readonly KbProblem[] }
    | { readonly json: string | null; readonly notices: readonly MarkdownNotice[] } | { readonly error: string } | undefined {
    switch (message.kind) {
      case 'stories':
        message.stories.forEach((story) => this.#stories.push(story));
        return undefined;
      case 'soundbites':
        message.soundbites.forEach((soundbite) => this.#soundbites.push(soundbite));
        return undefined;
      case 'entries':
        message.entries.forEach((entry) => this.#entries.push(entry));
        return undefined;
      case 'index-done':
        return { entry: message.entry && { ...message.entry, stories: this.#stories, soundbites: this.#soundbites }, notices: message.notices };
      case 'knowledge-done':
        return { entries: this.#entries, problems: message.problems };
      case 'markdown-done':
        return { json: message.json, notices: message.notices };
      case 'failed':
        return { error: message.error };
    }
  }
}
