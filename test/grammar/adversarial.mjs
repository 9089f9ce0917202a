// Performance guard: tokenizes adversarial 10,000-character lines and fails if any line takes more
// than 50 ms. Catastrophic backtracking freezes VS Code's renderer (there is no regex timeout), so a
// regression here must fail CI, not just be slow.
// Each case is run in two states: at top level and inside an open (unclosed) block quote.
// Scanners are compiled lazily, so every case is first tokenized once in a short (200-char) form.
import { loadGrammar, INITIAL } from './tokenize.mjs';

const LIMIT_MS = 50;
const LENGTH = 10_000;
const fill = (unit, prefix = '', suffix = '', length = LENGTH) => {
  const body = unit.repeat(Math.ceil((length - prefix.length - suffix.length) / unit.length));
  return (prefix + body).slice(0, length - suffix.length) + suffix;
};

const cases = {
  'curly open quotes': (n) => fill('“', '', '', n),
  'straight quotes': (n) => fill('"', '', '', n),
  'nested curly quotes with words': (n) => fill('“a ', '', '', n),
  'closing quotes': (n) => fill('”', '', '', n),
  'single quotes and apostrophes': (n) => fill('‘a’b ', '', '', n),
  'guillemets': (n) => fill('« ', '', '', n),
  'commas': (n) => fill(', ', '', '', n),
  'commas no space': (n) => fill(',', '', '', n),
  'dashes': (n) => fill(' – — - ', '', '', n),
  'hyphens': (n) => fill('-', '', '', n),
  'open parentheses': (n) => fill('(', '', '', n),
  'open parentheses with words': (n) => fill('(ENGLISH ', '', '', n),
  'open brackets': (n) => fill('[a ', '', '', n),
  'spaces': (n) => fill(' ', '', 'x', n),
  'tabs and nbsp': (n) => fill('\t\u00A0 ', '', 'x', n),
  'upper-case letters, no colon': (n) => fill('ABCDEFGHIJ', '', '', n),
  'upper-case words, no colon': (n) => fill('ASPECT RATIO ', '', '', n),
  'capitalised words, no colon': (n) => fill('Porte-parole Name ', '', ' x', n),
  'label words then colon far away': (n) => fill('Un News ', '', ':', n),
  'soundbite: unclosed language parens': (n) => fill('(', '1. SOUNDBITE ', '', n),
  'soundbite: many name words': (n) => fill('Word ', '1. SOUNDBITE (English) ', '', n),
  'soundbite: many ranks': (n) => fill('Lieut. Gen. ', '1. SOUNDBITE (English) ', 'x', n),
  'soundbite: commas': (n) => fill(', ', '1. SOUNDBITE (English) ', '', n),
  'soundbite: colons': (n) => fill(':', '1. SOUNDBITE (English) Name', '', n),
  'soundbite: dash separators': (n) => fill('Name –', '1. SOUNDBITE (English) ', '', n),
  'soundbite: hyphenated words': (n) => fill('Jean-Pierre-', '1. SOUNDBITE (English) ', '', n),
  'soundbite: nested affiliation parens': (n) => fill('(MINUSCA (', '1. SOUNDBITE (English) Name, Title ', ':', n),
  'soundbite: quote after colon, unclosed': (n) => fill('“word ', '1. SOUNDBITE (English) – Name, title: ', '', n),
  'shot: repeated shot-type words': (n) => fill('shot ', '1. Wide ', '', n),
  'shot: repeated modifiers': (n) => fill('left/right ', '1. Pan ', '', n),
  'shot: close-up chains': (n) => fill('close-up ', '2. ', '', n),
  'numbers and dots': (n) => fill('1.', '', '', n),
  'digits': (n) => fill('1234567890', '', '', n),
  'timecodes': (n) => fill('12:34 ', '', '', n),
  'header: STORY slashes': (n) => fill('A / ', 'STORY: ', '', n),
  'header: TRT digits': (n) => fill('1:2.', 'TRT: ', '', n),
  'header: SOURCE separators': (n) => fill('UNTV - ', 'SOURCE: ', '', n),
  'header: LANGUAGES': (n) => fill('ENGLISH /', 'LANGUAGES: ', '', n),
  'header: DATELINE repeated dates': (n) => fill('08 DECEMBER 2023, ', 'DATELINE: ', '', n),
  'header: DATELINE place words': (n) => fill('NEW YORK ', 'DATELINE: 08 DECEMBER 2023, ', '/ FILE', n),
  'dateline-like line ending in prose': (n) => fill(' NEW YORK', '08 DECEMBER 2023,', ' city?', n),
  'dateline-like line, lower case tail': (n) => fill(' NEW YORK', '08 DECEMBER 2023', ' x', n),
  'FILE line with acronyms': (n) => fill('MINUSMA - ', 'FILE - ', '', n),
  'FILE line with places': (n) => fill('BAMAKO ', 'FILE – RECENT, ', '', n),
  'prose dateline shape': (n) => fill('BRUSSELS ', '', ', 9 October 2019 x', n),
  'acronyms glued': (n) => fill('MINUSMA', '', '', n),
  'acronyms spaced': (n) => fill('A4P+ UNAMI ', '', '', n),
  'resolutions': (n) => fill('resolution 2719 (', '', '', n),
  'separator stars': (n) => fill('*  ', '', 'x', n),
  'separator underscores': (n) => fill('_', '', 'x', n),
  'heading word repeated': (n) => fill('SHOTLIST ', '', '', n),
  'chrome-like': (n) => fill('View more', '', '', n),
  'mixed punctuation': (n) => fill('“a, – (b) [c] ‘d’ "e" : ', '', '', n),
};

const grammar = await loadGrammar();
// State inside an unclosed block quote (the quote is left open by the first line).
const inQuote = grammar.tokenizeLine('“An unclosed quote', INITIAL).ruleStack;

function time(line, state) {
  const t0 = performance.now();
  grammar.tokenizeLine(line, state);
  return performance.now() - t0;
}

const failures = [];
let worst = { ms: 0, name: '' };
for (const [name, make] of Object.entries(cases)) {
  for (const [stateName, state] of [['top level', INITIAL], ['inside quote', inQuote]]) {
    time(make(200), state); // warm-up: compile the scanners this case reaches
    const line = make(LENGTH);
    if (line.length !== LENGTH) { throw new Error(`case "${name}" built a line of ${line.length} chars`); }
    const runs = [time(line, state), time(line, state), time(line, state)].sort((a, b) => a - b);
    const ms = runs[1]; // median of three
    if (ms > worst.ms) { worst = { ms, name: `${name} (${stateName})` }; }
    if (ms > LIMIT_MS) { failures.push(`${name} (${stateName}): ${ms.toFixed(1)} ms`); }
  }
}

if (failures.length) {
  console.error(`adversarial: FAIL: ${failures.length} line(s) took more than ${LIMIT_MS} ms to tokenize:`);
  for (const f of failures) { console.error(`  - ${f}`); }
  process.exit(1);
}
console.log(`adversarial: ${Object.keys(cases).length * 2} lines of ${LENGTH} chars, all under ${LIMIT_MS} ms (worst ${worst.ms.toFixed(1)} ms: ${worst.name}).`);
