// Annotations against one version of a transcript: capturing an anchor for a passage (with the block
// and soundbite it is in) and finding every stored anchor again by its content. One AnnotationText
// per document version; the extension, the CLI and the tests all place annotations through it.
import type { TranscriptDocument } from '../model';
import { captureAnchor, prepareText, resolveAnchor, type Anchor, type LineLocator, type BlockSpan, type CaptureResult, type Placement, type PreparedText, type Resolution } from './anchor';
import { blockSpans, searchScopes } from './scopes';
import { firstWhere } from '../text/search';

export class AnnotationText {
  readonly text: string;
  readonly document: TranscriptDocument;
  readonly #prepared: PreparedText;
  #blocks: BlockSpan[] | null = null;

  /** `lines`: the text's lines as the editor knows them, so that a long text is not scanned for them. */
  constructor(text: string, document: TranscriptDocument, lines?: LineLocator) {
    this.text = text;
    this.document = document;
    this.#prepared = prepareText(text, lines);
  }

  get blocks(): readonly BlockSpan[] {
    this.#blocks ??= blockSpans(this.document);
    return this.#blocks;
  }

  /** The block holding an offset (blocks never overlap), or null. */
  blockAt(offset: number): BlockSpan | null {
    const blocks = this.blocks;
    const block = blocks[firstWhere(blocks.length, (index) => (blocks[index] as BlockSpan).start > offset) - 1];
    return block !== undefined && offset < block.end ? block : null;
  }

  /** An anchor for the words from start to end, with the block and soundbite they are in as hints. */
  capture(start: number, end: number): CaptureResult {
    const block = this.blockAt(start);
    return captureAnchor(this.text, start, end, { block: block?.kind ?? 'other', soundbite: block?.soundbite ?? null });
  }

  /** Finds stored words again: in their soundbite or story first, then the archive's story, then everywhere. */
  resolve(anchor: Anchor, hintOffset?: number): Resolution {
    const hint = hintOffset ?? this.#prepared.lineStart(anchor.line);
    return resolveAnchor(anchor, this.#prepared, searchScopes(this.document, anchor, hint), {
      blocks: this.blocks,
      ...(hintOffset !== undefined ? { hintOffset } : {}),
    });
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    return this.#prepared.lineOf(offset);
  }
}

/** The words of the soundbite (its quote) or interview turn (its text after the label) holding an offset. */
export function passageAt(document: TranscriptDocument, offset: number): { start: number; end: number; kind: 'soundbite' | 'turn' } | null {
  const soundbites = document.soundbites;
  const soundbite = soundbites[firstWhere(soundbites.length, (index) => (soundbites[index] as (typeof soundbites)[number]).range.start.offset > offset) - 1];
  if (soundbite !== undefined && offset <= soundbite.range.end.offset) {
    const words = soundbite.quote?.innerRange ?? soundbite.range;
    if (words.end.offset > words.start.offset) {
      return { start: words.start.offset, end: words.end.offset, kind: 'soundbite' };
    }
  }
  const turns = document.turns;
  const turn = turns[firstWhere(turns.length, (index) => (turns[index] as (typeof turns)[number]).range.start.offset > offset) - 1];
  if (turn !== undefined && offset <= turn.range.end.offset && turn.textRange.end.offset > turn.textRange.start.offset) {
    return { start: turn.textRange.start.offset, end: turn.textRange.end.offset, kind: 'turn' };
  }
  return null;
}

/**
 * How a resolution is shown. A fuzzy match (the words themselves changed a little) is shown as "needs
 * review" even when the matcher is confident: the editor marked other words, and says whether these
 * still qualify (Accept here). Only the same words, moved or not, are placed without a flag.
 */
export function placementOf(resolution: Resolution): Placement {
  return resolution.placement === 'auto' && resolution.status === 'fuzzy' ? 'review' : resolution.placement;
}
