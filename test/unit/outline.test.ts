// The outline (symbols, folding, smart select, soundbite navigation, quick-pick items) on the real seeds
// and on synthetic fixtures. Expected values are read off the documents by hand.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TranscriptDocument } from '../../src/core/model';
import { foldingRanges, type FoldRange } from '../../src/core/outline/folding';
import { englishLabels } from '../../src/core/outline/labels';
import { soundbitePickItems, soundbiteTargets, stepTarget, currentTarget } from '../../src/core/outline/navigation';
import { comparePositions, rangeContainsRange, rangeContainsPosition, type OutlineRange } from '../../src/core/outline/ranges';
import { formatDuration, formatReadTime, quoteWordCount, readSeconds, type LineSource } from '../../src/core/outline/readTime';
import { selectionChain, sentenceAt } from '../../src/core/outline/selection';
import { storyGroups } from '../../src/core/outline/storyGroups';
import { buildOutline, outlineLevel, type OutlineSymbol } from '../../src/core/outline/symbols';
import { countWords, firstWords } from '../../src/core/text/words';
import { parseTranscript } from '../../src/core/parse';
import { lines as joinLines, readFixture, readSeed, repositoryRoot, seedsDirectory } from './helpers';
import { archive } from '../../scripts/benchArchive';

interface Loaded {
  readonly text: string;
  readonly model: TranscriptDocument;
  readonly lines: LineSource;
}

function load(text: string): Loaded {
  const split = text.split(/\r\n|\r|\n/u);
  return { text, model: parseTranscript(text), lines: (line) => split[line] ?? '' };
}

const seed = (name: string): Loaded => load(readSeed(name));
const fixture = (path: string): Loaded => load(readFixture(path));

function at(range: OutlineRange): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** `kind name | detail` for a symbol and its descendants, indented. */
function tree(symbols: readonly OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [
    `${'  '.repeat(depth)}${symbol.kind} ${symbol.name}${symbol.detail ? ` | ${symbol.detail}` : ''}`,
    ...tree(symbol.children, depth + 1),
  ]);
}

/** The text a range covers. */
function textOf(loaded: Loaded, range: OutlineRange): string {
  const parts: string[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const text = loaded.lines(line);
    parts.push(text.slice(line === range.start.line ? range.start.character : 0, line === range.end.line ? range.end.character : text.length));
  }
  return parts.join('\n');
}

/** Every selection range inside its range, every child inside its parent, siblings in order. */
function assertWellFormed(symbols: readonly OutlineSymbol[], where: string, parent?: OutlineSymbol): void {
  let previous: OutlineSymbol | undefined;
  for (const symbol of symbols) {
    const name = `${where}: ${symbol.kind} ${symbol.name} ${at(symbol.range)}`;
    assert.ok(symbol.name.trim().length > 0, `${name}: empty name`);
    assert.ok(comparePositions(symbol.range.start, symbol.range.end) <= 0, `${name}: reversed range`);
    assert.ok(rangeContainsRange(symbol.range, symbol.selectionRange), `${name}: selection ${at(symbol.selectionRange)} outside`);
    if (parent) {
      assert.ok(rangeContainsRange(parent.range, symbol.range), `${name}: outside its parent ${at(parent.range)}`);
    }
    if (previous) {
      assert.ok(comparePositions(previous.range.start, symbol.range.start) <= 0, `${name}: before its previous sibling`);
    }
    previous = symbol;
    assertWellFormed(symbol.children, where, symbol);
  }
}

function allDocuments(): Array<{ name: string; loaded: Loaded }> {
  const found: Array<{ name: string; loaded: Loaded }> = [];
  const fixtures = join(repositoryRoot, 'test', 'fixtures');
  for (const entry of readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.(?:txt|unifeed|shotlist)$/u.test(entry) || /no-extension/u.test(entry)) {
      found.push({ name: entry, loaded: fixture(entry) });
    }
  }
  for (const name of readdirSync(seedsDirectory()).filter((file) => file.endsWith('.txt')).sort()) {
    found.push({ name, loaded: seed(name) });
  }
  return found;
}

