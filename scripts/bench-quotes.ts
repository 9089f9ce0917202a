// `npm run bench:quotes` (part of `npm run bench`): quotes of a long archive stay linear. Copy Quote at a
// cursor must cost the same in a 1 MB and a 16 MB archive (it looks up one element), and a quote sheet of
// every soundbite must cost the same per MB. The baseline is the 1 MB archive's own figure in the same
// run. Until this bench, a sheet of a 50 MB archive took 40 s (every header read for every soundbite)
// and a copy 100 ms (every element collected and sorted).
import { parseTranscript } from '../src/core/parse';
import { allQuotes, quoteAt } from '../src/core/quotes/extract';
import { archive } from './benchArchive';
import { recordTarget } from './benchResults.mjs';

const megabyte = 1024 * 1024;
const copies = 2000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Figures {
  readonly megabytes: number;
  readonly soundbites: number;
  /** Microseconds per Copy Quote at a soundbite's words. */
  readonly copyUs: number;
  /** Milliseconds per MB for the sheet of every soundbite. */
  readonly sheetMsPerMB: number;
}

function measure(bytes: number): Figures {
  const text = archive(bytes);
  const document = parseTranscript(text);
  const soundbites = document.soundbites;
  // Offsets spread over the whole archive; every list read once first, as the editor's reading does.
  const offsets = Array.from({ length: copies }, (_, index) => {
    const quote = soundbites[Math.floor((index * soundbites.length) / copies)]?.quote;
    return quote ? quote.innerRange.start.offset + 3 : 0;
  });
  allQuotes(document, text, 'warm-up');
  const copyRuns: number[] = [];
  const sheetRuns: number[] = [];
  for (let run = 0; run < 5; run++) {
    let start = performance.now();
    for (const offset of offsets) {
      quoteAt(document, text, { start: offset, end: offset }, 'bench');
    }
    copyRuns.push(((performance.now() - start) * 1000) / offsets.length);
    start = performance.now();
    allQuotes(document, text, 'bench');
    sheetRuns.push(performance.now() - start);
  }
  const megabytes = text.length / megabyte;
  return { megabytes, soundbites: soundbites.length, copyUs: median(copyRuns), sheetMsPerMB: median(sheetRuns) / megabytes };
}

const small = measure(megabyte);
const large = measure(16 * megabyte);
for (const figures of [small, large]) {
  console.log(`${figures.megabytes.toFixed(0).padStart(3)} MB archive, ${figures.soundbites} soundbites: Copy Quote ${figures.copyUs.toFixed(1)} µs, quote sheet ${figures.sheetMsPerMB.toFixed(1)} ms per MB`);
}
const copyMet = large.copyUs < 2 * small.copyUs;
const sheetMet = large.sheetMsPerMB < 2 * small.sheetMsPerMB;
recordTarget({ bench: 'bench:quotes', name: `Copy Quote at a cursor, ${large.megabytes.toFixed(0)} MB archive`, value: large.copyUs, unit: 'µs', op: '<', limit: 2 * small.copyUs,
  baseline: '1 MB archive', baselineValue: small.copyUs });
recordTarget({ bench: 'bench:quotes', name: `quote sheet per MB, ${large.megabytes.toFixed(0)} MB archive`, value: large.sheetMsPerMB, unit: 'ms/MB', op: '<', limit: 2 * small.sheetMsPerMB,
  baseline: '1 MB archive', baselineValue: small.sheetMsPerMB });
console.log(copyMet && sheetMet ? 'bench:quotes: targets met' : 'bench:quotes: TARGETS MISSED');
process.exitCode = copyMet && sheetMet ? 0 : 1;
