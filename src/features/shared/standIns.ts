// TEMPORARY: stand-ins for core generators being written on other branches (slice-parse, slice-outline).
import type { TranscriptDocument } from '../../core/model';
import { parseTranscriptFile, type MarkdownNotice } from '../../core/parse';
import type { TimeSlicer } from '../../core/workspace/timeSlicer';
import { buildOutline, type OutlineOptions, type OutlineSymbol } from '../../core/outline/symbols';

export function* parseTranscriptFileSteps(text: string, name: string, languageId?: string, notices?: MarkdownNotice[]): Generator<void, TranscriptDocument, void> {
  yield;
  return parseTranscriptFile(text, name, languageId, notices);
}

export async function runSteps<T>(steps: Generator<void, T, void>, slicer: TimeSlicer, isCancelled: () => boolean = () => false): Promise<T | undefined> {
  for (;;) {
    await slicer.checkpoint();
    if (isCancelled()) {
      return undefined;
    }
    const step = steps.next();
    if (step.done) {
      return step.value;
    }
  }
}

export function* prepareSteps(model: TranscriptDocument): Generator<void, void, void> {
  yield;
  void model.headers.length;
}

export function* buildOutlineSteps(document: TranscriptDocument, options: OutlineOptions): Generator<void, readonly OutlineSymbol[], void> {
  yield;
  return buildOutline(document, options);
}