suite('outline: words and read times', () => {
  test('counts spoken words, not dashes or lone marks', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('  one  two '), 2);
    assert.equal(countWords('peace – and – quiet'), 3);
    assert.equal(countWords('“The end.”'), 2);
    assert.equal(countWords('3,500 people in l’ONU, c’est'), 5);
    assert.equal(countWords('paix\u00a0?'), 1);
    assert.equal(countWords('M.\u00a0Lacroix\tsaid'), 3);
    assert.equal(countWords('-- —'), 0);
    assert.equal(countWords('ab cd ef', 3, 8), 2);
  });

  test('reads at three words a second, at least one second', () => {
    assert.equal(readSeconds('one'), 1);
    assert.equal(readSeconds(''), 0);
    assert.equal(readSeconds(Array(87).fill('word').join(' ')), 29);
    assert.equal(formatReadTime(42), '42 s');
    assert.equal(formatReadTime(65), '1:05');
    assert.equal(formatDuration(457), '7:37');
    assert.equal(formatDuration(3723), '1:02:03');
  });

  test('first words end in an ellipsis only when there is more', () => {
    assert.equal(firstWords('We go where the roads end.'), 'We go where the roads end.');
    assert.equal(firstWords('We’re on the way to completing this drawdown'), 'We’re on the way to completing…');
    assert.equal(firstWords('One, two, three, four, five, six, seven'), 'One, two, three, four, five, six…');
    assert.equal(firstWords('  spaced   out\twords  '), 'spaced out words');
    assert.equal(firstWords('x'.repeat(60)), `${'x'.repeat(48)}…`);
    assert.equal(firstWords('abc def ghi', 6, 48, 4, 7), 'def');
  });
});

suite('outline: symbols of a shot list (seed 000, UN / PEACEKEEPING LACROIX INTERVIEW)', () => {
  const loaded = seed('000_e751e5e04960dd4f.txt');
  const symbols = buildOutline(loaded.model, { lines: loaded.lines });

  test('one story: the slug, the TRT as m:ss, from the header to the end of the story text', () => {
    assert.equal(symbols.length, 1);
    const story = symbols[0] as OutlineSymbol;
    assert.equal(story.kind, 'story');
    assert.equal(story.name, 'UN / PEACEKEEPING LACROIX INTERVIEW');
    assert.equal(story.detail, '7:37');
    assert.equal(at(story.range), '4:0-63:122');
    assert.equal(textOf(loaded, story.selectionRange), 'UN / PEACEKEEPING LACROIX INTERVIEW');
  });

  test('header fields, then sections with their shots and soundbites, then the story text with its quotes', () => {
    const lines = tree(symbols);
    assert.deepEqual(lines.slice(1, 10), [
      '  header Header',
      '    field STORY | UN / PEACEKEEPING LACROIX INTERVIEW',
      '    field TRT | 07:37',
      '    field SOURCE | UNIFEED / MINUSMA',
      '    field RESTRICTIONS | NONE',
      '    field LANGUAGES | ENGLISH / NATS',
      '    field DATELINE | 08 DECEMBER 2023, NEW YORK CITY / FILE',
      '  section FILE - MINUSMA - BAMAKO, MALI | shot 1',
      '    shot 1. Various shots, peacekeeping Chief Jean-Pierre Lacroix…',
    ]);
    assert.deepEqual(lines.slice(10, 12), [
      '  section 08 DECEMBER 2023, NEW YORK CITY | shot 2',
      '    soundbite 2. Jean-Pierre Lacroix | We\'re on the way to completing… · 29 s',
    ]);
    const story = symbols[0] as OutlineSymbol;
    assert.equal(story.children.filter((child) => child.kind === 'section').length, 17);
    const text = story.children[story.children.length - 1] as OutlineSymbol;
    assert.equal(text.kind, 'storyText');
    assert.equal(at(text.range), '52:0-63:122');
    assert.equal(text.children.length, 13);
    assert.equal(text.children[0]?.name, '“cannot operate if we don\'t have…');
    assert.equal(text.children[12]?.detail, 'unclosed');
  });

  test('a soundbite spans the speaker line and the quote; its speaker is the selection', () => {
    const soundbite = (symbols[0] as OutlineSymbol).children[2]?.children[0] as OutlineSymbol;
    assert.equal(soundbite.kind, 'soundbite');
    assert.equal(at(soundbite.range), '13:0-14:498');
    assert.equal(textOf(loaded, soundbite.selectionRange), 'Jean-Pierre Lacroix');
  });

  test('the read time is the quote\'s word count at three words a second (87 words → 29 s)', () => {
    const quote = loaded.model.soundbites[0]?.quote;
    assert.ok(quote);
    assert.equal(quoteWordCount(quote, loaded.lines), 87);
    assert.equal(quoteWordCount(quote), 87);
  });

  test('the duplicated shot number 2 still gets its own symbol', () => {
    const names = tree(symbols).filter((line) => line.includes('soundbite 2.'));
    assert.equal(names.length, 2);
    assert.match(names[1] ?? '', /But the role of the United… · 43 s$/u);
  });
});

