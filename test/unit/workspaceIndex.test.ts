// The workspace index's pure part (src/core/workspace/): entries built from the real seeds and
// from synthetic transcripts, search for workspace symbols, grouping for the Soundbites view, which files
// are read, and the time slicer that keeps the extension host responsive while the index builds.
import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../src/core/parse';
import { TimeSlicer } from '../../src/core/workspace/timeSlicer';
import { runToEnd } from '../../src/core/util/steps';
import { firstWordsOf, indexSteps, indexText, indexTextInSlices, indexTranscript, soundbiteAtLine, type FileEntry } from '../../src/core/workspace/entries';
import { groupKeyOf, groupSoundbites, groupSoundbitesSteps } from '../../src/core/workspace/grouping';
import { indexPolicy } from '../../src/core/workspace/policy';
import { compareText, filterByWordsSteps, foldForSearch, quoteExcerpt, searchIndex, searchIndexSteps, searchWords, type SearchHit } from '../../src/core/workspace/search';
import { lines, readFixture, readSeed, stepThrough } from './helpers';

const lacroixSeed = '000_e751e5e04960dd4f.txt';

function index(text: string, file: string, detect = false): FileEntry {
  const entry = indexText(text, file, { detect });
  assert.ok(entry, `${file} was not indexed`);
  return entry;
}

function describe(hit: SearchHit): string {
  return hit.kind === 'story' ? `story ${hit.entry.name}` : `${hit.entry.number}. ${hit.entry.speaker} (${hit.entry.file})`;
}

/** A shot list with the given soundbites: [speaker line, quote]. */
function shotlist(slug: string, soundbites: ReadonlyArray<readonly [string, string]>): string {
  const body: string[] = [];
  soundbites.forEach(([speaker, quote], index) => {
    body.push(`${index * 2 + 1}. Wide shot, a street in the rain`);
    body.push(`${index * 2 + 2}. SOUNDBITE ${speaker}:`, `“${quote}”`);
  });
  return lines(
    `STORY: ${slug}`, 'TRT: 02:10', 'SOURCE: UNIFEED', 'RESTRICTIONS: NONE', 'LANGUAGES: ENGLISH / FRENCH / NATS',
    'DATELINE: 4 APRIL 2025, GENEVA, SWITZERLAND', '4 APRIL 2025, GENEVA, SWITZERLAND', ...body, '',
  );
}

const geneva = shotlist('GENEVA / WATER SUMMIT', [
  ['(French) Gaël Rousseau-Temba, Spokesperson, World Food Programme (WFP)', 'We have trucks, we have food, we have drivers, what we lack is permission to move.'],
  ['(English) Zoë Ångström-Keita, Hydrologist, UNESCO', 'The aquifer under the valley is older than the city above it.'],
  ['(English) Øyvind Næss, Engineer, UNOPS', 'Every pump we repair serves four hundred families.'],
  ['(English) Gael Rousseau-Temba, Spokesperson, WFP', 'Nothing moves until the corridor opens.'],
]);

