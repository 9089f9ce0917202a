// The CLI's public JSON shape (documented in README.md): stable field names, 1-based lines.
import type { TranscriptDocument } from '../core/model';

export interface ContractJson {
  file: string;
  format: TranscriptDocument['format'];
  title: string | null;
  header: { field: string; value: string; line: number }[];
  trtSeconds: number | null;
  sections: { kind: string; text: string; line: number }[];
  shots: { number: number | null; line: number; soundbite: boolean; text: string }[];
  soundbites: {
    number: number | null; line: number; language: string | null; speaker: string | null; title: string | null;
    quote: string | null; quoteLines: [number, number] | null;
    /** Present only when the speaker line's reading is a guess. */
    attribution?: 'unsure';
  }[];
  turns: { speaker: string | null; role: string; line: number; text: string; timecode?: string }[];
  story: { line: number } | null;
  quotes: { line: number; lastLine: number; closed: boolean; text: string }[];
  diagnostics: { line: number; code: string; severity: string; message: string }[];
}

export function toContractJson(document: TranscriptDocument, file: string): ContractJson {
  const storyQuotes = document.stories.flatMap((story) => story.quotes);
  return {
    file,
    format: document.format,
    title: document.title?.text ?? null,
    header: document.headers.flatMap((header) =>
      header.fields.map((field) => ({ field: field.name, value: field.value, line: field.range.start.line + 1 }))),
    trtSeconds: document.header?.trtSeconds ?? null,
    sections: document.sections.map((section) => ({ kind: section.kind, text: section.text, line: section.headingRange.start.line + 1 })),
    shots: document.shots.map((shot) => ({ number: shot.number, line: shot.lineRange.start.line + 1, soundbite: shot.soundbiteIndex !== null, text: shot.text })),
    soundbites: document.soundbites.map((soundbite) => ({
      number: soundbite.number,
      line: soundbite.lineRange.start.line + 1,
      language: soundbite.language,
      speaker: soundbite.speaker,
      title: soundbite.title,
      quote: soundbite.quote?.text ?? null,
      quoteLines: soundbite.quote ? [soundbite.quote.range.start.line + 1, soundbite.quote.range.end.line + 1] : null,
      ...(soundbite.attribution === 'unsure' ? { attribution: 'unsure' as const } : {}),
    })),
    turns: document.turns.map((turn) => ({
      speaker: turn.speaker,
      role: turn.role,
      line: turn.range.start.line + 1,
      text: turn.text,
      ...(turn.timecode ? { timecode: turn.timecode } : {}),
    })),
    story: document.story ? { line: document.story.range.start.line + 1 } : null,
    quotes: [...storyQuotes, ...document.quotes].map((quote) => ({
      line: quote.range.start.line + 1, lastLine: quote.range.end.line + 1, closed: quote.closed, text: quote.text,
    })),
    diagnostics: document.diagnostics.map((diagnostic) => ({
      line: diagnostic.range.start.line + 1, code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message,
    })),
  };
}