suite('outline: archives, interviews and prose', () => {
  test('an archive gives one story per header block; shots without a section sit under the story', () => {
    const loaded = fixture('outline/archive.unifeed');
    const symbols = buildOutline(loaded.model, { lines: loaded.lines });
    assert.deepEqual(symbols.map((symbol) => `${symbol.name} | ${symbol.detail} | ${at(symbol.range)}`), [
      'UN / FICTIONAL LAKE FERRY | 2:05 | 0:0-20:46',
      'UN / FICTIONAL SCHOOL ROOFS | 1:10 | 22:0-32:86',
      'UN / FICTIONAL CLINIC GENERATOR | 0:45 | 34:0-43:30',
    ]);
    assert.deepEqual(tree(symbols.slice(1)).filter((line) => !line.includes('field')), [
      'story UN / FICTIONAL SCHOOL ROOFS | 1:10',
      '  header Header',
      '  shot 1. Wide shot, school with a new tin roof',
      '  soundbite 2. Noor Haddad-Kessler | The children stopped counting the rainy… · 2 s',
      '  shot 3. Pan right, pupils entering the classroom',
      '  soundbite 4. Samuel Oyelaran-Field | We used the same sheets the… · 6 s',
      'story UN / FICTIONAL CLINIC GENERATOR | 0:45',
      '  header Header',
      '  section RECENT - MALAKAL, SOUTH SUDAN | shots 1–2',
      '    shot 1. Various shots, nurses working by torchlight',
      '    soundbite 2. Grace Achol-Lindgren | Light is the first medicine. · 2 s',
    ]);
    const first = tree(symbols.slice(0, 1));
    assert.ok(first.includes('    soundbite 5. Colonel Aurélien Mbaye-Dupont | Nous escortons les bateaux jusqu’au milieu… · 5 s'), first.join('\n'));
    assert.ok(first.includes('  storyText Storyline'));
    assert.ok(first.includes('    quote “every crossing that leaves on time…'));
  });

  test('an interview gives one symbol per turn, named by its label, with the turn\'s quotes inside', () => {
    const loaded = fixture('outline/interview.unifeed');
    const symbols = buildOutline(loaded.model, { lines: loaded.lines });
    assert.deepEqual(tree(symbols), [
      'question UN News | You spent the winter in Naqoura. What changed…',
      'answer Solberg-Achebe | The patrols are longer and the nights are…',
      '  quote “the olives are back,”',
      'question UN News | Will the mission stay after the mandate review?',
      'answer Solberg-Achebe | That is for the Council to decide. What…',
    ]);
    assert.equal(at(symbols[1]?.range as OutlineRange), '2:0-4:71');
    assert.equal(textOf(loaded, symbols[1]?.selectionRange as OutlineRange), 'Solberg-Achebe');
  });

  test('unlabelled interview turns are named Question and Answer; the page title comes first (seed 002)', () => {
    const loaded = seed('002_7dd2ed208037229b.txt');
    const symbols = buildOutline(loaded.model, { lines: loaded.lines });
    assert.equal(symbols[0]?.kind, 'title');
    assert.equal(symbols[0]?.name, 'Jean-Pierre Lacroix: Adapting Peacekeeping to Global Challenges');
    assert.deepEqual(symbols.slice(1, 3).map((symbol) => `${symbol.kind} ${symbol.name} | ${symbol.detail}`), [
      'question Question | Is Peacekeeping still a relevant notion? Since 1945…',
      'answer Answer | If you ask displaced persons in Central African…',
    ]);
    assert.equal(symbols.filter((symbol) => symbol.kind === 'question').length, 10);
  });

  test('timecoded captions are named by their timecode', () => {
    const loaded = fixture('interviews/timecoded.txt');
    assert.deepEqual(buildOutline(loaded.model).slice(0, 3).map((symbol) => symbol.name), ['00:00 Statement', '00:03 Question', '00:08 Answer']);
  });

  test('prose gives the title and its quotes; a quote over several paragraphs is one symbol (op-ed)', () => {
    const loaded = fixture('prose/oped.txt');
    const symbols = buildOutline(loaded.model, { lines: loaded.lines });
    assert.deepEqual(symbols.map((symbol) => `${symbol.kind} ${at(symbol.range)}`), ['title 0:0-0:43', 'quote 4:0-10:140']);
    assert.equal(symbols[1]?.name, '“When a patrol walks into a…');
  });

  test('labels are the caller\'s: a translated outline uses them everywhere', () => {
    const loaded = fixture('outline/interview.unifeed');
    const labels = { ...englishLabels, roles: { question: 'Frage', answer: 'Antwort', statement: 'Aussage' }, seconds: (seconds: number) => `${seconds} Sek.` };
    const unlabelled = seed('002_7dd2ed208037229b.txt');
    assert.deepEqual(buildOutline(unlabelled.model, { labels }).slice(1, 3).map((symbol) => symbol.name), ['Frage', 'Antwort']);
    assert.match(soundbitePickItems(loaded.model, labels)[0]?.description ?? '', /Sek\.$/u);
  });

  test('reading quotes through the lines gives the same word counts as the model\'s quote text', () => {
    for (const { name, loaded } of allDocuments()) {
      for (const soundbite of loaded.model.soundbites) {
        if (soundbite.quote) {
          assert.equal(quoteWordCount(soundbite.quote, loaded.lines), countWords(soundbite.quote.text), `${name} line ${soundbite.lineRange.start.line + 1}`);
        }
      }
    }
  });

  test('every fixture and seed gives a well-formed tree (selections inside ranges, children inside parents)', () => {
    for (const { name, loaded } of allDocuments()) {
      assertWellFormed(buildOutline(loaded.model, { lines: loaded.lines }), name);
      assertWellFormed(buildOutline(parseTranscript(loaded.text)), `${name} (without lines)`);
    }
  });

  test('an archive glued from every shot-list fixture keeps each story\'s elements under its own header', () => {
    const parts = ['shotlists/clean.txt', 'shotlists/geneva.txt', 'shotlists/soundbite_variants.txt', 'outline/archive.unifeed'].map(readFixture);
    const loaded = load(parts.join('\n\n'));
    const symbols = buildOutline(loaded.model, { lines: loaded.lines });
    assertWellFormed(symbols, 'glued archive');
    assert.equal(symbols.length, loaded.model.headers.length);
    const soundbites = tree(symbols).filter((line) => line.trim().startsWith('soundbite')).length;
    assert.equal(soundbites, loaded.model.soundbites.length);
    assert.equal(storyGroups(loaded.model).length, loaded.model.headers.length);
  });

  test('the outline is built once per model', () => {
    const loaded = fixture('shotlists/clean.txt');
    assert.equal(buildOutline(loaded.model), buildOutline(loaded.model));
  });
});

