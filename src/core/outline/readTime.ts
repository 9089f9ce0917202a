// Broadcast read times (about three words a second) and the one-line summary of a quote the outline
// and the pick lists show: its first words and how long it reads.
import type { Quote } from '../model';
import { countWords, firstWords } from '../text/words';
import { englishLabels, type OutlineLabels } from './labels';

/** Words per second read aloud: the broadcast rule of thumb (about 180 words a minute). */
export const wordsPerSecond = 3;

/** Seconds it takes to read the text aloud at the broadcast rate, at least 1 for any words. */
export function readSeconds(text: string): number {
  return secondsForWords(countWords(text));
}

export function secondsForWords(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / wordsPerSecond));
}

/** `m:ss` (or `h:mm:ss`), as running times are written in headers. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** A read time as an editor says it: `42 s` under a minute, `1:05` from a minute on. */
export function formatReadTime(seconds: number, labels: OutlineLabels = englishLabels): string {
  return seconds < 60 ? labels.seconds(seconds) : formatDuration(seconds);
}

/** Reads one line of the document version the model was parsed from (without its line break). */
export type LineSource = (line: number) => string;

/**
 * A quote's first words. With the document's lines they are read from the text in place; without,
 * from the quote's normalised text (which the model builds on first read).
 */
export function quoteHead(quote: Quote, lines?: LineSource | null, maxWords = 6, maxLength = 48): string {
  if (!lines) {
    return firstWords(quote.text, maxWords, maxLength);
  }
  const { start, end } = quote.innerRange;
  const text = lines(start.line);
  const to = end.line === start.line ? Math.min(end.character, text.length) : text.length;
  const head = firstWords(text, maxWords, maxLength, Math.min(start.character, text.length), to);
  return end.line > start.line && head.length > 0 && !head.endsWith('…') ? `${head}…` : head;
}

/** How many words a quote has, counted in the lines in place when they are given. */
export function quoteWordCount(quote: Quote, lines?: LineSource | null): number {
  if (!lines) {
    return countWords(quote.text);
  }
  const { start, end } = quote.innerRange;
  let words = 0;
  for (let line = start.line; line <= end.line; line++) {
    const text = lines(line);
    const from = line === start.line ? Math.min(start.character, text.length) : 0;
    const to = line === end.line ? Math.min(end.character, text.length) : text.length;
    words += countWords(text, from, to);
  }
  return words;
}
