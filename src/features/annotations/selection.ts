// The selection package of a transcript (src/core/annotations/selects.ts) from the store's annotations
// and the editor's target length, shared by the status bar, the Annotations view and the export.
import * as vscode from 'vscode';
import { buildPackage, type PlacedSelect, type SelectionPackage } from '../../core/annotations/selects';
import type { TranscriptDocument } from '../../core/model';
import type { TextSource } from '../../core/text/chunkedText';
import type { TranscriptNotes } from './store';

const targetKey = (uri: vscode.Uri): string => `shotlist.selection.target:${uri.toString()}`;

export function targetSeconds(state: vscode.Memento, uri: vscode.Uri): number | null {
  const value = state.get<unknown>(targetKey(uri));
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

export async function setTargetSeconds(state: vscode.Memento, uri: vscode.Uri, seconds: number | null): Promise<void> {
  await state.update(targetKey(uri), seconds ?? undefined);
}

/**
 * The words of each annotation as they read now (open document) or as stored. Only the annotations'
 * words are read from `text`: a large document's pieces (TranscriptCache.source) are never joined.
 */
export function placedSelects(notes: TranscriptNotes, text: TextSource | null): PlacedSelect[] {
  return notes.live.map((item) => ({
    id: item.annotation.id,
    status: item.annotation.status,
    order: item.annotation.order,
    start: item.state === 'detached' ? null : item.start,
    words: text !== null && item.checked && item.state !== 'detached' ? text.slice(item.start, item.end) : item.annotation.anchor.text,
    note: item.annotation.note,
    tags: item.annotation.tags,
    needsReview: item.state === 'review' || !item.checked,
  }));
}

export function selectionPackage(notes: TranscriptNotes, text: TextSource | null, model: TranscriptDocument | null, state: vscode.Memento): SelectionPackage {
  const trt = model?.headers.find((header) => header.trtSeconds !== null)?.trtSeconds ?? null;
  return buildPackage(placedSelects(notes, text), trt, targetSeconds(state, notes.uri));
}
