// Find All References (Shift+F12) on a knowledge-base mention: every mention of the same entity in the
// workspace's transcripts. The list of transcripts is the workspace index's (so it honours the same
// file rules and exclusions); open documents give their live text, other files are read with
// workspace.fs a few at a time, and the matching runs in slices between turns of the event loop
// (core/timeSlicer.ts), within a long file too, so neither a large workspace nor a 50 MB archive holds
// the extension host. Cancelling stops the search.
import * as vscode from 'vscode';
import { appendAll } from '../core/util/arrays';
import type { Mention } from '../core/kb/match';
import { findMentionsSteps, locateMentionsSteps, mentionAt, mentionsOf } from '../core/kb/mentions';
import { runSteps, TimeSlicer } from '../core/workspace/timeSlicer';
import { isLargeDocument } from './shared/documentCache';
import { knowledgeSelector, type Knowledge } from './shared/knowledge';
import type { WorkspaceIndex } from './shared/workspaceIndex';

/** Files read at the same time. */
const readConcurrency = 8;

class KnowledgeReferences implements vscode.ReferenceProvider {
  readonly #knowledge: Knowledge;
  readonly #index: WorkspaceIndex;
  readonly #decoder = new TextDecoder('utf-8');

  constructor(knowledge: Knowledge, index: WorkspaceIndex) {
    this.#knowledge = knowledge;
    this.#index = index;
  }

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    // A large document is matched on the asked line first, as a hover does, then whole in slices.
    const near = isLargeDocument(document) ? this.#knowledge.mentionsOnLine(document, position.line) : this.#knowledge.mentions(document);
    const mention = mentionAt(near, document.offsetAt(position));
    if (!mention) {
      return undefined;
    }
    const id = mention.id;
    // The document asked about comes first and counts even when it is not a transcript the index keeps.
    const locations = await this.#inDocument(document, id);
    if (!locations) {
      return undefined; // changed while it was read: no list from an old version
    }
    await this.#index.whenReady(token);
    const open = new Map(vscode.workspace.textDocuments.map((doc) => [doc.uri.toString(), doc]));
    const others = [...this.#index.files()].map((file) => file.uri).filter((uri) => uri.toString() !== document.uri.toString());
    const slicer = new TimeSlicer();
    const queue: Array<Promise<Uint8Array | null>> = [];
    let next = 0;
    for (const uri of others) {
      if (token.isCancellationRequested) {
        return undefined;
      }
      // A few reads of the files to come stay in flight; the queue's head is always this file's.
      while (queue.length < readConcurrency && next < others.length) {
        const ahead = others[next++] as vscode.Uri;
        queue.push(open.has(ahead.toString()) ? Promise.resolve(null) : this.#read(ahead));
      }
      const pending = queue.shift() as Promise<Uint8Array | null>;
      const openDocument = open.get(uri.toString());
      if (openDocument && !openDocument.isClosed) {
        appendAll(locations, (await this.#inDocument(openDocument, id)) ?? []);
      } else {
        const bytes = await slicer.wait(openDocument ? this.#read(uri) : pending);
        if (bytes !== null) {
          // The knowledge may have been reloaded while reading: always match with the current one.
          // Matched and placed in slices: a file of the index can be tens of megabytes.
          const text = this.#decoder.decode(bytes);
          const all = await runSteps(findMentionsSteps((await this.#knowledge.prepared()).matcher, text), slicer, () => token.isCancellationRequested);
          const placed = all && await runSteps(locateMentionsSteps(text, mentionsOf(all, id)), slicer, () => token.isCancellationRequested);
          for (const at of placed ?? []) {
            locations.push(new vscode.Location(uri, new vscode.Range(at.startLine, at.startCharacter, at.endLine, at.endCharacter)));
          }
        }
      }
      await slicer.checkpoint();
    }
    slicer.finish();
    return token.isCancellationRequested ? undefined : locations;
  }

  /** The entity's mentions in an open document (a large one read in slices); undefined when it changed first. */
  async #inDocument(document: vscode.TextDocument, id: string): Promise<vscode.Location[] | undefined> {
    const mentions = await this.#knowledge.mentionsInSlices(document);
    return mentions && mentionsOf(mentions, id).map(
      (m: Mention) => new vscode.Location(document.uri, new vscode.Range(document.positionAt(m.start), document.positionAt(m.end))),
    );
  }

  async #read(uri: vscode.Uri): Promise<Uint8Array | null> {
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch {
      return null; // deleted since the index saw it, or unreadable: no mentions from it
    }
  }
}

/** Shift+F12 on a mention lists the entity's mentions across the workspace's transcripts. */
export function registerKnowledgeReferences(knowledge: Knowledge, index: WorkspaceIndex): vscode.Disposable {
  return vscode.languages.registerReferenceProvider(knowledgeSelector, new KnowledgeReferences(knowledge, index));
}
