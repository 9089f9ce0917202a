// Re-parsing after an edit (issue 4: the outline of a long archive must follow edits quickly). The
// one rule: reparseTranscript(previous, text, edit) gives exactly what parseTranscript(text) gives,
// while the stories the edit did not touch keep their records.
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { TranscriptDocument } from '../../src/core/model';
import { parseTranscript, reparseTranscript } from '../../src/core/parse';
import { composeEdits, editOf, type TextEdit } from '../../src/core/text/edits';
import { numberedStory, readFixture, readSeed, seedsDirectory } from './helpers';

/** Applies one edit: the text between start and oldEnd becomes `inserted`. */
function apply(text: string, start: number, oldEnd: number, inserted: string): { text: string; edit: TextEdit } {
  return { text: text.slice(0, start) + inserted + text.slice(oldEnd), edit: { start, oldEnd, newEnd: start + inserted.length } };
}

function sameDocument(actual: TranscriptDocument, expected: TranscriptDocument, context: string): void {
  // JSON walks every record's getters: ranges, indexes, derived text, blocks and diagnostics.
  assert.equal(JSON.stringify(actual), JSON.stringify(expected), context);
}

function story(index: number): string {
  return numberedStory(index, 'FICTIONAL STORY');
}

const archive = Array.from({ length: 20 }, (_, index) => story(index)).join('\n');

suite('re-parse: edits described by offsets', () => {
  test('composeEdits covers both edits; editOf chains replacements as editors report them', () => {
    const original = 'abcdefghij';
    // Replace "cd" by "XYZ" (abXYZefghij), then insert "!" at 8 of that text (abXYZefg!hij).
    const first = { start: 2, oldEnd: 4, newEnd: 5 };
    const second = { start: 8, oldEnd: 8, newEnd: 9 };
    assert.deepEqual(composeEdits(first, second), { start: 2, oldEnd: 7, newEnd: 9 });
    assert.deepEqual(editOf([{ rangeOffset: 2, rangeLength: 2, text: 'XYZ' }, { rangeOffset: 8, rangeLength: 0, text: '!' }]), { start: 2, oldEnd: 7, newEnd: 9 });
    // A second edit before the first.
    assert.deepEqual(composeEdits(first, { start: 0, oldEnd: 1, newEnd: 0 }), { start: 0, oldEnd: 4, newEnd: 4 });
    assert.equal(editOf([]), undefined);
    assert.equal(original.length, 10);
  });

  test('property: the composed edit describes any chain of replacements', () => {
    const replacement = fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), text: fc.string({ maxLength: 5 }) });
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.array(replacement, { minLength: 1, maxLength: 6 }), (original, steps) => {
      let text = original;
      const replacements = steps.map(({ at, length, text: inserted }) => {
        const rangeOffset = at % (text.length + 1);
        const rangeLength = Math.min(length, text.length - rangeOffset);
        text = text.slice(0, rangeOffset) + inserted + text.slice(rangeOffset + rangeLength);
        return { rangeOffset, rangeLength, text: inserted };
      });
      const edit = editOf(replacements);
      assert.ok(edit);
      assert.equal(text.length - original.length, edit.newEnd - edit.oldEnd);
      assert.equal(text.slice(0, edit.start), original.slice(0, edit.start));
      assert.equal(text.slice(edit.newEnd), original.slice(edit.oldEnd));
    }), { numRuns: 400 });
  });
});