suite('outline: long archives drop detail to stay under the symbol budget', () => {
  const glued = load(['shotlists/clean.txt', 'outline/archive.unifeed', 'shotlists/soundbite_variants.txt'].map(readFixture).join('\n\n'));
  const outlineAt = (maxSymbols: number): string[] => tree(buildOutline(glued.model, { lines: glued.lines, maxSymbols }));
  const full = outlineAt(Infinity);

  test('small documents get every symbol', () => {
    for (const { name, loaded } of allDocuments()) {
      assert.equal(outlineLevel(loaded.model), 0, name);
    }
  });

  test('each level drops one kind: header fields, plain shots, story quotes, sections, then all but the stories', () => {
    const kinds = (lines: string[]): string[] => [...new Set(lines.map((line) => line.trim().split(' ')[0] ?? ''))].sort();
    const levels = [0, 1, 2, 3, 4, 5].map((level) => {
      for (let budget = full.length; budget >= 0; budget--) {
        if (outlineLevel(glued.model, budget) === level) {
          const lines = outlineAt(budget);
          assert.ok(lines.length <= budget || level === 5, `level ${level}: ${lines.length} symbols over ${budget}`);
          return kinds(lines).join(' ');
        }
      }
      return 'never';
    });
    assert.deepEqual(levels, [
      'field header quote section shot soundbite story storyText',
      'header quote section shot soundbite story storyText',
      'header quote section soundbite story storyText',
      'header section soundbite story storyText',
      'header soundbite story storyText',
      'story',
    ]);
    assert.ok(full.includes('    soundbite 3. Imani Batchelor-Ngoy | Every crossing that leaves on time… · 9 s'));
    assert.ok(outlineAt(glued.model.headers.length * 3 + glued.model.soundbites.length).includes('  soundbite 3. Imani Batchelor-Ngoy | Every crossing that leaves on time… · 9 s'));
  });

  test('stories keep their ranges at every level, so breadcrumbs still follow the cursor', () => {
    const ranges = (maxSymbols: number): string[] => buildOutline(glued.model, { maxSymbols }).map((symbol) => `${symbol.name} ${at(symbol.range)}`);
    assert.deepEqual(ranges(0), ranges(Infinity));
    assert.equal(ranges(0).length, glued.model.headers.length);
  });

  test('past the folding limit: no soundbite folds, then no section folds, then one fold per whole story', () => {
    const kinds = (max: number): string => [...new Set(foldingRanges(glued.model, max).map((fold) => fold.kind))].sort().join(' ');
    const all = foldingRanges(glued.model, Infinity).length;
    assert.equal(kinds(all), 'header section soundbite story');
    assert.equal(kinds(all - 1), 'header section story');
    assert.equal(kinds(glued.model.headers.length + glued.model.stories.length), 'header story');
    assert.equal(kinds(glued.model.headers.length), 'wholeStory');
    assert.deepEqual(foldingRanges(glued.model, 1).map((fold) => `${fold.start}-${fold.end}`),
      buildOutline(glued.model, { maxSymbols: 0 }).map((symbol) => `${symbol.range.start.line}-${symbol.range.end.line}`));
  });

  test('at every limit, the folds follow the rule: all of them, then without soundbites, then without sections, then whole stories', () => {
    const all = foldingRanges(glued.model, Infinity);
    const ofKinds = (kinds: readonly string[]): FoldRange[] => all.filter((fold) => kinds.includes(fold.kind));
    const withoutSoundbites = ofKinds(['header', 'section', 'story']);
    const headersAndStories = ofKinds(['header', 'story']);
    const wholeStories = foldingRanges(glued.model, 0);
    assert.equal(wholeStories.length, glued.model.headers.length);
    assert.ok(wholeStories.every((fold) => fold.kind === 'wholeStory'));
    for (let max = 0; max <= all.length + 1; max++) {
      const expected = all.length <= max ? all
        : withoutSoundbites.length <= max ? withoutSoundbites
          : headersAndStories.length <= max ? headersAndStories : wholeStories;
      assert.deepEqual(foldingRanges(glued.model, max), expected, `limit ${max}`);
    }
  });
});

