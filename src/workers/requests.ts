// What the core worker does, as plain data in and out: a file's bytes become its workspace-index
// entry, a knowledge file's text its entries and problems, an open document's text its model. Pure
// (core only, no transport), so that the Node worker (coreWorker.ts), a web worker and the tests share it.
//
// A large answer is sent in parts, each on request: the receiving thread pays for copying every message
// it gets, and one message holding the hundred thousand soundbites of a 16 MB archive would hold the
// extension host for longer than the 50 ms it may be busy at a time. Node also delivers queued messages
// in one go, so the worker sends the next part only when the host asks for it (CoreNext), and the host
// asks after a turn of its event loop. Parts of a few hundred entries cost it about a millisecond each.
import { loadKnowledgeBase } from '../core/kb/load';
import type { KbEntry, KbProblem } from '../core/kb/model';
import { diagnosticMessage } from '../core/messages/diagnostics';
import type { TranscriptDiagnostic, TranscriptDocument } from '../core/model';
import { parseTranscriptFile, type MarkdownNotice } from '../core/parse';
import { textOfCodeUnits } from '../core/text/chunkedText';
import { appendAll } from '../core/util/arrays';
import { indexText, type FileEntry, type SoundbiteEntry, type StoryEntry } from '../core/workspace/entries';

export type CoreRequest =
  | { readonly id: number; readonly kind: 'index'; readonly bytes: Uint8Array; readonly file: string; readonly detect: boolean }
  | { readonly id: number; readonly kind: 'knowledge'; readonly text: string; readonly origin: string }
  /**
   * An open document the host cannot read in short steps: Markdown (remark's parse, up to the guard's
   * budget, some 400 ms), or a long interview, article or story that does not split into stories (a
   * 10 MB interview is a parse of half a second or more). The text comes as the code units of the pieces
   * the host keeps (codeUnitsOf), their buffers transferred.
   */
  | { readonly id: number; readonly kind: 'parse'; readonly pieces: readonly Uint16Array[]; readonly name: string; readonly languageId: string | undefined }
  /** The host is ready for the next message of answer `id`. */
  | { readonly id: number; readonly kind: 'next' };

export type CoreWork = Exclude<CoreRequest, { readonly kind: 'next' }>;

/** Entries per message: small enough that copying one message stays around a millisecond. */
export const entriesPerPart = 250;

/** The lists of a document model, sent in parts: a 10 MB interview's model is some 40 MB of JSON. */
export const modelLists = ['headers', 'headings', 'sections', 'shots', 'soundbites', 'stories', 'turns', 'quotes', 'chrome', 'blocks', 'diagnostics'] as const;
export type ModelList = (typeof modelLists)[number];

/** Characters of JSON per part of a model's list: reading one back takes the host well under a millisecond. */
export const modelPartChars = 64 * 1024;

export type CoreMessage =
  /** Part of a FileEntry's lists, in order; the entry itself comes last. */
  | { readonly id: number; readonly kind: 'stories'; readonly stories: readonly StoryEntry[] }
  | { readonly id: number; readonly kind: 'soundbites'; readonly soundbites: readonly SoundbiteEntry[] }
  | { readonly id: number; readonly kind: 'entries'; readonly entries: readonly KbEntry[] }
  /** Part of one of the model's lists, in order, as JSON (its ranges and records are classes with toJSON). */
  | { readonly id: number; readonly kind: 'model-part'; readonly list: ModelList; readonly json: string }
  /** The answer: for 'index' the entry with empty lists (filled by the parts) or null when not a transcript. */
  | { readonly id: number; readonly kind: 'index-done'; readonly entry: FileEntry | null; readonly notices: readonly MarkdownNotice[] }
  | { readonly id: number; readonly kind: 'knowledge-done'; readonly problems: readonly KbProblem[] }
  /** The answer to 'parse': the model's fields other than its lists (those came in parts), as JSON. */
  | { readonly id: number; readonly kind: 'parse-done'; readonly json: string; readonly notices: readonly MarkdownNotice[] }
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
    } else if (request.kind === 'parse') {
      const notices: MarkdownNotice[] = [];
      const model = parseTranscriptFile(textOfCodeUnits(request.pieces), request.name, request.languageId, notices);
      answer = { id, kind: 'parse-done', json: modelInParts(id, model, messages), notices };
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

/**
 * Adds the model's lists to `into` as parts of about modelPartChars characters of JSON each, and
 * returns the rest of the model as JSON. Each list is read through its getter (an archive's model
 * gathers its lists when first read), so the parts hold what any reader of the model would see.
 */
function modelInParts(id: number, model: TranscriptDocument, into: CoreMessage[]): string {
  for (const list of modelLists) {
    let items: string[] = [];
    let chars = 0;
    const send = (): void => {
      into.push({ id, kind: 'model-part', list, json: `[${items.join(',')}]` });
      items = [];
      chars = 0;
    };
    for (const item of model[list] as readonly unknown[]) {
      const json = JSON.stringify(item);
      items.push(json);
      chars += json.length + 1;
      if (chars >= modelPartChars) {
        send();
      }
    }
    if (items.length > 0) {
      send();
    }
  }
  // `header` and `story` are the first of their lists: set again from them on reassembly, not sent twice.
  const { format, lineCount, length, title, interviewee } = model;
  return JSON.stringify({ format, lineCount, length, title, interviewee });
}

/** Whether a message ends its answer (the host asks for no more after it). */
export function isFinalMessage(message: CoreMessage): boolean {
  return message.kind === 'index-done' || message.kind === 'knowledge-done' || message.kind === 'parse-done' || message.kind === 'failed';
}

/** The parts of one answer, gathered as they arrive. */
export class CoreAnswerAssembly {
  readonly #stories: StoryEntry[] = [];
  readonly #soundbites: SoundbiteEntry[] = [];
  readonly #entries: KbEntry[] = [];
  readonly #lists = new Map<ModelList, unknown[]>();

  /** Takes one message; returns the finished answer when it is the last one. */
  add(message: CoreMessage): { readonly entry: FileEntry | null; readonly notices: readonly MarkdownNotice[] } | { readonly entries: readonly KbEntry[]; readonly problems: readonly KbProblem[] }
    | { readonly model: TranscriptDocument; readonly notices: readonly MarkdownNotice[] } | { readonly error: string } | undefined {
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
      case 'model-part': {
        // Read back as it arrives: one part per turn of the host's event loop, not 40 MB in one call.
        let items = this.#lists.get(message.list);
        if (!items) {
          items = [];
          this.#lists.set(message.list, items);
        }
        const part = JSON.parse(message.json) as unknown[];
        // The worker wrote its messages in English: they are written again in this thread's language.
        appendAll(items, message.list !== 'diagnostics' ? part : (part as TranscriptDiagnostic[]).map((diagnostic) =>
          ({ ...diagnostic, message: diagnosticMessage(diagnostic.code, diagnostic.data) })));
        return undefined;
      }
      case 'parse-done': {
        const model = JSON.parse(message.json) as Record<string, unknown>;
        for (const list of modelLists) {
          model[list] = this.#lists.get(list) ?? [];
        }
        model['header'] = (model['headers'] as unknown[])[0] ?? null;
        model['story'] = (model['stories'] as unknown[])[0] ?? null;
        return { model: model as unknown as TranscriptDocument, notices: message.notices };
      }
      case 'failed':
        return { error: message.error };
    }
  }
}
