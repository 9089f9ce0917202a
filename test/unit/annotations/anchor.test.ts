import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  autoSimilarity, captureAnchor, contextLength, maxAnchorLength, prepareText, resolveAnchor, reviewSimilarity,
  type Anchor, type AnchorBlock, type BlockSpan, type Resolution, type SearchScope,
} from '../../../src/core/annotations/anchor';
import { normalizeForMatching } from '../../../src/core/annotations/matching';
import { blockSpans, searchScopes } from '../../../src/core/annotations/scopes';
import { allSeeds, indexOfNth, parseTranscript, resolveInTranscript, seed } from './helpers';

const lacroix = seed('000');
const soundbite6 = 'The multiplication of crises, the more exacerbated divisions across the member states, makes it more difficult for us to operate. And especially because political efforts in this climate of division and tension are not making progress, not enough progress. So, these tensions at the global level also are reflected at the local level. However, the protection of civilians remains very active. And again, I mean, every single day there are hundreds of thousands of civilians that depend on our peacekeepers for their protection.';
const sentence2 = 'they have been very active in providing protection to civilians';

function capture(text: string, start: number, end: number, soundbite?: string, block?: AnchorBlock): Anchor {
  const result = captureAnchor(text, start, end, { soundbite: soundbite ?? null, block: block ?? null });
  assert.ok(result.ok, 'capture failed');
  return result.anchor;
}

function captureWords(text: string, words: string, nth = 0, soundbite?: string, block?: AnchorBlock): Anchor {
  const at = indexOfNth(text, words, nth);
  return capture(text, at, at + words.length, soundbite, block);
}

function placedText(text: string, result: Resolution): string {
  return text.slice(result.start, result.end);
}

function assertNeverAutoElsewhere(result: Resolution, allowedStart: number, allowedEnd: number): void {
  if (result.placement === 'auto') {
    assert.ok(result.start < allowedEnd && allowedStart < result.end, `auto-placed outside the allowed range: ${result.start}-${result.end}`);
  }
}

suite('anchor: capture', () => {
  test('keeps the exact words, 32 units of context each side, the 1-based line and hints', () => {
    const at = lacroix.indexOf(soundbite6);
    const anchor = capture(lacroix, at, at + soundbite6.length, '6', 'soundbite');
    assert.equal(anchor.text, soundbite6);
    assert.equal(anchor.prefix, lacroix.slice(at - contextLength, at));
    assert.ok(anchor.prefix.endsWith('United Nations:\n“'));
    assert.equal(anchor.suffix, lacroix.slice(at + soundbite6.length, at + soundbite6.length + contextLength));
    assert.equal(anchor.line, lacroix.slice(0, at).split('\n').length);
    assert.equal(anchor.soundbite, '6');
    assert.equal(anchor.block, 'soundbite');
  });

  test('leaves white space at the selection edges out and returns the range anchored', () => {
    const text = 'one  two three\n';
    const result = captureAnchor(text, 3, 15, { soundbite: 4 });
    assert.ok(result.ok);
    assert.equal(result.anchor.text, 'two three');
    assert.deepEqual([result.start, result.end], [5, 14]);
    assert.equal(result.anchor.prefix, 'one  ');
    assert.equal(result.anchor.suffix, '\n');
    assert.equal(result.anchor.soundbite, '4');
  });

  test('never splits a surrogate pair, in the words or in the context', () => {
    const text = `${'😀'.repeat(20)}x${'😀'.repeat(20)}`;
    const middle = 40;
    const result = captureAnchor(text, middle, middle + 1);
    assert.ok(result.ok);
    assert.equal(result.anchor.prefix.length, 32);
    assert.equal(result.anchor.suffix.length, 32);
    assert.equal(Array.from(result.anchor.prefix).every((c) => c === '😀'), true);
    // A range starting or ending inside a pair is widened to the whole pair.
    const inside = captureAnchor(text, 1, 3);
    assert.ok(inside.ok);
    assert.equal(inside.anchor.text, '😀😀');
    const odd = `a${'😀'.repeat(20)}`; // context cut 32 units back would land mid-pair
    const tail = captureAnchor(odd, odd.length - 2, odd.length);
    assert.ok(tail.ok);
    assert.equal(tail.anchor.prefix.length % 2, 0);
    assert.ok(!/^[\udc00-\udfff]/u.test(tail.anchor.prefix));
  });

  test('counts lines after LF, CRLF and a lone CR', () => {
    const text = 'a\nb\r\nc\rd';
    const result = captureAnchor(text, text.indexOf('d'), text.length);
    assert.ok(result.ok);
    assert.equal(result.anchor.line, 4);
  });

  test('reports bad ranges, empty selections and over-long selections instead of throwing', () => {
    assert.deepEqual(captureAnchor('abc', 2, 1), { ok: false, problem: 'bad-range' });
    assert.deepEqual(captureAnchor('abc', -1, 1), { ok: false, problem: 'bad-range' });
    assert.deepEqual(captureAnchor('abc', 0, 4), { ok: false, problem: 'bad-range' });
    assert.deepEqual(captureAnchor('abc', 0.5, 2), { ok: false, problem: 'bad-range' });
    assert.deepEqual(captureAnchor(null as unknown as string, 0, 0), { ok: false, problem: 'bad-range' });
    assert.deepEqual(captureAnchor('a  \n\u200b b', 1, 5), { ok: false, problem: 'empty-selection' });
    assert.deepEqual(captureAnchor('abc', 1, 1), { ok: false, problem: 'empty-selection' });
    const long = 'x'.repeat(maxAnchorLength + 1);
    assert.deepEqual(captureAnchor(long, 0, long.length), { ok: false, problem: 'selection-too-long' });
  });
});