suite('outline: folding', () => {
  test('header, sections, multi-line soundbites and the story text of a shot list', () => {
    const folds = foldingRanges(fixture('shotlists/clean.txt').model).map((fold) => `${fold.kind} ${fold.start + 1}-${fold.end + 1}`);
    assert.deepEqual(folds, [
      'header 1-6', 'section 8-10', 'section 11-17', 'soundbite 13-14', 'soundbite 16-17', 'section 18-19', 'section 20-23',
      'soundbite 21-22', 'story 24-29',
    ]);
  });

  test('every header of an archive; one-line (Geneva) soundbites do not fold', () => {
    const folds = foldingRanges(fixture('outline/archive.unifeed').model).map((fold) => `${fold.kind} ${fold.start}-${fold.end}`);
    assert.deepEqual(folds.filter((fold) => fold.startsWith('header')), ['header 0-5', 'header 22-27', 'header 34-39']);
    assert.ok(!folds.some((fold) => fold.startsWith('soundbite 29')));
    assert.ok(folds.includes('soundbite 14-16'));
  });

  test('interview turns fold only when they run over several lines', () => {
    assert.deepEqual(foldingRanges(fixture('outline/interview.unifeed').model), [{ start: 2, end: 4, kind: 'turn' }]);
    assert.deepEqual(foldingRanges(fixture('interviews/qa_labels.txt').model), [{ start: 4, end: 6, kind: 'turn' }]);
  });

  test('an interview past the limit keeps every turn fold: it has no whole-story fold to fall back on', () => {
    const model = fixture('interviews/qa_labels.txt').model;
    assert.deepEqual(foldingRanges(model, 0), foldingRanges(model, Infinity));
  });

  test('no two folds start on the same line, and each one ends after it starts', () => {
    for (const { name, loaded } of allDocuments()) {
      const starts = new Set<number>();
      for (const fold of foldingRanges(loaded.model)) {
        assert.ok(fold.end > fold.start, `${name} ${fold.kind} ${fold.start}`);
        assert.ok(!starts.has(fold.start), `${name}: two folds start on line ${fold.start}`);
        starts.add(fold.start);
      }
    }
  });
});

