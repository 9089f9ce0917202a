// TEMPORARY: stand-ins for core generators being written on another branch (slice-parse).
import type { TranscriptDocument } from '../../core/model';
import { storyGroupSteps } from '../../core/outline/storyGroups';
import { parseTranscriptFile, type MarkdownNotice } from '../../core/parse';
import type { Steps } from '../../core/util/steps';

export function* parseTranscriptFileSteps(text: string, name: string, languageId?: string, notices?: MarkdownNotice[]): Steps<TranscriptDocument> {
  yield;
  return parseTranscriptFile(text, name, languageId, notices);
}

export function* prepareSteps(model: TranscriptDocument): Steps<void> {
  yield;
  void model.headers.length;
  yield* storyGroupSteps(model);
}