suite('workspace index: entries', () => {
  test(`the real seed ${lacroixSeed}: one story, eight soundbites with speaker, title, language and quote`, () => {
    const entry = index(readSeed(lacroixSeed), 'seed', true);
    assert.equal(entry.format, 'shotlist');
    assert.deepEqual(entry.stories.map((story) => [story.slug, story.name, story.line, story.soundbiteCount]),
      [['UN / PEACEKEEPING LACROIX INTERVIEW', 'UN / PEACEKEEPING LACROIX INTERVIEW', 4, 8]]);
    assert.deepEqual(entry.soundbites.map((soundbite) => soundbite.number), [2, 4, 6, 8, 10, 12, 14, 2]);
    assert.deepEqual(entry.soundbites.map((soundbite) => soundbite.line), [13, 18, 23, 28, 33, 38, 43, 48]);
    const first = entry.soundbites[0];
    assert.ok(first);
    assert.equal(first.speaker, 'Jean-Pierre Lacroix');
    assert.equal(first.title, 'Under-Secretary-General for Peace Operations, United Nations');
    assert.equal(first.language, 'English');
    assert.equal(first.story, 'UN / PEACEKEEPING LACROIX INTERVIEW');
    assert.equal(first.firstWords, 'We\'re on the way to completing this…');
    assert.match(first.quote, /^We're on the way .* stay and do more\.$/u);
    assert.deepEqual(first.range, { startLine: 13, startCharacter: 0, endLine: 14, endCharacter: 498 });
    assert.deepEqual(first.quoteRange, { startLine: 14, startCharacter: 1, endLine: 14, endCharacter: 497 });
    assert.equal(first.speakerKey, 'jean pierre lacroix');
    assert.ok(entry.soundbites.every((soundbite) => soundbite.speakerKey === 'jean pierre lacroix'));
  });

  test('the other real seeds: interviews are stories named by their title, an article is not a transcript', () => {
    const interviews = ['001_14562a544e8f9c57.txt', '002_7dd2ed208037229b.txt', '003_18c4663f6ef51ebb.txt'].map((name) => index(readSeed(name), name, true));
    for (const entry of interviews) {
      assert.equal(entry.format, 'interview');
      assert.equal(entry.soundbites.length, 0);
      assert.equal(entry.stories.length, 1);
      assert.ok((entry.stories[0]?.name ?? '').length > 0, `${entry.file} has a story name`);
    }
    assert.equal(interviews[0]?.stories[0]?.name, 'UN peacekeeping chief on International Day of the Peacekeeper');
    assert.equal(indexText(readSeed('004_b749ba6905aa5d11.txt'), 'article', { detect: true }), null);
    // Without detection (a .unifeed file) the same text is indexed as prose.
    assert.equal(indexText(readSeed('004_b749ba6905aa5d11.txt'), 'article', { detect: false })?.format, 'prose');
  });

  test('entries are plain data: no parser records, nothing that keeps the document alive', () => {
    const entry = index(readSeed(lacroixSeed), 'seed');
    assert.deepEqual(JSON.parse(JSON.stringify(entry)), entry);
    for (const soundbite of entry.soundbites) {
      assert.equal(Object.getPrototypeOf(soundbite), Object.prototype);
      assert.equal(Object.getPrototypeOf(soundbite.range), Object.prototype);
    }
  });

  test('an archive: soundbites belong to the story whose header precedes them, numbering restarts', () => {
    const archive = `${shotlist('UN / FIRST STORY', [['(English) Ana Ruiz, Nurse', 'One.'], ['(English) Luc Abena, Mayor', 'Two.']])}\n${shotlist('UN / SECOND STORY', [['(French) Ana Ruiz, Nurse', 'Three.']])}`;
    const entry = index(archive, 'archive');
    assert.deepEqual(entry.stories.map((story) => [story.index, story.name, story.soundbiteCount]), [[0, 'UN / FIRST STORY', 2], [1, 'UN / SECOND STORY', 1]]);
    assert.deepEqual(entry.soundbites.map((soundbite) => [soundbite.number, soundbite.storyIndex, soundbite.story, soundbite.quote]),
      [[2, 0, 'UN / FIRST STORY', 'One.'], [4, 0, 'UN / FIRST STORY', 'Two.'], [2, 1, 'UN / SECOND STORY', 'Three.']]);
  });

  test('a shot list without STORY is named by its page title; without either the name is null', () => {
    const titled = index(lines('UN / RIVER CROSSING', 'TRT: 01:00', 'DATELINE: 1 MAY 2025, JUBA', '1. SOUNDBITE (English) Ana Ruiz, Nurse:', '“We cross at dawn.”'), 'titled');
    assert.equal(titled.stories[0]?.slug, null);
    assert.equal(titled.stories[0]?.name, 'UN / RIVER CROSSING');
    const bare = index(lines('1. SOUNDBITE (English) Ana Ruiz, Nurse:', '“We cross at dawn.”'), 'bare');
    assert.equal(bare.stories[0]?.name, null);
    assert.equal(bare.soundbites[0]?.story, null);
  });

  test('fixtures: one-line Geneva soundbites, a missing quote, an unrecognised language as written', () => {
    const geneva = index(readFixture('shotlists/geneva.txt'), 'geneva', true);
    assert.deepEqual(geneva.soundbites.map((soundbite) => [soundbite.speaker, soundbite.language, soundbite.range.startLine === soundbite.range.endLine]),
      [['Liesl Marchetti-Oduya', 'English', true], ['Gaël Rousseau-Temba', 'French', true], ['Liesl Marchetti-Oduya', 'English', true]]);
    const variants = index(readFixture('shotlists/soundbite_variants.txt'), 'variants', true);
    assert.ok(variants.soundbites.some((soundbite) => soundbite.language === 'Englsh'), 'Englsh kept as written');
    const missing = index(lines('STORY: UN / X', 'TRT: 1:00', 'DATELINE: 1 MAY 2025, JUBA', '1. SOUNDBITE (English) Ana Ruiz, Nurse:', '2. Wide shot, river'), 'missing');
    assert.equal(missing.soundbites[0]?.quote, '');
    assert.equal(missing.soundbites[0]?.quoteRange, null);
    assert.equal(missing.soundbites[0]?.firstWords, '');
  });

  test('soundbites of one speaker read alike; a different language or title gives its own fields (the index reads each distinct one once)', () => {
    const text = shotlist('UN / SHARED', [
      ['(English) Mira Koskinen, Spokesperson, United Nations', 'First.'],
      ['(English) Mira Koskinen, Spokesperson, United Nations', 'Second.'],
      ['(French) Mira Koskinen, Spokesperson, United Nations', 'Third.'],
      ['(English) Mira Koskinen, Spokesperson, UNICEF', 'Fourth.'],
    ]);
    const [first, second, french, unicef] = index(text, 'shared').soundbites;
    assert.ok(first && second && french && unicef);
    assert.deepEqual([first.speaker, first.title, first.language, first.titleText], ['Mira Koskinen', 'Spokesperson, United Nations', 'English', ' spokesperson united nations english ']);
    assert.equal(second.speaker, first.speaker);
    assert.equal(second.titleText, first.titleText);
    assert.equal(french.speakerText, first.speakerText);
    assert.deepEqual([french.language, french.titleText], ['French', ' spokesperson united nations french ']);
    assert.deepEqual([unicef.title, unicef.language, unicef.titleText], ['Spokesperson, UNICEF', 'English', ' spokesperson unicef english ']);
  });

  test('indexTranscript on an already parsed model gives the same entries as indexText', () => {
    const text = readSeed(lacroixSeed);
    assert.deepEqual(indexTranscript(parseTranscript(text), 'seed'), index(text, 'seed'));
  });

  test('indexTextInSlices: the same entries, with a chance to yield before the parse and between steps', async () => {
    const archive = Array.from({ length: 40 }, (_, story) => shotlist(`UN / STORY ${story}`,
      Array.from({ length: 5 }, (_unused, n) => [`(English) Speaker ${n}, Officer`, `Quote ${n} of story ${story}.`] as const))).join('\n');
    const estimates: number[] = [];
    const slicer = { checkpoint: async (upcomingMs = 0) => { estimates.push(upcomingMs); } };
    const sliced = await indexTextInSlices(archive, 'archive', { detect: true }, slicer);
    assert.deepEqual(sliced, index(archive, 'archive', true));
    assert.equal(sliced?.soundbites.length, 200);
    // Detection, the parse (its estimate grows with the text), then one chance before each step of indexSteps.
    assert.ok((estimates[0] ?? 0) > 0 && (estimates[1] ?? 0) >= (estimates[0] ?? 0), `estimates ${estimates.join(', ')}`);
    let steps = 0;
    for (const run = indexSteps(parseTranscript(archive), 'archive'); !run.next().done;) {
      steps++;
    }
    // Before the headers, before the soundbites, and every 64 soundbites (200 of them): 5 yields, 6 steps.
    assert.equal(steps + 1, 6);
    assert.equal(estimates.length, 2 + steps + 1);
    assert.equal(await indexTextInSlices(readSeed('004_b749ba6905aa5d11.txt'), 'article', { detect: true }, slicer), null);
  });
});

suite('workspace index: text helpers', () => {
  test('foldForSearch: lower case, accents and special letters removed', () => {
    assert.equal(foldForSearch('Gaël Ångström-Keita'), 'gael angstrom-keita');
    assert.equal(foldForSearch('Øyvind Næss, Straße, Łódź, ŒUVRE'), 'oyvind naess, strasse, lodz, oeuvre');
    assert.equal(foldForSearch('PLAIN ascii'), 'plain ascii');
  });

  test('searchWords: letters and digits only, apostrophes and dashes separate', () => {
    assert.deepEqual(searchWords('We’re on the 31st — Jean-Pierre’s “drawdown”'), ['we', 're', 'on', 'the', '31st', 'jean', 'pierre', 's', 'drawdown']);
  });

  test('firstWordsOf: seven words or 48 characters at most, cut with an ellipsis, trailing punctuation dropped', () => {
    assert.equal(firstWordsOf('Short quote.'), 'Short quote.');
    assert.equal(firstWordsOf('One two three four five six seven eight nine ten'), 'One two three four five six seven…');
    assert.equal(firstWordsOf('We have trucks, we have food, we have drivers, what we lack'), 'We have trucks, we have food, we…');
    assert.equal(firstWordsOf('Supercalifragilisticexpialidocious'.repeat(3)).length, 48);
    assert.equal(firstWordsOf(''), '');
  });

  test('quoteExcerpt: the words around the first word that starts with a query word', () => {
    const quote = 'We have trucks, we have food, we have drivers, what we lack is permission to move.';
    assert.equal(quoteExcerpt(quote, ['permis']), '…lack is permission to move.');
    assert.equal(quoteExcerpt(quote, ['absent']), null);
  });
});

suite('workspace index: search', () => {
  const seed = index(readSeed(lacroixSeed), 'file:///seed.txt');
  const summit = index(geneva, 'file:///geneva.unifeed');
  const files = [seed, summit];

  test('by speaker: the story whose slug names him first, then his soundbites in file order', () => {
    const hits = searchIndex(files, 'lacroix');
    assert.equal(hits.length, 9);
    assert.equal(describe(hits[0] as SearchHit), 'story UN / PEACEKEEPING LACROIX INTERVIEW');
    assert.ok(hits.slice(1).every((hit) => hit.kind === 'soundbite' && hit.entry.speaker === 'Jean-Pierre Lacroix'));
    assert.deepEqual(hits.slice(1).map((hit) => hit.entry.line), [13, 18, 23, 28, 33, 38, 43, 48]);
  });

  test('case- and accent-insensitive, both ways', () => {
    for (const query of ['gael', 'GAËL', 'Gaël', 'rousseau']) {
      const hits = searchIndex(files, query);
      assert.deepEqual(hits.map(describe), ['2. Gaël Rousseau-Temba (file:///geneva.unifeed)', '8. Gael Rousseau-Temba (file:///geneva.unifeed)'], query);
    }
    assert.deepEqual(searchIndex(files, 'angstrom').map(describe), ['4. Zoë Ångström-Keita (file:///geneva.unifeed)']);
    assert.deepEqual(searchIndex(files, 'oyvind naess').map(describe), ['6. Øyvind Næss (file:///geneva.unifeed)']);
  });

  test('by slug: the story, then its soundbites', () => {
    const hits = searchIndex(files, 'summit');
    assert.equal(hits[0]?.kind, 'story');
    assert.equal(hits[0]?.entry.file, 'file:///geneva.unifeed');
    assert.equal(hits.length, 5);
  });

  test('by a word of the quote: an excerpt around it when it is not among the first words', () => {
    const deep = searchIndex(files, 'withdrawal');
    assert.deepEqual(deep.map(describe), ['4. Jean-Pierre Lacroix (file:///seed.txt)']);
    assert.equal(deep[0]?.kind === 'soundbite' ? deep[0].excerpt : undefined, '…sure that withdrawal would happen in a way that…');
    const early = searchIndex(files, 'completing');
    assert.deepEqual(early.map(describe), ['2. Jean-Pierre Lacroix (file:///seed.txt)']);
    assert.equal(early[0]?.kind === 'soundbite' ? early[0].excerpt : undefined, null);
    // A word prefix finds the word; the middle of a word does not.
    assert.equal(searchIndex(files, 'permis').length, 1);
    assert.equal(searchIndex(files, 'ermission').length, 0);
  });

  test('every query word must match; speaker matches outrank quote matches', () => {
    assert.deepEqual(searchIndex(files, 'lacroix mali').map(describe), ['2. Jean-Pierre Lacroix (file:///seed.txt)']);
    assert.equal(searchIndex(files, 'lacroix aquifer').length, 0);
    const mixed = searchIndex([summit], 'rousseau');
    assert.ok(mixed.every((hit) => hit.score >= 80));
    const quote = searchIndex([summit], 'move');
    assert.ok(quote.every((hit) => hit.score < 30));
  });

  test('by the speaker\'s title, the language, and by initials', () => {
    assert.deepEqual(searchIndex(files, 'hydrologist').map(describe), ['4. Zoë Ångström-Keita (file:///geneva.unifeed)']);
    assert.deepEqual(searchIndex([summit], 'french').map(describe), ['2. Gaël Rousseau-Temba (file:///geneva.unifeed)']);
    assert.equal(searchIndex([seed], 'jpl').length, 8);
  });

  test('an empty query lists the stories by name', () => {
    assert.deepEqual(searchIndex(files, '').map(describe), ['story GENEVA / WATER SUMMIT', 'story UN / PEACEKEEPING LACROIX INTERVIEW']);
    assert.deepEqual(searchIndex(files, ' — ').map(describe), ['story GENEVA / WATER SUMMIT', 'story UN / PEACEKEEPING LACROIX INTERVIEW']);
  });

  test('results are capped, the best kept', () => {
    const many = Array.from({ length: 60 }, (_, file) => index(shotlist(`UN / STORY ${file}`,
      Array.from({ length: 10 }, (_unused, n) => [`(English) Speaker ${file} ${n}, Officer`, `The river rose again at dawn number ${n}.`] as const)), `file:///many/${file}.unifeed`));
    const hits = searchIndex([...many, seed], 'river', { limit: 500 });
    assert.equal(hits.length, 500);
    assert.equal(searchIndex([...many, seed], 'river').length, 500, 'the default limit is 500');
    assert.equal(searchIndex([...many, seed], 'lacroix', { limit: 3 }).length, 3);
    assert.equal(searchIndex([...many, seed], 'lacroix', { limit: 3 })[0]?.kind, 'story');
  });

  test('in steps: a search over thousands of soundbites yields between steps, and the hits come best first', () => {
    const many = Array.from({ length: 300 }, (_, file) => index(shotlist(`UN / STORY ${file}`,
      Array.from({ length: 10 }, (_unused, n) => [`(English) ${n % 5 === 0 ? 'Ana River' : 'Speaker'} ${file} ${n}, Officer`, `The river rose again at dawn.`] as const)), `file:///many/${String(file).padStart(3, '0')}.unifeed`));
    const count = (query: string): { steps: number; hits: SearchHit[] } => {
      const { value, steps } = stepThrough(searchIndexSteps(many, query, { limit: 5000 }));
      return { steps, hits: value };
    };
    const river = count('river');
    assert.equal(river.hits.length, 3000);
    // 3,300 entries scored, 3,000 hits sorted in runs and merged: many steps, not one.
    assert.ok(river.steps >= 10, `${river.steps} steps`);
    const scores = river.hits.map((hit) => hit.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    // The speakers named River first, then the quotes that hold the word.
    assert.equal(river.hits.findIndex((hit) => hit.kind === 'soundbite' && !(hit.entry.speaker ?? '').startsWith('Ana River')), 600);
    const stories = count('');
    assert.equal(stories.hits.length, 300);
    assert.deepEqual(stories.hits.map(describe), [...stories.hits.map(describe)].sort((a, b) => compareText(a, b)));
  });
});

suite('a long list filtered in steps (Go to Soundbite in a large archive)', () => {
  const items = Array.from({ length: 3000 }, (_, index) => `Ana Núñez ${index}: “La presa número ${index % 7 === 0 ? 'siete' : 'otra'}”`);

  test('every word of the query, in any case and with or without accents, the first ones up to the limit, and their number', () => {
    const expected = items.flatMap((_, index) => (index % 7 === 0 && String(index).includes('1') ? [index] : []));
    assert.ok(expected.length > 40);
    const { value, steps } = stepThrough(filterByWordsSteps(items, 'NUNEZ  Siete 1', (item) => item, 40));
    assert.deepEqual(value.indices, expected.slice(0, 40));
    assert.equal(value.total, expected.length);
    assert.ok(steps >= 3000 / 400, `${steps} steps`);
    assert.deepEqual(runToEnd(filterByWordsSteps(items, 'presa núm 2999', (item) => item, 10)).indices, [2999]);
    assert.deepEqual(runToEnd(filterByWordsSteps(items, 'ana 0 otro', (item) => item, 10)), { indices: [], total: 0 });
    // A paste of white space before the words keeps the words.
    assert.deepEqual(runToEnd(filterByWordsSteps(items, `${' '.repeat(210)}presa 2999`, (item) => item, 10)).indices, [2999]);
  });

  test('each item is folded once per list, also when a search stopped half way', () => {
    let read = 0;
    const textOf = (item: string): string => {
      read++;
      return item;
    };
    const folded: string[] = [];
    const stopped = filterByWordsSteps(items, 'siete', textOf, 5, folded);
    stopped.next();
    stopped.next();
    stopped.return(undefined as never);
    assert.equal(folded.length, read);
    assert.ok(read > 0 && read < items.length);
    const first = runToEnd(filterByWordsSteps(items, 'siete', textOf, 5, folded));
    const second = runToEnd(filterByWordsSteps(items, 'núñez 28', textOf, 5, folded));
    assert.equal(read, items.length);
    assert.deepEqual(first, { indices: [0, 7, 14, 21, 28], total: Math.ceil(3000 / 7) });
    assert.deepEqual(second.indices, [28, 128, 228, 280, 281]);
  });
});

suite('workspace index: grouping and lookup', () => {
  const seed = index(readSeed(lacroixSeed), 'file:///a/seed.txt');
  const summit = index(geneva, 'file:///b/geneva.unifeed');
  const unknown = index(lines('STORY: UN / NOBODY', 'TRT: 1:00', 'DATELINE: 1 MAY 2025, JUBA', '1. SOUNDBITE (English):', '“Who said this?”'), 'file:///c/nobody.unifeed');

  test('a soundbite\'s group key names the group it is in, both ways (the view finds the cursor\'s group by it)', () => {
    for (const by of ['speaker', 'story'] as const) {
      const groups = groupSoundbites([seed, summit, unknown], by);
      assert.equal(new Set(groups.map((group) => group.key)).size, groups.length, `${by}: keys are unique`);
      for (const group of groups) {
        assert.ok(group.soundbites.length > 0);
        for (const soundbite of group.soundbites) {
          assert.equal(groupKeyOf(soundbite, by), group.key, `${by}: ${soundbite.speaker ?? '?'} line ${soundbite.line}`);
        }
      }
    }
  });

  test('by speaker: spellings that fold alike share a group, sorted by name, the unknown speaker last', () => {
    const groups = groupSoundbites([seed, summit, unknown], 'speaker');
    assert.deepEqual(groups.map((group) => [group.label, group.soundbites.length]),
      [['Gaël Rousseau-Temba', 2], ['Jean-Pierre Lacroix', 8], ['Øyvind Næss', 1], ['Zoë Ångström-Keita', 1], [null, 1]]);
    assert.equal(groups[0]?.key, 'gael rousseau temba');
    assert.ok(groups.every((group) => group.story === null));
  });

  test('by story: files in the order given, stories in document order', () => {
    const groups = groupSoundbites([summit, seed], 'story');
    assert.deepEqual(groups.map((group) => [group.key, group.label, group.soundbites.length]),
      [['file:///b/geneva.unifeed#0', 'GENEVA / WATER SUMMIT', 4], ['file:///a/seed.txt#0', 'UN / PEACEKEEPING LACROIX INTERVIEW', 8]]);
    assert.equal(groups[1]?.story?.line, 4);
  });

  test('an archive of 12,000 soundbites is grouped in steps of a few thousand, as a plain grouping would', () => {
    const story = (index: number): string => lines(`STORY: UN / STORY ${index}`, 'TRT: 1:00', 'DATELINE: 1 MAY 2025, JUBA',
      `1. SOUNDBITE (English) Speaker ${(index * 7) % 700}, Officer:`, '“We stay.”', `2. SOUNDBITE (English) Speaker ${(index * 3) % 700}, Officer:`, '“We go.”');
    const archive = index(Array.from({ length: 6000 }, (_, at) => story(at)).join('\n\n'), 'file:///d/archive.unifeed');
    assert.equal(archive.soundbites.length, 12_000);
    for (const by of ['speaker', 'story'] as const) {
      const step = stepThrough(groupSoundbitesSteps([archive, seed], by));
      assert.ok(step.steps >= 3, `${by}: ${step.steps} steps`);
      // The plain grouping: first appearance order of each key, then (by speaker) sorted by name.
      const plain = new Map<string, number[]>();
      for (const file of [archive, seed]) {
        for (const soundbite of file.soundbites) {
          const key = by === 'speaker' ? soundbite.speakerKey : `${file.file}#${soundbite.storyIndex}`;
          const known = plain.get(key);
          if (known) {
            known.push(soundbite.line);
          } else {
            plain.set(key, [soundbite.line]);
          }
        }
      }
      const got = step.value.map((group) => [group.key, group.soundbites.map((soundbite) => soundbite.line)] as const);
      assert.equal(got.length, plain.size);
      for (const [key, soundbiteLines] of got) {
        assert.deepEqual(soundbiteLines, plain.get(key), `${by}: group ${key}`);
      }
      if (by === 'story') {
        assert.deepEqual(got.map(([key]) => key), [...plain.keys()]);
      } else {
        const labels = step.value.map((group) => group.label).filter((label): label is string => label !== null);
        assert.ok(labels.every((label, at) => at === 0 || compareText(labels[at - 1] as string, label) <= 0), 'sorted by name');
      }
    }
  });

  test('soundbiteAtLine: the soundbite whose speaker line or quote holds the line', () => {
    assert.equal(soundbiteAtLine(seed.soundbites, 13)?.number, 2);
    assert.equal(soundbiteAtLine(seed.soundbites, 14)?.number, 2);
    assert.equal(soundbiteAtLine(seed.soundbites, 15), undefined, 'the section line after the quote');
    assert.equal(soundbiteAtLine(seed.soundbites, 0), undefined);
    assert.equal(soundbiteAtLine(seed.soundbites, 48)?.line, 48);
    assert.equal(soundbiteAtLine([], 3), undefined);
  });
});

suite('workspace index: which files are read', () => {
  const options = { associations: {}, detectTranscripts: true, languageId: 'unifeed' };

  test('.unifeed and .shotlist by name, .txt and .md after detection, anything else never', () => {
    assert.equal(indexPolicy('/w/a.unifeed', options), 'index');
    assert.equal(indexPolicy('/w/a.SHOTLIST', options), 'index');
    assert.equal(indexPolicy('/w/a.txt', options), 'detect');
    assert.equal(indexPolicy('/w/notes/a.md', options), 'detect');
    assert.equal(indexPolicy('/w/a.json', options), 'skip');
    assert.equal(indexPolicy('/w/unifeed', options), 'skip');
  });

  test('node_modules and .git are never read', () => {
    assert.equal(indexPolicy('/w/node_modules/pkg/story.unifeed', options), 'skip');
    assert.equal(indexPolicy('/w/.git/story.txt', options), 'skip');
  });

  test('shotlist.detectTranscripts off: only files that are transcripts by name', () => {
    const off = { ...options, detectTranscripts: false };
    assert.equal(indexPolicy('/w/a.txt', off), 'skip');
    assert.equal(indexPolicy('/w/a.unifeed', off), 'index');
  });

  test('files.associations decides first, as in the editor', () => {
    const associations = { '*.txt': 'plaintext', '**/stories/*.md': 'unifeed', '**/archive/*.unifeed': 'plaintext' };
    const associated = { ...options, associations };
    assert.equal(indexPolicy('/w/a.txt', associated), 'skip');
    assert.equal(indexPolicy('/w/stories/a.md', associated), 'index');
    assert.equal(indexPolicy('/w/other/a.md', associated), 'detect');
    assert.equal(indexPolicy('/w/archive/a.unifeed', associated), 'skip');
  });
});

suite('time slicer', () => {
  test('yields to the event loop once the budget is spent, and records the longest slice', async () => {
    let now = 0;
    let yields = 0;
    const slicer = new TimeSlicer({ budgetMs: 10, now: () => now, yieldToEventLoop: async () => { yields++; } });
    for (const cost of [4, 4, 4, 1, 30, 2]) {
      now += cost;
      await slicer.checkpoint();
    }
    slicer.finish();
    assert.equal(yields, 2, 'after 12 ms and after 31 ms');
    assert.equal(slicer.longestSliceMs, 31);
    assert.equal(slicer.slices, 3);
  });

  test('checkpoint(upcoming): yields early when the next step would overrun the budget', async () => {
    let now = 0;
    let yields = 0;
    const slicer = new TimeSlicer({ budgetMs: 10, now: () => now, yieldToEventLoop: async () => { yields++; } });
    await slicer.checkpoint(30);
    assert.equal(yields, 0, 'a fresh slice takes the long step');
    now += 4;
    await slicer.checkpoint(5);
    assert.equal(yields, 0, '4 + 5 ms fit in the budget');
    await slicer.checkpoint(8);
    assert.equal(yields, 1, '4 + 8 ms do not');
  });

  test('wait(): a settled promise keeps the slice going; a pending one ends it', async () => {
    let now = 0;
    const slicer = new TimeSlicer({ budgetMs: 100, now: () => now, yieldToEventLoop: async () => undefined });
    now = 5;
    assert.equal(await slicer.wait(Promise.resolve('ready')), 'ready');
    assert.equal(slicer.slices, 1);
    let release: (value: string) => void = () => undefined;
    const pending = new Promise<string>((resolve) => {
      release = resolve;
    });
    const waited = slicer.wait(pending);
    await new Promise((resolve) => setTimeout(resolve, 0));
    now = 50;
    release('later');
    assert.equal(await waited, 'later');
    assert.equal(slicer.slices, 2);
    now = 53;
    slicer.finish();
    assert.equal(slicer.longestSliceMs, 5, 'the time spent waiting is not work');
  });

  test('really yields: a timer scheduled before a long job runs before the job ends', async () => {
    const slicer = new TimeSlicer({ budgetMs: 2 });
    let timerRan = false;
    let ranDuringJob = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    for (let unit = 0; unit < 20; unit++) {
      const until = performance.now() + 1;
      while (performance.now() < until) {
        // busy for a millisecond
      }
      await slicer.checkpoint();
      ranDuringJob ||= timerRan;
    }
    assert.ok(ranDuringJob);
  });
});