suite('outline: smart select', () => {
  const chain = (loaded: Loaded, line: number, character: number): string[] =>
    selectionChain(loaded.model, { line, character }, loaded.lines).map((range) => textOf(loaded, range).split('\n')[0]?.slice(0, 40) ?? '');
  const clean = fixture('shotlists/clean.txt');

  test('in a soundbite quote: quote text, quote with marks, soundbite, section, story, document', () => {
    const ranges = selectionChain(clean.model, { line: 13, character: 5 }, clean.lines).map(at);
    assert.deepEqual(ranges, ['13:1-13:158', '13:0-13:159', '12:0-13:159', '10:0-16:135', '0:0-28:111', '0:0-29:0']);
    assert.equal(textOf(clean, selectionChain(clean.model, { line: 13, character: 5 }, clean.lines)[0] as OutlineRange).slice(0, 9), 'The water');
  });

  test('on the speaker line: speaker, speaker line, soundbite, section, story', () => {
    assert.deepEqual(chain(clean, 12, 30).slice(0, 2), ['Halvard Osei-Lindqvist', '4. SOUNDBITE (English) Halvard Osei-Lind']);
    assert.deepEqual(selectionChain(clean.model, { line: 12, character: 30 }, clean.lines).map(at).slice(1, 4), ['12:0-12:116', '12:0-13:159', '10:0-16:135']);
  });

  test('in the header: field value, field, header block, story', () => {
    assert.deepEqual(selectionChain(clean.model, { line: 1, character: 6 }, clean.lines).map(at), ['1:5-1:10', '1:0-1:10', '0:0-5:55', '0:0-28:111', '0:0-29:0']);
  });

  test('in the story text: quote text, quote, paragraph, story text, story', () => {
    assert.deepEqual(selectionChain(clean.model, { line: 25, character: 70 }, clean.lines).map(at), ['25:67-25:116', '25:66-25:117', '25:0-25:183', '23:0-28:111', '0:0-28:111', '0:0-29:0']);
  });

  test('in an archive the story is the header block and body of that story only', () => {
    const archive = fixture('outline/archive.unifeed');
    const ranges = selectionChain(archive.model, { line: 32, character: 10 }, archive.lines).map(at);
    assert.deepEqual(ranges, ['32:1-32:85', '32:0-32:86', '31:0-32:86', '22:0-32:86', '0:0-44:0']);
  });

  test('in an interview: sentence or quote, paragraph, turn, document', () => {
    const interview = fixture('outline/interview.unifeed');
    assert.deepEqual(chain(interview, 2, 20), [
      'The patrols are longer and the nights ar', 'The patrols are longer and the nights ar', 'The patrols are longer and the nights ar',
      'Solberg-Achebe: The patrols are longer a', 'UN News: You spent the winter in Naqoura',
    ]);
    assert.deepEqual(selectionChain(interview.model, { line: 2, character: 20 }, interview.lines).map(at), ['2:16-2:66', '2:16-2:144', '2:16-4:71', '2:0-4:71', '0:0-9:0']);
    assert.deepEqual(chain(interview, 2, 90).slice(0, 3), ['the olives are back,', '“the olives are back,”', 'Farmers tell us “the olives are back,” a']);
    assert.deepEqual(chain(interview, 0, 2).slice(0, 1), ['UN News']);
  });

  test('in prose: quote, sentence, paragraph, document', () => {
    const article = fixture('prose/article.txt');
    assert.deepEqual(chain(article, 8, 70), ['We see trucks again,', '“We see trucks again,”', '“We see trucks again,” one said.', 'Local officials said traffic had doubled', 'Blue helmets help reopen market road in ']);
  });

  test('sentences stop at . ? ! but not after titles and initials', () => {
    const text = 'Mr. Lacroix met the U.N. team. Was it useful? Yes!';
    const sentence = (character: number): string => {
      const range = sentenceAt(text, { line: 0, character }, { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } });
      return range ? text.slice(range.start.character, range.end.character) : '';
    };
    assert.equal(sentence(5), 'Mr. Lacroix met the U.N. team.');
    assert.equal(sentence(35), 'Was it useful?');
    assert.equal(sentence(48), 'Yes!');
  });

  test('every chain on every line of every document nests and contains the position', () => {
    for (const { name, loaded } of allDocuments()) {
      for (let line = 0; line < loaded.model.lineCount; line++) {
        const length = loaded.lines(line).length;
        for (const character of [0, Math.floor(length / 2), length]) {
          const position = { line, character };
          const ranges = selectionChain(loaded.model, position, loaded.lines);
          ranges.forEach((range, index) => {
            assert.ok(rangeContainsPosition(range, position), `${name} ${line}:${character}`);
            const previous = ranges[index - 1];
            assert.ok(!previous || (rangeContainsRange(range, previous) && at(range) !== at(previous)), `${name} ${line}:${character}: ${ranges.map(at).join(' ')}`);
          });
        }
      }
    }
  });
});