suite('re-parse: same result as a fresh parse', () => {
  test('an edit inside one story of an archive re-reads that story and keeps the others', () => {
    const before = parseTranscript(archive);
    const lastShotLine = before.shots[59]?.lineRange.start.line ?? -1;
    const at = archive.indexOf('a ferry ticket', archive.indexOf('STORY 10'));
    const { text, edit } = apply(archive, at, at + 1, 'A\n4. Pan right, the ');
    const after = reparseTranscript(before, text, edit);
    const expected = parseTranscript(text);
    sameDocument(after, expected, 'after the edit');
    assert.equal(after.headers.length, 20);
    assert.equal(after.shots.length, 61);
    // Stories before and after the edit keep their records; the ones after moved down one line.
    assert.equal(after.shots[0], before.shots[0]);
    assert.equal(after.shots[60], before.shots[59]);
    assert.equal(after.shots[60]?.lineRange.start.line, lastShotLine + 1);
    assert.equal(after.soundbites[19]?.shotIndex, 60 - 1);
  });

  test('removing a header line joins two stories; typing it back splits them again', () => {
    const before = parseTranscript(archive);
    const at = archive.indexOf('STORY: UN / FICTIONAL STORY 5');
    const removed = apply(archive, at, archive.indexOf('\n', at) + 1, '');
    const joined = reparseTranscript(before, removed.text, removed.edit);
    sameDocument(joined, parseTranscript(removed.text), 'joined');
    // SOURCE, RESTRICTIONS and LANGUAGES still make a header block of known fields.
    assert.equal(joined.headers.length, 20);
    // Breaking the block itself merges the story into the one before.
    const broken = apply(removed.text, at, at, 'Notes on the next story\n');
    const merged = reparseTranscript(joined, broken.text, broken.edit);
    sameDocument(merged, parseTranscript(broken.text), 'merged');
    const restored = apply(broken.text, at, at + 'Notes on the next story\n'.length, 'STORY: UN / FICTIONAL STORY 5\n');
    const split = reparseTranscript(merged, restored.text, restored.edit);
    sameDocument(split, parseTranscript(restored.text), 'split again');
    assert.equal(restored.text, archive);
  });

  test('kept stories and their re-parsed neighbours do not keep earlier versions of the text alive', () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // About 4 MB per version (two bytes a character): 25 versions kept would be about 50 MB or more.
    const big = Array.from({ length: 2400 }, (_, index) => story(index)).join('\n').replace(/Ferries/gu, 'Ferries “’');
    let text = big;
    let document = parseTranscript(text);
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let version = 0; version < 25; version++) {
      const at = text.indexOf('a ferry ticket', Math.floor((text.length * (version + 1)) / 27));
      const next = apply(text, at, at + 1, 'A');
      // A fresh copy of the whole text for every version, as an editor hands over.
      const flat = ` ${next.text}`.slice(1);
      document = reparseTranscript(document, flat, next.edit);
      text = flat;
    }
    collect();
    const grown = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    assert.equal(document.headers.length, 2400);
    assert.ok(grown < 15, `the heap grew by ${grown.toFixed(0)} MB over 25 edits`);
  });

  test('a document already re-parsed from is parsed afresh, with the same result', () => {
    const before = parseTranscript(archive);
    const first = apply(archive, 10, 10, 'x');
    reparseTranscript(before, first.text, first.edit);
    const second = apply(archive, 20, 21, '');
    sameDocument(reparseTranscript(before, second.text, second.edit), parseTranscript(second.text), 'from a consumed document');
  });

  test('an edit that does not match the text is not trusted', () => {
    const before = parseTranscript(archive);
    const { text } = apply(archive, 100, 100, 'xyz');
    sameDocument(reparseTranscript(before, text, { start: 100, oldEnd: 100, newEnd: 101 }), parseTranscript(text), 'wrong length');
  });

  test('property: random edits of archives made of the seeds and fixtures', () => {
    const sources = [
      ...readdirSync(seedsDirectory()).filter((name) => name.endsWith('.txt')).map(readSeed),
      ...['clean.txt', 'crlf_straight.txt', 'geneva.txt', 'header_unreadable.txt', 'numbering_errors.txt', 'soundbite_variants.txt',
        'web_chrome.txt'].map((name) => readFixture(`shotlists/${name}`)),
      story(1),
      story(2),
    ];
    const pieces = ['x', '\n', '\r\n', '\n\n', 'STORY: Z\n', 'TRT: 1:00\nSOURCE: UN\n', 'SOURCE: UN', '“', '”', '"', ':', '',
      '3. SOUNDBITE (English) A, B:', 'FILE - X - Y', 'STORYLINE\n', '12. Wide shot, z\n', 'SHOTLIST'];
    const edit = fc.record({ at: fc.nat(), length: fc.oneof(fc.nat({ max: 3 }), fc.nat({ max: 400 })), piece: fc.nat(), copyFrom: fc.option(fc.nat()) });
    let reused = 0;
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (picks, edits) => {
      let text = picks.map((pick) => sources[pick % sources.length]).join('\n');
      let document = parseTranscript(text);
      for (const step of edits) {
        const start = step.at % (text.length + 1);
        const oldEnd = Math.min(text.length, start + step.length);
        const from = (step.copyFrom ?? 0) % (text.length + 1);
        const inserted = step.copyFrom === null ? (pieces[step.piece % pieces.length] ?? '') : text.slice(from, from + (step.piece % 300));
        const next = apply(text, start, oldEnd, inserted);
        const firstShot = document.shots[0];
        const result = reparseTranscript(document, next.text, next.edit);
        sameDocument(result, parseTranscript(next.text), `edit ${JSON.stringify({ start, oldEnd, inserted })}`);
        if (firstShot !== undefined && result.shots[0] === firstShot) {
          reused++;
        }
        text = next.text;
        document = result;
      }
    }), { numRuns: 150 });
    // The property must have exercised the incremental path, not only the fallback.
    assert.ok(reused > 100, `only ${reused} edits kept records`);
  });
});
