// The line-oriented reader of every format: classifies the lines, detects whether the text is a shot
// list, an interview or prose, and builds the document. parse/index.ts is the entry point that
// callers use; this module is its own so that the Markdown reader can fall back on it.
import type { TranscriptDocument, TranscriptFormat } from '../model';
import { LineClass } from './classify';
import { ParseContext } from './context';
import { headerBlockEnd } from './header';
import { spokenDocument } from './prose';
import { buildShotlist } from './shotlist';
import { numberSegments, placeSegments, shotlistFromSegments } from './store/segments';

export interface ParseOptions {
  /** Skip format detection and read the text as this format. */
  readonly format?: TranscriptFormat;
}

/** Parses any transcript. Problems become diagnostics; the function itself never throws. */
export function parseTranscript(text: string, options: ParseOptions = {}): TranscriptDocument {
  const context = new ParseContext(text);
  const format = options.format ?? detectShotlist(context);
  return format === 'shotlist' ? shotlistDocument(context) : spokenDocument(context, format ?? undefined);
}

/** `shotlist` when the text has a header block, a soundbite, or numbered shots under a section line. */
export function detectShotlist(context: ParseContext): 'shotlist' | null {
  let shots = 0;
  let sections = 0;
  for (let line = 0; line < context.lineCount; line++) {
    const lineClass = context.classes[line];
    if (lineClass === LineClass.Soundbite) {
      return 'shotlist';
    }
    if (lineClass === LineClass.Field && (line === 0 || context.classes[line - 1] !== LineClass.Field) &&
      headerBlockEnd(context, line, true) >= 0) {
      return 'shotlist';
    }
    if (lineClass === LineClass.Shot) {
      shots++;
    } else if (lineClass === LineClass.FileSection || lineClass === LineClass.RecentSection) {
      sections++;
    }
  }
  return shots >= 2 && sections >= 1 ? 'shotlist' : null;
}

function shotlistDocument(context: ParseContext): TranscriptDocument {
  const parts = buildShotlist(context);
  context.sortDiagnostics();
  const segments = placeSegments(context, parts, 0, 0);
  numberSegments(segments);
  // A flattened shot list's parse is cut finer than the document's lines: an edit parses it afresh.
  return shotlistFromSegments(segments, context.documentLineCount, context.table.text.length, !context.table.isCut);
}