suite('outline: soundbite navigation', () => {
  const clean = fixture('shotlists/clean.txt');
  const targets = soundbiteTargets(clean.model);
  const where = (step: ReturnType<typeof stepTarget>): string => (step ? `${step.target.position.line}:${step.target.position.character}${step.wrapped ? ' wrapped' : ''}` : 'none');

  test('targets are the first words of each quote', () => {
    assert.deepEqual(targets.map((target) => `${target.position.line}:${target.position.character}`), ['13:1', '16:1', '21:1']);
  });

  test('next and previous move strictly past the cursor and wrap at the ends', () => {
    assert.equal(where(stepTarget(targets, { line: 0, character: 0 }, 'next')), '13:1');
    assert.equal(where(stepTarget(targets, { line: 13, character: 1 }, 'next')), '16:1');
    assert.equal(where(stepTarget(targets, { line: 12, character: 0 }, 'next')), '13:1');
    assert.equal(where(stepTarget(targets, { line: 21, character: 1 }, 'next')), '13:1 wrapped');
    assert.equal(where(stepTarget(targets, { line: 16, character: 1 }, 'previous')), '13:1');
    assert.equal(where(stepTarget(targets, { line: 16, character: 40 }, 'previous')), '16:1');
    assert.equal(where(stepTarget(targets, { line: 13, character: 1 }, 'previous')), '21:1 wrapped');
    assert.equal(where(stepTarget(targets, { line: 0, character: 0 }, 'previous')), '21:1 wrapped');
    assert.equal(stepTarget([], { line: 0, character: 0 }, 'next'), null);
  });

  test('a one-line (Geneva) soundbite is reached at its quote on the speaker line', () => {
    const geneva = fixture('shotlists/geneva.txt');
    const position = soundbiteTargets(geneva.model)[0]?.position;
    assert.equal(position?.line, 9);
    assert.match(geneva.lines(9).slice(position?.character), /^Convoys carrying food for 120,000 people/u);
    assert.equal(geneva.lines(9).charAt((position?.character ?? 0) - 1), '“');
  });

  test('interviews move between answers; prose between quotes', () => {
    const interview = fixture('outline/interview.unifeed');
    assert.deepEqual(soundbiteTargets(interview.model).map((target) => `${target.turn?.role} ${target.position.line}:${target.position.character}`), ['answer 2:16', 'answer 8:16']);
    // Unlabelled captions of one voice form one turn: the closing `Thank you` joins the last answer.
    const timecoded = fixture('interviews/timecoded.txt');
    assert.deepEqual(soundbiteTargets(timecoded.model).map((target) => target.turn?.timecode), ['00:08', '00:16', '00:24']);
    const article = fixture('prose/article.txt');
    assert.deepEqual(soundbiteTargets(article.model).map((target) => `${target.position.line}:${target.position.character}`), ['4:1', '6:128', '8:64', '8:97']);
  });

  test('the current soundbite is the one the cursor is in, or the last one above it', () => {
    assert.equal(currentTarget(targets, { line: 0, character: 0 }), -1);
    assert.equal(currentTarget(targets, { line: 13, character: 50 }), 0);
    assert.equal(currentTarget(targets, { line: 18, character: 0 }), 1);
    assert.equal(currentTarget(targets, { line: 28, character: 0 }), 2);
  });
});

