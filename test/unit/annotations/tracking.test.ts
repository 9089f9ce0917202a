// Following annotations through the editor's change events: exact moves, edits inside, words swallowed.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { trackThroughChange, trackThroughChanges } from '../../../src/core/annotations/tracking';

suite('annotation tracking through edits', () => {
  test('an edit before the words moves them by its length; after them, nothing moves', () => {
    assert.deepEqual(trackThroughChange(10, 20, { offset: 2, removed: 3, inserted: 7 }), { start: 14, end: 24, outcome: 'kept' });
    assert.deepEqual(trackThroughChange(10, 20, { offset: 25, removed: 3, inserted: 0 }), { start: 10, end: 20, outcome: 'kept' });
  });

  test('typing at either edge stays outside the words', () => {
    assert.deepEqual(trackThroughChange(10, 20, { offset: 10, removed: 0, inserted: 4 }), { start: 14, end: 24, outcome: 'kept' });
    assert.deepEqual(trackThroughChange(10, 20, { offset: 20, removed: 0, inserted: 4 }), { start: 10, end: 20, outcome: 'kept' });
  });

  test('an edit inside changes the words and keeps the annotation on them', () => {
    assert.deepEqual(trackThroughChange(10, 20, { offset: 12, removed: 2, inserted: 5 }), { start: 10, end: 23, outcome: 'edited' });
  });

  test('an edit across one edge keeps what is left of the words', () => {
    assert.deepEqual(trackThroughChange(10, 20, { offset: 5, removed: 8, inserted: 2 }), { start: 7, end: 14, outcome: 'edited' });
    assert.deepEqual(trackThroughChange(10, 20, { offset: 15, removed: 10, inserted: 3 }), { start: 10, end: 15, outcome: 'edited' });
  });

  test('an edit over all the words loses the trail (found again by content)', () => {
    assert.deepEqual(trackThroughChange(10, 20, { offset: 8, removed: 20, inserted: 30 }), { start: 8, end: 8, outcome: 'lost' });
    assert.deepEqual(trackThroughChange(10, 20, { offset: 10, removed: 10, inserted: 0 }), { start: 10, end: 10, outcome: 'lost' });
  });

  test('the changes of one event apply from the last to the first (multi-cursor edits)', () => {
    // Both changes in offsets of the text before the event.
    const result = trackThroughChanges(10, 20, [{ offset: 2, removed: 0, inserted: 3 }, { offset: 30, removed: 0, inserted: 3 }]);
    assert.deepEqual(result, { start: 13, end: 23, outcome: 'kept' });
  });

  test('property: the tracked range holds the same characters when no edit touched them', () => {
    fc.assert(fc.property(
      fc.string({ minLength: 20, maxLength: 200 }), fc.nat(), fc.nat(),
      fc.array(fc.record({ at: fc.nat(), removed: fc.nat({ max: 10 }), inserted: fc.string({ maxLength: 10 }) }), { maxLength: 10 }),
      (text, a, b, edits) => {
        let start = Math.min(a % text.length, b % text.length);
        let end = Math.max(a % text.length, b % text.length);
        const words = text.slice(start, end);
        let current = text;
        let touched = false;
        for (const { at, removed, inserted } of edits) {
          const offset = at % (current.length + 1);
          const cut = Math.min(removed, current.length - offset);
          const result = trackThroughChange(start, end, { offset, removed: cut, inserted: inserted.length });
          current = current.slice(0, offset) + inserted + current.slice(offset + cut);
          touched ||= result.outcome !== 'kept';
          ({ start, end } = result);
          assert.ok(start >= 0 && start <= end && end <= current.length);
        }
        if (!touched) {
          assert.equal(current.slice(start, end), words);
        }
      },
    ), { numRuns: 500 });
  });
});
