// The index entry of an open archive after an edit (indexSteps with `previous`): the entries of the
// stories the edit did not touch are taken from the previous entry, moved when below the edit. Whatever
// the edit, the result must be the entry a fresh index of the new text gives, field for field.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript, reparseTranscript } from '../../src/core/parse';
import { runToEnd } from '../../src/core/util/steps';
import { indexSteps, indexTranscript, type FileEntry } from '../../src/core/workspace/entries';
import { lineAt, numberedArchive } from './helpers';

const archive = numberedArchive(12);

/** The entry after the edit, made from the entry before it, and how many soundbite entries were kept as objects. */
function afterEdit(before: string, start: number, end: number, inserted: string): { incremental: FileEntry; fresh: FileEntry; kept: number; previousEntry: FileEntry } {
  const after = before.slice(0, start) + inserted + before.slice(end);
  const old = parseTranscript(before);
  const previousEntry = indexTranscript(old, 'archive');
  // As in the editor: the new model is re-parsed from the old one.
  const model = reparseTranscript(old, after, { start, oldEnd: end, newEnd: start + inserted.length });
  const incremental = runToEnd(indexSteps(model, 'archive', {
    previous: { entry: previousEntry, startLine: lineAt(after, start), oldEndLine: lineAt(before, end), newEndLine: lineAt(after, start + inserted.length) },
  }));
  const kept = incremental.soundbites.filter((entry) => previousEntry.soundbites.includes(entry)).length;
  return { incremental, fresh: indexTranscript(parseTranscript(after), 'archive'), kept, previousEntry };
}

suite('index entry after an edit: only the touched stories made again', () => {
  test('a word typed in one story: the same entry as a fresh index, the stories above kept as they were', () => {
    const at = archive.indexOf('Ferries returned to Port Alder on day 105');
    assert.ok(at > 0, 'the story to edit is in the archive');
    const { incremental, fresh, kept } = afterEdit(archive, at, at, 'Today, ');
    assert.deepEqual(incremental, fresh);
    assert.ok(kept >= 15, `only ${kept} soundbite entries were kept as they were`);
  });

  test('a word typed moves no line: the entries below the edit are kept as the same objects, not copied', () => {
    const at = archive.indexOf('Ferries returned to Port Alder on day 3');
    assert.ok(at > 0, 'the story to edit is in the archive');
    const { incremental, fresh, previousEntry } = afterEdit(archive, at, at, 'Today, ');
    assert.deepEqual(incremental, fresh);
    const last = incremental.soundbites.length - 1;
    assert.ok(last > 20, 'the archive has soundbites far below the edit');
    assert.equal(incremental.soundbites[last], previousEntry.soundbites[last], 'the last soundbite entry is the previous one');
    assert.equal(incremental.stories.at(-1), previousEntry.stories.at(-1), 'the last story entry is the previous one');
  });

  test('a line added below the edit: the entries below are moved copies, with the same fields as a fresh index', () => {
    const at = archive.indexOf('Ferries returned to Port Alder on day 3');
    const { incremental, fresh, previousEntry } = afterEdit(archive, at, at, 'Today,\n');
    assert.deepEqual(incremental, fresh);
    const last = incremental.soundbites.length - 1;
    assert.notEqual(incremental.soundbites[last], previousEntry.soundbites[last]);
    assert.equal(incremental.soundbites[last]?.line, (previousEntry.soundbites[last]?.line ?? 0) + 1);
  });

  test('any edit (lines added or cut, headers broken or typed) gives the entry a fresh index gives', () => {
    const pieces = fc.constantFrom('x', '\n', '\n\n', '“', 'STORY: UN / NEW\nTRT: 0:10\nSOURCE: UNIFEED\n',
      '4. SOUNDBITE (English) Ana Ruiz, Nurse:\n“We will stay.”\n', 'STORY: ', 'SHOTLIST\n');
    fc.assert(fc.property(fc.nat(archive.length), fc.nat(300), fc.array(pieces, { maxLength: 3 }), (start, length, parts) => {
      const end = Math.min(archive.length, start + length);
      const { incremental, fresh } = afterEdit(archive, start, end, parts.join(''));
      assert.deepEqual(incremental, fresh);
    }), { numRuns: 400 });
  });
});