suite('outline: "Go to Soundbite…" items', () => {
  test('label "N. Speaker", description read time · language · title, detail the whole quote', () => {
    const loaded = seed('000_e751e5e04960dd4f.txt');
    const items = soundbitePickItems(loaded.model);
    assert.equal(items.length, 8);
    assert.equal(items[0]?.label, '2. Jean-Pierre Lacroix');
    assert.equal(items[0]?.description, '29 s · English · Under-Secretary-General for Peace Operations, United Nations');
    assert.match(items[0]?.detail ?? '', /^We're on the way to completing this drawdown .* stay and do more\.$/u);
    assert.equal(items[0]?.story, null);
    assert.ok(items.every((item, index) => item.targetIndex === index));
  });

  test('in an archive each item names its story, for the separators', () => {
    const items = soundbitePickItems(fixture('outline/archive.unifeed').model);
    assert.deepEqual(items.map((item) => `${item.story} / ${item.label}`), [
      'UN / FICTIONAL LAKE FERRY / 3. Imani Batchelor-Ngoy',
      'UN / FICTIONAL LAKE FERRY / 5. Colonel Aurélien Mbaye-Dupont',
      'UN / FICTIONAL SCHOOL ROOFS / 2. Noor Haddad-Kessler',
      'UN / FICTIONAL SCHOOL ROOFS / 4. Samuel Oyelaran-Field',
      'UN / FICTIONAL CLINIC GENERATOR / 2. Grace Achol-Lindgren',
    ]);
    assert.equal(items[1]?.description, '5 s · French · Commander, MONUSCO Riverine Unit');
  });

  test('an unnumbered soundbite and a missing quote still give an item', () => {
    const loaded = load(joinLines(
      'STORY: UN / FICTIONAL WELLS', 'TRT: 2:10', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH / NATS',
      'DATELINE: 4 APRIL 2026, BOR, SOUTH SUDAN',
      'SOUNDBITE (English) Ana Ruiz, Nurse, Bor Hospital:', '“Water first.”',
      '2. SOUNDBITE (English) Luc Abena, Mayor of Bor:',
      '3. Wide shot, the well',
    ));
    const items = soundbitePickItems(loaded.model);
    assert.deepEqual(items.map((item) => `${item.label} | ${item.detail}`), ['Ana Ruiz | Water first.', '2. Luc Abena | no quote']);
    const outline = tree(buildOutline(loaded.model, { lines: loaded.lines }));
    assert.ok(outline.includes('  soundbite 2. Luc Abena | no quote'), outline.join('\n'));
    assert.ok(outline.includes('  soundbite Ana Ruiz | Water first. · 1 s'), outline.join('\n'));
  });

  test('a very long quote is cut at a word near 1,000 characters (edge/long_line.txt: 5,000)', () => {
    const [item] = soundbitePickItems(fixture('edge/long_line.txt').model);
    assert.ok(item && item.detail.length <= 1001 && item.detail.length > 900 && item.detail.endsWith('…'), String(item?.detail.length));
    assert.match(item.description, /^\d:\d\d · /u);
  });

  test('items are worded when the list reads them, each read time once per list, with the words a fresh item has', () => {
    let worded = 0;
    const labels = { ...englishLabels, seconds: (seconds: number) => { worded++; return `${seconds} s`; } };
    const text = archive(600_000);
    const items = soundbitePickItems(parseTranscript(text), labels);
    assert.ok(items.length > 500, `${items.length} items`);
    assert.equal(worded, 0, 'no item worded before the list reads it');
    const readTimes = new Set(items.map((item) => item.description.split(' · ')[0]));
    assert.ok(worded > 0 && worded <= readTimes.size, `${worded} read times worded for ${readTimes.size} different ones`);
    // Read in another order (a search, then the items around the cursor): the same words each time.
    const again = soundbitePickItems(parseTranscript(text), labels);
    for (const index of [items.length - 1, 0, 250, 250, 3]) {
      const [item, fresh] = [items[index], again[index]];
      assert.deepEqual([item?.detail, item?.label, item?.description], [fresh?.detail, fresh?.label, fresh?.description]);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(items[3])), { label: items[3]?.label, description: items[3]?.description, detail: items[3]?.detail, story: items[3]?.story, targetIndex: 3 });
  });

  test('interview items are the answers with their words', () => {
    const items = soundbitePickItems(fixture('outline/interview.unifeed').model);
    assert.deepEqual(items.map((item) => `${item.label} | ${item.description}`), ['Solberg-Achebe | 12 s', 'Solberg-Achebe | 6 s']);
    assert.match(items[0]?.detail ?? '', /^The patrols are longer .* keep people honest\.$/u);
  });
});