suite('anchor: resolve after changes nobody saw (seed 000, parser scopes)', () => {
  const start6 = lacroix.indexOf(soundbite6);
  const anchor6 = capture(lacroix, start6, start6 + soundbite6.length, '6', 'soundbite');

  test('unchanged text: exact, at the same offsets', () => {
    const result = resolveInTranscript(anchor6, lacroix);
    assert.equal(result.status, 'exact');
    assert.equal(result.placement, 'auto');
    assert.equal(result.reason, 'unchanged');
    assert.deepEqual([result.start, result.end], [start6, start6 + soundbite6.length]);
    assert.equal(result.scopeIndex, 0);
    assert.equal(result.soundbite, '6');
    assert.equal(result.block, 'soundbite');
    assert.equal(result.line, anchor6.line);
  });

  test('the story moved far from the line hint (another story pasted above it)', () => {
    const moved = `${seed('003')}\n${lacroix}`;
    const offset = seed('003').length + 1;
    const result = resolveInTranscript(anchor6, moved);
    assert.equal(result.placement, 'auto');
    assert.equal(result.status, 'exact');
    assert.deepEqual([result.start, result.end], [start6 + offset, start6 + offset + soundbite6.length]);
    assert.ok(result.line > anchor6.line + 50, 'the new line is reported to refresh the hint');
  });

  test('the passage moved among other neighbours: moved, same words', () => {
    const cut = lacroix.slice(0, start6) + lacroix.slice(start6 + soundbite6.length);
    const target = cut.indexOf('FILE - MINUSMA - BAMAKO, MALI');
    const moved = `${cut.slice(0, target)}Quote again: ${soundbite6}\n${cut.slice(target)}`;
    const anchor = { ...anchor6, soundbite: undefined, block: undefined } as Anchor;
    const result = resolveAnchor(anchor, moved);
    assert.equal(result.status, 'moved');
    assert.equal(result.reason, 'context-changed');
    assert.equal(placedText(moved, result), soundbite6);
  });

  test('quote marks re-saved straight (and back to curly): exact', () => {
    const straight = lacroix.replace(/[“”]/gu, '"').replace(/’/gu, "'");
    const result = resolveInTranscript(anchor6, straight);
    assert.equal(result.status, 'exact');
    assert.deepEqual([result.start, result.end], [start6, start6 + soundbite6.length]);
    const words = "We're on the way to completing this drawdown";
    const straightAnchor = captureWords(straight, words, 0, '2', 'soundbite');
    let marks = 0;
    const curly = straight.replace(/"/gu, () => (marks++ % 2 === 0 ? '“' : '”')).replace(/'/gu, '’');
    const back = resolveInTranscript(straightAnchor, curly);
    assert.equal(back.status, 'exact');
    assert.equal(placedText(curly, back), words.replace("'", '’'));
  });

  test('line endings changed to CRLF (and back): exact at the mapped offsets', () => {
    const crlf = lacroix.replace(/\n/gu, '\r\n');
    const lines = lacroix.slice(0, start6).split('\n').length - 1;
    const result = resolveInTranscript(anchor6, crlf);
    assert.equal(result.status, 'exact');
    assert.deepEqual([result.start, result.end], [start6 + lines, start6 + lines + soundbite6.length]);
    const crlfAnchor = captureWords(crlf, soundbite6, 0, '6', 'soundbite');
    assert.ok(crlfAnchor.prefix.includes('\r\n'));
    const back = resolveInTranscript(crlfAnchor, lacroix);
    assert.equal(back.status, 'exact');
    assert.equal(back.start, start6);
  });

  test('a typo fixed inside the anchor: fuzzy, placed without review, on the edited words', () => {
    const edited = lacroix.replace('exacerbated divisions', 'exacerbated divsions');
    const result = resolveInTranscript(anchor6, edited);
    assert.equal(result.status, 'fuzzy');
    assert.equal(result.placement, 'auto');
    assert.equal(result.start, start6);
    assert.equal(result.end, start6 + soundbite6.length - 1);
    assert.ok(result.similarity >= autoSimilarity);
  });

  test('a word changed inside a short anchor: fuzzy auto when the neighbours still agree', () => {
    const anchor = captureWords(lacroix, sentence2, 0, '2', 'soundbite');
    const at = lacroix.indexOf(sentence2);
    const edited = lacroix.slice(0, at) + lacroix.slice(at).replace('very active', 'quite active');
    const result = resolveInTranscript(anchor, edited);
    assert.equal(result.status, 'fuzzy');
    assert.equal(result.placement, 'auto');
    assert.equal(placedText(edited, result), 'they have been quite active in providing protection to civilians');
  });

  test('duplicates: an edited soundbite stays in the soundbite, not on the verbatim copy in the story prose', () => {
    // The prose quotes soundbite 2 verbatim; Hypothesis-style exact-first search picks the prose (research §1.3).
    const anchor = captureWords(lacroix, sentence2, 0, '2', 'soundbite');
    const soundbiteAt = lacroix.indexOf(sentence2);
    const proseAt = lacroix.indexOf(sentence2, soundbiteAt + 1);
    assert.ok(proseAt > soundbiteAt);
    const edited = lacroix.slice(0, soundbiteAt) + lacroix.slice(soundbiteAt).replace('very active in providing', 'really active in providing');
    const result = resolveInTranscript(anchor, edited);
    assert.equal(result.block, 'soundbite');
    assert.ok(result.start < proseAt - 100, 'stayed in the soundbite');
    assert.equal(result.placement, 'auto');
    // The same without any scope or block hint (an anchor from an older version): the block rule still holds.
    const bare = resolveAnchor({ ...anchor, soundbite: undefined }, edited, [], { blocks: blockSpans(parseTranscript(edited)) });
    assert.ok(bare.start < proseAt - 100);
  });

  test('duplicates: an anchor in the story prose stays in the prose', () => {
    const proseAt = indexOfNth(lacroix, sentence2, 1);
    const anchor = capture(lacroix, proseAt, proseAt + sentence2.length, undefined, 'story');
    const result = resolveInTranscript(anchor, lacroix);
    assert.equal(result.status, 'exact');
    assert.equal(result.start, proseAt);
    assert.equal(result.block, 'story');
  });

  test('the anchored passage deleted: never placed on the story prose paraphrase (detached, offered as a suggestion)', () => {
    const shotStart = lacroix.lastIndexOf('6. SOUNDBITE', start6);
    const deleted = lacroix.slice(0, shotStart) + lacroix.slice(start6 + soundbite6.length + 2);
    assert.equal(deleted.includes('The multiplication of crises'), false);
    const result = resolveInTranscript(anchor6, deleted);
    assert.equal(result.status, 'detached');
    assert.equal(result.placement, 'none');
    assert.equal(result.reason, 'only-in-other-block');
    assert.ok(result.suggestion !== null);
    assert.equal(result.suggestion.block, 'story');
    assert.ok(result.suggestion.similarity >= reviewSimilarity);
    assert.ok(result.start >= 0 && result.end === result.start);
  });

  test('the anchored passage deleted, an 80-character anchor: not auto-placed anywhere', () => {
    const words = soundbite6.slice(0, 80);
    const anchor = captureWords(lacroix, words, 0, '6', 'soundbite');
    const deleted = lacroix.replace(soundbite6, 'We have nothing further to add at this stage, thank you.');
    const result = resolveInTranscript(anchor, deleted);
    assert.notEqual(result.placement, 'auto');
  });

  test('a sentence deleted from the soundbite while the prose still quotes it verbatim: review, never auto', () => {
    const anchor = captureWords(lacroix, sentence2, 0, '2', 'soundbite');
    const at = lacroix.indexOf(sentence2);
    const edited = lacroix.slice(0, at) + lacroix.slice(at).replace(sentence2, 'they protected people');
    const result = resolveInTranscript(anchor, edited);
    assert.equal(result.placement, 'review');
    assert.equal(result.reason, 'block-changed');
    assert.equal(result.block, 'story');
  });

  test('many words changed (a rewrite): detached, not fuzzy-placed', () => {
    const anchor = captureWords(lacroix, sentence2, 0, '2', 'soundbite');
    const edited = lacroix.replace(sentence2, 'they were extremely busy giving shelter to all those in need').replace(sentence2, 'the mission was winding down its operations in the north');
    const result = resolveInTranscript(anchor, edited);
    assert.equal(result.status, 'detached');
  });

  test('renumbered shots: found in the soundbite with the new number, hint refreshed', () => {
    const renumbered = lacroix
      .replace('5. Various shots, MINUSMA troops on patrol', '5. Various shots, MINUSMA troops on patrol\n6. Wide shot, convoy leaving camp')
      .replace('6. SOUNDBITE (English) Jean-Pierre Lacroix', '7. SOUNDBITE (English) Jean-Pierre Lacroix');
    const result = resolveInTranscript(anchor6, renumbered);
    assert.equal(result.placement, 'auto');
    assert.equal(result.status, 'moved');
    assert.equal(result.reason, 'renumbered');
    assert.equal(result.soundbite, '7');
    assert.equal(placedText(renumbered, result), soundbite6);
  });

  test('the shot number repeats (seed 000 has two shots numbered 2): the right one is found', () => {
    const words = 'But the role of the United Nations on peace and security';
    const anchor = captureWords(lacroix, words, 0, '2', 'soundbite');
    const result = resolveInTranscript(anchor, lacroix);
    assert.equal(result.status, 'exact');
    assert.equal(result.start, lacroix.indexOf(words));
  });

  test('an empty or white-space anchor: detached, nothing looked for', () => {
    for (const text of ['', '   ', '\n\u200b\t']) {
      const result = resolveAnchor({ text, prefix: '', suffix: '', line: 3 }, lacroix);
      assert.equal(result.status, 'detached');
      assert.equal(result.reason, 'empty-anchor');
      assert.ok(result.start >= 0 && result.start <= lacroix.length);
    }
  });
});

suite('anchor: options and smaller rules', () => {
  test('Hypothesis #258: a short label that changed is not re-anchored onto similar words nearby', () => {
    const before = 'Jobs: Designer, Backend. Developer, Frontend. We hire developers and designers every month.';
    const anchor = captureWords(before, 'Developer, Frontend');
    const after = before.replace('Developer, Frontend', 'Engineer, Mobile');
    const result = resolveAnchor(anchor, after);
    assert.equal(result.status, 'detached');
  });

  test('a block scope tells the block kind when no block list is given', () => {
    const text = 'SOUNDBITE: the same words here.\nStory: the same words here.';
    const anchor = { ...captureWords(text, 'the same words here', 0), block: 'soundbite' as AnchorBlock };
    const deleted = text.replace('SOUNDBITE: the same words here.', 'SOUNDBITE: nothing.');
    const scopes: SearchScope[] = [{ start: 0, end: deleted.indexOf('\n'), kind: 'soundbite' }, { start: deleted.indexOf('\n') + 1, end: deleted.length, kind: 'story' }];
    const result = resolveAnchor(anchor, deleted, scopes);
    assert.equal(result.placement, 'review');
    assert.equal(result.reason, 'block-changed');
    assert.equal(result.block, 'story');
  });

  test('hintOffset breaks a tie the line cannot (two identical copies on one line)', () => {
    const text = 'alpha beta gamma delta | alpha beta gamma delta';
    const anchor: Anchor = { text: 'beta gamma', prefix: '', suffix: '', line: 1 };
    const second = text.lastIndexOf('beta gamma');
    assert.equal(resolveAnchor(anchor, text).status, 'ambiguous');
    const result = resolveAnchor(anchor, text, [], { hintOffset: second });
    assert.equal(result.start, second);
  });

  test('a PreparedText shared by many anchors gives the same answers as plain strings', () => {
    const prepared = prepareText(lacroix);
    for (const words of [sentence2, 'member states', soundbite6.slice(0, 200)]) {
      const anchor = captureWords(lacroix, words);
      assert.deepEqual(resolveAnchor(anchor, prepared), resolveAnchor(anchor, lacroix));
    }
  });
});

suite('anchor: two words that appear 50 times', () => {
  const sentences: string[] = [];
  for (let index = 0; index < 50; index++) {
    sentences.push(`Paragraph ${index}: on day ${index * 7 + 3} the peacekeepers visited village number ${1000 + index * 13}.`);
  }
  const text = sentences.join('\n');
  const target = 23;
  const at = indexOfNth(text, 'the peacekeepers', target);
  const anchor = capture(text, at, at + 'the peacekeepers'.length);

  test('unchanged: exact on the right copy, by its context', () => {
    const result = resolveAnchor(anchor, text);
    assert.equal(result.status, 'exact');
    assert.equal(result.start, at);
  });

  test('lines inserted above: still the right copy (context, not the line)', () => {
    const shifted = `${'New line of text.\n'.repeat(30)}${text}`;
    const result = resolveAnchor(anchor, shifted);
    assert.equal(result.placement, 'auto');
    assert.equal(result.start, at + 'New line of text.\n'.length * 30);
  });

  test('its own sentence rewritten around it: never auto-placed on another copy', () => {
    const rewritten = text.replace(sentences[target] as string, 'Paragraph X: later that week the peacekeepers left.');
    const result = resolveAnchor(anchor, rewritten);
    const own = rewritten.indexOf('Paragraph X');
    assertNeverAutoElsewhere(result, own, own + 60);
  });

  test('its sentence deleted: not auto-placed on any of the 49 other copies', () => {
    const deleted = text.replace(`${sentences[target] as string}\n`, '');
    const result = resolveAnchor(anchor, deleted);
    assert.notEqual(result.placement, 'auto');
  });
});

suite('anchor: long anchors and large texts', () => {
  const story = seed('003');
  const captured = captureAnchor(story, story.indexOf('\n', 3000) + 1, story.indexOf('\n', 3000) + 5001);
  assert.ok(captured.ok);
  const from = captured.start;
  const anchor = captured.anchor;
  const long = anchor.text;

  test('a 5,000-character anchor: exact', () => {
    const result = resolveAnchor(anchor, story);
    assert.equal(result.status, 'exact');
    assert.equal(result.start, from);
  });

  test('a 5,000-character anchor with ten scattered edits: fuzzy auto on the same passage', () => {
    let edited = story;
    for (let index = 1; index <= 10; index++) {
      const at = from + index * 450;
      edited = `${edited.slice(0, at)}Q${edited.slice(at + 1)}`;
    }
    const result = resolveAnchor(anchor, edited);
    assert.equal(result.status, 'fuzzy');
    assert.equal(result.placement, 'auto');
    assert.ok(Math.abs(result.start - from) <= 2 && Math.abs(result.end - (from + long.length)) <= 2, `${result.start}-${result.end}`);
  });

  test('a 5,000-character anchor whose first 300 characters were rewritten: still found', () => {
    const edited = `${story.slice(0, from)}${'Rewritten opening words. '.repeat(12)}${story.slice(from + 300)}`;
    const result = resolveAnchor(anchor, edited);
    assert.notEqual(result.status, 'detached');
    assert.ok(result.end >= from + long.length - 5);
  });

  test('a 5,000-character anchor whose passage was deleted: detached', () => {
    const deleted = story.slice(0, from) + story.slice(from + long.length);
    const result = resolveAnchor(anchor, deleted);
    assert.equal(result.status, 'detached');
  });

  test('an anchor longer than the limit: detached with its reason', () => {
    const result = resolveAnchor({ text: 'x'.repeat(maxAnchorLength + 1), prefix: '', suffix: '', line: 1 }, story);
    assert.equal(result.reason, 'anchor-too-long');
  });

  test('10 MB: exact and fuzzy resolution in bounded time', function () {
    this.timeout(60_000);
    const copies = Math.ceil((10 * 1024 * 1024) / lacroix.length);
    const big = Array.from({ length: copies }, () => lacroix).join('\n');
    const middle = Math.floor(copies / 2) * (lacroix.length + 1);
    const at = big.indexOf(soundbite6, middle);
    const exactAnchor = capture(big, at, at + soundbite6.length);
    const prepared = prepareText(big);
    let started = performance.now();
    const exact = resolveAnchor(exactAnchor, prepared);
    const exactMs = performance.now() - started;
    assert.equal(exact.status, 'exact');
    assert.equal(exact.start, at);
    started = performance.now();
    const again = resolveAnchor(exactAnchor, prepared);
    const againMs = performance.now() - started;
    assert.equal(again.start, at);
    const fuzzyAnchor = { ...exactAnchor, text: exactAnchor.text.replace('exacerbated', 'exasperated').replace('very active', 'quite active') };
    started = performance.now();
    const fuzzy = resolveAnchor(fuzzyAnchor, prepared);
    const fuzzyMs = performance.now() - started;
    assert.equal(fuzzy.status, 'fuzzy');
    assert.equal(fuzzy.start, at);
    const absent = { text: 'A sentence that appears nowhere in the archive at all, about something else.', prefix: '', suffix: '', line: 5000 };
    started = performance.now();
    const none = resolveAnchor(absent, prepared);
    const absentMs = performance.now() - started;
    assert.equal(none.status, 'detached');
    // Generous bounds for a loaded 2-core CI machine; bench-anchor.ts prints the real figures.
    assert.ok(exactMs < 5000 && againMs < 1000 && fuzzyMs < 5000 && absentMs < 5000, `${exactMs} ${againMs} ${fuzzyMs} ${absentMs}`);
  });
});

suite('anchor: properties', () => {
  const seeds = allSeeds.map((text) => ({ text, prepared: prepareText(text) }));

  /** True when the anchor's words with their full context occur once in the compared text. */
  function uniqueWithContext(text: string, anchor: Anchor): boolean {
    const whole = normalizeForMatching(text);
    const needle = normalizeForMatching(`${anchor.prefix}${anchor.text}${anchor.suffix}`);
    const first = whole.indexOf(needle);
    return first >= 0 && whole.indexOf(needle, first + 1) < 0;
  }

  const selection = fc.record({
    seedIndex: fc.integer({ min: 0, max: seeds.length - 1 }),
    start: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  });

  test('capture then resolve on the unchanged text: exact at the same offsets', () => {
    fc.assert(fc.property(selection, ({ seedIndex, start, length }) => {
      const { text, prepared } = seeds[seedIndex] as (typeof seeds)[number];
      const from = start % text.length;
      const captured = captureAnchor(text, from, Math.min(text.length, from + length));
      fc.pre(captured.ok && uniqueWithContext(text, captured.anchor));
      if (!captured.ok) {
        return;
      }
      const result = resolveAnchor(captured.anchor, prepared);
      assert.equal(result.status, 'exact', `${result.status} ${result.reason}`);
      assert.deepEqual([result.start, result.end], [captured.start, captured.end]);
    }), { numRuns: 300 });
  });

  test('random edits outside the anchor and its context keep it exact, shifted by the edits', () => {
    const edit = fc.record({
      at: fc.nat(),
      removed: fc.integer({ min: 0, max: 40 }),
      inserted: fc.string({ unit: fc.constantFrom('x', 'Y', 'z', ' ', '\n', '“', '7', '—'), maxLength: 40 }),
    });
    fc.assert(fc.property(selection, fc.array(edit, { minLength: 1, maxLength: 6 }), ({ seedIndex, start, length }, edits) => {
      const { text } = seeds[seedIndex] as (typeof seeds)[number];
      const from = start % text.length;
      const captured = captureAnchor(text, from, Math.min(text.length, from + length));
      fc.pre(captured.ok && uniqueWithContext(text, captured.anchor));
      if (!captured.ok) {
        return;
      }
      let current = text;
      let anchorStart = captured.start;
      let anchorEnd = captured.end;
      for (const { at, removed, inserted } of edits) {
        const position = at % (current.length + 1);
        const end = Math.min(current.length, position + removed);
        // Only edits clear of the words and their stored context.
        if (end > anchorStart - contextLength - 1 && position < anchorEnd + contextLength + 1) {
          continue;
        }
        current = current.slice(0, position) + inserted + current.slice(end);
        if (position < anchorStart) {
          anchorStart += inserted.length - (end - position);
          anchorEnd += inserted.length - (end - position);
        }
      }
      fc.pre(uniqueWithContext(current, captured.anchor));
      const result = resolveAnchor(captured.anchor, current);
      assert.equal(result.status, 'exact', `${result.status} ${result.reason}`);
      assert.deepEqual([result.start, result.end], [anchorStart, anchorEnd]);
    }), { numRuns: 200 });
  });

  test('curly→straight quotes and LF→CRLF together: same decision, offsets mapped', () => {
    fc.assert(fc.property(selection, ({ seedIndex, start, length }) => {
      const { text, prepared } = seeds[seedIndex] as (typeof seeds)[number];
      const from = start % text.length;
      const captured = captureAnchor(text, from, Math.min(text.length, from + length));
      fc.pre(captured.ok);
      if (!captured.ok) {
        return;
      }
      const before = resolveAnchor(captured.anchor, prepared);
      const changed = text.replace(/[“”]/gu, '"').replace(/[‘’]/gu, "'").replace(/\n/gu, '\r\n');
      const after = resolveAnchor(captured.anchor, changed);
      const shift = (offset: number): number => offset + (text.slice(0, offset).match(/\n/gu)?.length ?? 0);
      assert.equal(after.status, before.status);
      if (before.placement !== 'none') {
        assert.deepEqual([after.start, after.end], [shift(before.start), shift(before.end)]);
      }
    }), { numRuns: 150 });
  });

  test('resolve never throws and always answers with offsets inside the text', () => {
    const block = fc.record({
      start: fc.oneof(fc.integer({ min: -50, max: 400 }), fc.constant(Number.NaN)),
      end: fc.integer({ min: -50, max: 400 }),
      kind: fc.constantFrom<AnchorBlock>('soundbite', 'story', 'other'),
      soundbite: fc.option(fc.constantFrom('1', '2', '6'), { nil: undefined }),
    });
    const scope = fc.record({
      start: fc.integer({ min: -50, max: 400 }),
      end: fc.oneof(fc.integer({ min: -50, max: 400 }), fc.constant(Number.POSITIVE_INFINITY)),
      kind: fc.constantFrom('soundbite', 'story', 'segment', 'document', 'bogus'),
    });
    const units = fc.constantFrom('a', 'b', ' ', '\n', '\r', '“', '”', '’', '—', '…', '😀', '\u200b', 'É', 'the ', 'peace');
    fc.assert(fc.property(
      fc.string({ unit: units, maxLength: 300 }),
      fc.record({
        text: fc.oneof(fc.string({ unit: units, maxLength: 80 }), fc.constant(undefined as unknown as string)),
        prefix: fc.string({ unit: units, maxLength: 40 }),
        suffix: fc.string({ unit: units, maxLength: 40 }),
        line: fc.oneof(fc.integer({ min: -3, max: 100 }), fc.constant(Number.NaN)),
        soundbite: fc.option(fc.constantFrom('1', '2', '6'), { nil: undefined }),
      }),
      fc.array(scope, { maxLength: 4 }),
      fc.option(fc.array(block, { maxLength: 6 }), { nil: undefined }),
      fc.option(fc.integer({ min: -10, max: 500 }), { nil: undefined }),
      (text, anchor, scopes, blocks, hintOffset) => {
        const result = resolveAnchor(anchor as Anchor, text, scopes as SearchScope[], { ...(blocks ? { blocks: blocks as BlockSpan[] } : {}), ...(hintOffset !== undefined ? { hintOffset } : {}) });
        assert.ok(Number.isInteger(result.start) && Number.isInteger(result.end));
        assert.ok(result.start >= 0 && result.start <= result.end && result.end <= text.length, `${result.start}-${result.end} in ${text.length}`);
        assert.notEqual(result.reason, 'internal-error');
        assert.ok(result.score >= 0 && result.score <= 1);
        assert.ok(['exact', 'moved', 'fuzzy', 'ambiguous', 'detached'].includes(result.status));
        assert.equal(result.placement === 'none', result.status === 'detached');
        if (result.placement === 'auto') {
          assert.ok(result.similarity >= autoSimilarity);
        }
      },
    ), { numRuns: 500 });
  });

  test('a placed result always covers text similar to the anchor (never arbitrary words)', () => {
    fc.assert(fc.property(selection, fc.integer({ min: 0, max: 3 }), ({ seedIndex, start, length }, damage) => {
      const { text } = seeds[seedIndex] as (typeof seeds)[number];
      const from = start % text.length;
      const captured = captureAnchor(text, from, Math.min(text.length, from + length));
      fc.pre(captured.ok);
      if (!captured.ok) {
        return;
      }
      // Damage the anchored words: swap a few characters for digits.
      let changed = text;
      for (let index = 0; index < damage; index++) {
        const at = captured.start + Math.floor(((index + 1) * (captured.end - captured.start)) / (damage + 1));
        changed = `${changed.slice(0, at)}9${changed.slice(at + 1)}`;
      }
      const result = resolveAnchor(captured.anchor, changed);
      if (result.placement !== 'none') {
        const placed = normalizeForMatching(changed.slice(result.start, result.end));
        const wanted = normalizeForMatching(captured.anchor.text);
        assert.ok(placed.length > 0);
        assert.ok(Math.abs(placed.length - wanted.length) <= wanted.length * (1 - reviewSimilarity) + 1);
      }
    }), { numRuns: 200 });
  });
});

suite('anchor: scopes from the parse', () => {
  test('soundbite scopes first (nearest the hint), then the document; blocks carry shot numbers', () => {
    const document = parseTranscript(lacroix);
    const anchor = captureWords(lacroix, 'But the role of the United Nations', 0, '2', 'soundbite');
    const scopes = searchScopes(document, anchor, prepareText(lacroix).lineStart(anchor.line));
    assert.deepEqual(scopes.map((scope) => scope.kind), ['soundbite', 'soundbite', 'document']);
    const first = scopes[0] as SearchScope;
    assert.ok(first.start <= lacroix.indexOf('But the role') && lacroix.indexOf('But the role') < first.end);
    const blocks = blockSpans(document);
    assert.ok(blocks.some((block) => block.kind === 'soundbite' && block.soundbite === '14'));
    assert.ok(blocks.some((block) => block.kind === 'story'));
    for (let index = 1; index < blocks.length; index++) {
      assert.ok((blocks[index - 1] as BlockSpan).end <= (blocks[index] as BlockSpan).start);
    }
  });

  test('an archive with the story twice (a re-issue): each anchor stays in its own story', () => {
    const reissue = lacroix.replace('UN / PEACEKEEPING LACROIX INTERVIEW', 'UN / PEACEKEEPING LACROIX INTERVIEW (UPDATED)');
    const archive = `${lacroix}\n${reissue}`;
    const document = parseTranscript(archive);
    assert.equal(document.headers.length, 2);
    const second = archive.indexOf(soundbite6, lacroix.length);
    const anchor = capture(archive, second, second + soundbite6.length, '6', 'soundbite');
    const scopes = searchScopes(document, anchor, second);
    assert.deepEqual(scopes.map((scope) => scope.kind), ['soundbite', 'soundbite', 'segment', 'document']);
    assert.ok((scopes[0] as SearchScope).start > lacroix.length, 'the soundbite nearest the hint comes first');
    const result = resolveInTranscript(anchor, archive);
    assert.equal(result.status, 'exact');
    assert.equal(result.start, second);
    // Edited in the second story only: still placed there, never on the first story's verbatim copy.
    const edited = archive.slice(0, second) + archive.slice(second).replace('exacerbated divisions', 'exacerbated division');
    const fuzzy = resolveInTranscript(anchor, edited);
    assert.equal(fuzzy.status, 'fuzzy');
    assert.equal(fuzzy.start, second);
  });
});
