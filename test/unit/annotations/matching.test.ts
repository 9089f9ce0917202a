import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import approxSearch from 'approx-string-match';
import {
  alignEndingAt, alignStartingAt, MatchEndCollector, normalizeForMatching, normalizeSpan, normalizedIndexAt, rawRangeOf,
  searchApproximate, type MatchEndSink,
} from '../../../src/core/annotations/matching';

/** Edit distance of `pattern` to the best substring of `text` ending at each position (naive DP). */
function naiveEndScores(text: string, pattern: string): number[] {
  let previous = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= pattern.length; i++) {
    const current = new Array<number>(text.length + 1);
    current[0] = i;
    for (let j = 1; j <= text.length; j++) {
      current[j] = Math.min(
        (previous[j - 1] as number) + (pattern[i - 1] === text[j - 1] ? 0 : 1),
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
      );
    }
    previous = current;
  }
  return previous;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1), (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

class Recorder implements MatchEndSink {
  readonly ends = new Map<number, number>();
  add(end: number, errors: number): void {
    this.ends.set(end, errors);
  }
}

const smallText = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: max });

suite('matching: normalisation', () => {
  test('folds quote marks, apostrophes, dashes, case and white space', () => {
    assert.equal(normalizeForMatching('“We’re  here” – said\u00a0the UN\r\n—ok…'), '"we\'re here" - said the un -ok...');
    assert.equal(normalizeForMatching('"We\'re here" - said the un\n-ok...'), '"we\'re here" - said the un -ok...');
    assert.equal(normalizeForMatching('«Oui» ‹non› ‘x’ `y´'), '"oui" \'non\' \'x\' \'y\'');
    assert.equal(normalizeForMatching('ÉCOLE Ñandú ΣΟΦΙΑ ДОМ'), 'école ñandú σοφια дом');
  });

  test('drops zero-width characters and trims the edges', () => {
    assert.equal(normalizeForMatching('\ufeff  in\u200bvisible\u00ad  \t'), 'invisible');
    assert.equal(normalizeForMatching(' \n\t\u3000'), '');
  });

  test('the map points each compared unit at the unit it came from', () => {
    const raw = 'A\u00a0 “B”\r\nc…d';
    const span = normalizeSpan(raw, 0, raw.length);
    assert.equal(span.text, 'a "b" c...d');
    assert.deepEqual(Array.from(span.map), [0, 1, 3, 4, 5, 6, 8, 9, 9, 9, 10, 11]);
    assert.equal(normalizedIndexAt(span, 8), 6);
    // "c…" maps back to the raw "c…" even though the last compared dot sits mid-ellipsis.
    assert.deepEqual(rawRangeOf(span, raw, 6, 9), { start: 8, end: 10 });
    // White space at the edges of a mapped range is left out.
    assert.deepEqual(rawRangeOf(span, raw, 1, 5), { start: 3, end: 6 });
  });

  test('property: the map is ascending and every non-space unit folds from its source', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '\r', '\u00a0', '“', '’', '—', '…', '\u200b', 'é', '😀'), maxLength: 60 }), (raw) => {
      const span = normalizeSpan(raw, 0, raw.length);
      assert.equal(span.map.length, span.text.length + 1);
      for (let i = 0; i < span.text.length; i++) {
        assert.ok((span.map[i] as number) >= (i > 0 ? (span.map[i - 1] as number) : 0));
        const source = raw[span.map[i] as number] as string;
        // Halves of a surrogate pair are not characters on their own (alone, one reads as U+FFFD).
        if (span.text[i] !== ' ' && source !== '…' && !/[\ud800-\udfff]/u.test(source)) {
          assert.equal(normalizeForMatching(source), span.text[i]);
        }
      }
    }));
  });
});

suite('matching: approximate search', () => {
  test('property: every end within k errors is reported with the naive DP score', () => {
    fc.assert(fc.property(smallText(40), smallText(12).filter((p) => p.length > 0), fc.integer({ min: 0, max: 4 }), (text, pattern, k) => {
      const recorder = new Recorder();
      searchApproximate(text, 0, text.length, pattern, k, recorder);
      const scores = naiveEndScores(text, pattern);
      for (let end = 1; end <= text.length; end++) {
        const expected = scores[end] as number;
        if (expected <= k) {
          assert.equal(recorder.ends.get(end), expected, `end ${end}`);
        } else {
          assert.equal(recorder.ends.has(end), false, `end ${end}`);
        }
      }
    }), { numRuns: 400 });
  });

  test('property: patterns longer than one machine word (multi-block) agree with the naive DP', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 40, maxLength: 160 }), fc.integer({ min: 33, max: 100 }), fc.integer({ min: 0, max: 90 }), (text, length, k) => {
      const pattern = text.slice(Math.max(0, text.length - length)).split('').reverse().join('');
      const recorder = new Recorder();
      searchApproximate(text, 0, text.length, pattern, k, recorder);
      const scores = naiveEndScores(text, pattern);
      for (let end = 1; end <= text.length; end++) {
        const expected = scores[end] as number;
        assert.equal(recorder.ends.get(end), expected <= k ? expected : undefined);
      }
    }), { numRuns: 600 });
  });

  test('property: the lowest error count agrees with approx-string-match 2.0.0', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' '), maxLength: 300 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 1, maxLength: 80 }), (text, pattern) => {
      const k = Math.floor(pattern.length / 3);
      const reference = approxSearch(text, pattern, k);
      const recorder = new Recorder();
      searchApproximate(text, 0, text.length, pattern, k, recorder);
      const ours = Math.min(...recorder.ends.values(), Infinity);
      const theirs = Math.min(...reference.map((match) => match.errors), Infinity);
      assert.equal(ours, theirs);
    }), { numRuns: 300 });
  });

  test('the collector keeps one end per cluster, fewest errors first, then nearest', () => {
    const collector = new MatchEndCollector(2, 3, 100);
    for (const [end, errors] of [[10, 2], [11, 1], [12, 2], [50, 1], [51, 0], [98, 1], [99, 1], [200, 0]] as const) {
      collector.add(end, errors);
    }
    assert.deepEqual(collector.finish(), [{ end: 51, errors: 0 }, { end: 200, errors: 0 }]);
  });

  test('the collector ignores excluded zones', () => {
    const collector = new MatchEndCollector(10, 1, 0);
    collector.exclude(Int32Array.from([5, 7, 20, 22]));
    for (const end of [3, 6, 10, 21, 30]) {
      collector.add(end, 1);
    }
    assert.deepEqual(collector.finish().map((m) => m.end), [3, 10, 30]);
  });
});

suite('matching: edge alignment', () => {
  test('property: alignEndingAt equals the best naive distance over every start', () => {
    fc.assert(fc.property(smallText(20), smallText(10), (text, pattern) => {
      const aligned = alignEndingAt(pattern, text, text.length, text.length);
      let best = Infinity;
      for (let start = 0; start <= text.length; start++) {
        best = Math.min(best, editDistance(pattern, text.slice(start)));
      }
      assert.equal(aligned.distance, best);
      assert.equal(editDistance(pattern, text.slice(text.length - aligned.length)), best);
    }), { numRuns: 300 });
  });

  test('property: alignStartingAt equals the best naive distance over every end', () => {
    fc.assert(fc.property(smallText(20), smallText(10), (text, pattern) => {
      const aligned = alignStartingAt(pattern, text, 0, text.length);
      let best = Infinity;
      for (let end = 0; end <= text.length; end++) {
        best = Math.min(best, editDistance(pattern, text.slice(0, end)));
      }
      assert.equal(aligned.distance, best);
    }), { numRuns: 300 });
  });
});
