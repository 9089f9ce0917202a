// One place that decides which parser reads a transcript: Markdown files through unified +
// remark-parse, everything else through the line-oriented parser. The CLI, the editor's cache,
// the workspace index and the quote export all call this, so they never disagree about a file.
import { isMarkdownPath, parseMarkdownTranscript } from './markdownTranscript';
import type { TranscriptDocument } from './model';
import { parseTranscript, reparseTranscript, type TextEdit } from './parse';

/**
 * remark-parse needs seconds for a few megabytes of Markdown; beyond this many characters the
 * line-oriented parser reads the file instead, so no single file can stall the editor.
 */
export const markdownSizeLimit = 512 * 1024;

/** Parses `text` as the transcript in file `name` (a path or a URI path); `languageId` wins when given. */
export function parseTranscriptFile(text: string, name: string, languageId?: string): TranscriptDocument {
  const markdown = languageId === 'markdown' || isMarkdownPath(name);
  return markdown && text.length <= markdownSizeLimit ? parseMarkdownTranscript(text) : parseTranscript(text);
}

/**
 * The document after an edit of the text `previous` was parsed from. The line-oriented parser then
 * re-reads only the stories the edit touched (see reparseTranscript); `previous` must not be used
 * afterwards.
 */
export function reparseTranscriptFile(previous: TranscriptDocument, text: string, edit: TextEdit, name: string, languageId?: string): TranscriptDocument {
  const markdown = languageId === 'markdown' || isMarkdownPath(name);
  return markdown && text.length <= markdownSizeLimit ? parseMarkdownTranscript(text) : reparseTranscript(previous, text, edit);
}
