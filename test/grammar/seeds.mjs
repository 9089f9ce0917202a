// Invariant checks on the REAL seed documents in ../shared/seeds (outside the repo; never copied into
// it, and no seed-derived snapshots are committed). Exits 1 with a clear message if the seeds are
// missing, so a CI job without them fails instead of silently passing.
//
// Invariants:
//  1. every `N. SOUNDBITE` line gets keyword.other.soundbite on the word SOUNDBITE;
//  2. no numbered line (shot or soundbite), in particular one that follows a quote, starts inside
//     markup.quote, and its number is scoped as a shot number;
//  3. headings are detected: header fields, FILE/RECENT section lines, standalone datelines and
//     SHOTLIST/STORYLINE headings get their scopes; page chrome is dimmed as a comment;
//  4. a quote never survives a blank line (the line after a blank line does not start inside a
//     quote unless it opens one itself) and no quote is open at the end of a document;
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadGrammar, repoRoot, tokenizeText } from './tokenize.mjs';

const SEEDS = resolve(repoRoot, '../shared/seeds');
const EXPECTED_SEEDS = 5;

function die(message) {
  console.error(`\nseeds: FAIL: ${message}\n`);
  process.exit(1);
}

if (!existsSync(SEEDS)) {
  die(`seed directory not found: ${SEEDS}\n` +
    '  The grammar invariants run on the real documents in ../shared/seeds (relative to the repo root).\n' +
    '  Check them out next to the repository; this test refuses to pass without them.');
}
const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
if (files.length < EXPECTED_SEEDS) {
  die(`expected at least ${EXPECTED_SEEDS} seed documents (*.txt) in ${SEEDS}, found ${files.length}.`);
}

const grammar = await loadGrammar();
const has = (token, scope) => token.scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
const hasPrefix = (token, prefix) => token.scopes.some((s) => s.startsWith(prefix));

const NUMBERED = /^\d{1,3}(?:\.(?!\d)|[ \t]+(?:SOUNDBITE|Wide|Med|Various|Close|Tracking|Pan|Tilt|Cutaway|Aerial|Zoom|UPSOUND|NATSOT))/i;
const SOUNDBITE_LINE = /^\s*\d{1,3}\.?\s*SOUNDBITE/;
const HEADING = /^\s*(?:SHOTLIST|STORYLINE|Shotlist|Storyline)\s*:?\s*$/;
const SECTION = /^(?:FILE|RECENT)\b\s*[-–—,]/;
const DATELINE = /^\d{1,2} (?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER),? \d{4},? [A-Z ,/-]+$/;
const FIELD = /^(?:STORY|TRT|SOURCE|RESTRICTIONS|LANGUAGES?|DATELINE)\s*:/;
const CHROME = /^(?:Download|Share|View moreView less|There is no media available to download\.|Share this Article:|About The Author|Credit:.*)\s*$/;
const BLANK = /^[\s\u00A0\u202F]*$/;

const problems = [];
const counts = { soundbites: 0, numberedAfterQuote: 0, headings: 0, sections: 0, datelines: 0, fields: 0, chrome: 0, blanks: 0 };

for (const file of files) {
  const text = readFileSync(resolve(SEEDS, file), 'utf8');
  tokenizeText(grammar, text); // warm-up: scanners compile lazily on first use
  const lines = tokenizeText(grammar, text);
  let quoteSinceLastNumbered = false;
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    const first = line.tokens[0];
    const fail = (msg) => problems.push(`${where}: ${msg}\n      | ${line.text.slice(0, 100)}`);


    if (SOUNDBITE_LINE.test(line.text)) {
      counts.soundbites++;
      const kw = line.tokens.find((t) => /^soundbite$/i.test(t.text.trim()) || t.text.includes('SOUNDBITE'));
      if (!kw || !has(kw, 'keyword.other.soundbite.unifeed')) {
        fail(`SOUNDBITE is not scoped keyword.other.soundbite.unifeed (got ${kw ? kw.scopes.join(' ') : 'no token'})`);
      }
    }

    if (NUMBERED.test(line.text)) {
      if (hasPrefix(first, 'markup.quote')) {
        fail(`numbered line starts inside a quote: ${first.scopes.join(' ')}`);
      }
      if (!has(first, 'constant.numeric.shot-number.unifeed')) {
        fail(`shot number not scoped constant.numeric.shot-number.unifeed: ${first.scopes.join(' ')}`);
      }
      if (quoteSinceLastNumbered) { counts.numberedAfterQuote++; }
      quoteSinceLastNumbered = false;
    }

    if (HEADING.test(line.text)) {
      counts.headings++;
      if (!line.tokens.some((t) => has(t, 'markup.heading.section.unifeed'))) { fail('heading not detected (markup.heading.section.unifeed)'); }
    }
    if (SECTION.test(line.text)) {
      counts.sections++;
      if (!has(first, 'markup.heading.section.archive.unifeed')) { fail(`FILE/RECENT section line not detected: ${first.scopes.join(' ')}`); }
    }
    if (DATELINE.test(line.text)) {
      counts.datelines++;
      if (!has(first, 'markup.heading.section.dateline.unifeed') || !has(first, 'constant.other.date.unifeed')) {
        fail(`standalone dateline not detected: ${first.scopes.join(' ')}`);
      }
    }
    if (FIELD.test(line.text)) {
      counts.fields++;
      if (!has(first, 'keyword.other.field.unifeed')) { fail(`header field not detected: ${first.scopes.join(' ')}`); }
    }
    if (CHROME.test(line.text)) {
      counts.chrome++;
      if (!hasPrefix(first, 'comment.line.chrome')) { fail(`page chrome not dimmed as comment: ${first.scopes.join(' ')}`); }
    }

    if (i > 0 && BLANK.test(lines[i - 1].text) && !BLANK.test(line.text)) {
      counts.blanks++;
      if (hasPrefix(first, 'markup.quote') && !/^[\s\u00A0]*[“"«„]/.test(line.text)) {
        fail(`a quote survived the blank line above: ${first.scopes.join(' ')}`);
      }
    }

    if (line.tokens.some((t) => hasPrefix(t, 'markup.quote'))) { quoteSinceLastNumbered = true; }
  });
  const last = [...lines].reverse().find((l) => !BLANK.test(l.text));
  if (last && last.tokens.at(-1) && hasPrefix(last.tokens.at(-1), 'markup.quote.block') && !/[”"»]\s*$/.test(last.text)) {
    problems.push(`${file}: a block quote is still open at the end of the document`);
  }
}

// Guard against a vacuous pass (e.g. seeds replaced by unrelated files).
for (const [name, min] of [['soundbites', 1], ['numberedAfterQuote', 1], ['sections', 1], ['datelines', 1], ['fields', 1], ['chrome', 1]]) {
  if (counts[name] < min) { problems.push(`expected at least ${min} ${name} line(s) across the seeds, found ${counts[name]}`); }
}

if (problems.length) {
  die(`${problems.length} invariant violation(s) on the seed documents:\n  - ${problems.join('\n  - ')}`);
}
console.log(`seeds: ${files.length} documents OK (${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(', ')}).`);
