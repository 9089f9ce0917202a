// The checks of a large archive after an edit (ChecksJob with PreviousChecks): only the stories the
// edit touched are checked again, the other findings are moved by the edit. Whatever the edit, the
// result must be what checking the new text afresh gives, finding for finding.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChecksJob, runChecks, type PreviousChecks } from '../../src/core/checks';
import { codesOff, noCodesOff, type CodesOff } from '../../src/core/checks/registry';
import type { TranscriptDiagnostic } from '../../src/core/model';
import { parseTranscript, reparseTranscript } from '../../src/core/parse';
import { lineAt, readFixture } from './helpers';

/** An archive of fixture stories with misquotes, header problems and TRTs, so that every kind of finding is there. */
const archive = [
  readFixture('checks/misquotes.unifeed'),
  readFixture('checks/hard_misquotes.unifeed'),
  readFixture('checks/header_style.unifeed'),
  readFixture('checks/geneva_quotes.unifeed'),
  readFixture('checks/misquotes.unifeed'),
].join('\n\n');

/** Findings in a canonical order, so that two runs compare whatever order ties came in. */
function canonical(findings: readonly TranscriptDiagnostic[]): string[] {
  return findings.map((found) => JSON.stringify(found)).sort();
}

/** The findings after the edit, worked out from the findings before it. */
function afterEdit(before: string, start: number, end: number, inserted: string, off: CodesOff = noCodesOff, previousOff: CodesOff = off):
  { incremental: string[]; fresh: string[]; rechecked: number } {
  const after = before.slice(0, start) + inserted + before.slice(end);
  // As in the editor: the new model is re-parsed from the old one, which moves the stories it keeps.
  const old = parseTranscript(before);
  const previous: PreviousChecks = {
    findings: runChecks(old, before, previousOff),
    codesOff: previousOff,
    edit: { start, oldEnd: end, newEnd: start + inserted.length },
    startLine: lineAt(after, start),
    oldEndLine: lineAt(before, end),
    newEndLine: lineAt(after, start + inserted.length),
  };
  const model = reparseTranscript(old, after, previous.edit);
  const job = new ChecksJob(model, after, { previous, off });
  assert.equal(job.step(() => false), true);
  const rechecked = job.checkedUnits;
  return { incremental: canonical(job.result() ?? []), fresh: canonical(runChecks(parseTranscript(after), after, off)), rechecked };
}

suite('checks after an edit: only the touched stories again', () => {
  test('the archive has findings of every kind to keep and move', () => {
    const codes = new Set(runChecks(parseTranscript(archive), archive).map((found) => found.code));
    for (const code of ['quote-differs', 'header-repeated']) {
      assert.ok(codes.has(code as TranscriptDiagnostic['code']), `the test archive has no ${code} finding: ${[...codes].join(', ')}`);
    }
  });

  test('a word changed in one story: the same findings as a fresh check, and few stories checked', () => {
    const at = archive.lastIndexOf('”');
    const { incremental, fresh, rechecked } = afterEdit(archive, at - 3, at - 1, 'XYZ');
    assert.deepEqual(incremental, fresh);
    const stories = parseTranscript(archive).headers.length;
    assert.ok(rechecked <= 3, `${rechecked} of ${stories} stories were checked again`);
  });

  test('with the codes the user turned off: the same findings as a fresh check without them; other choices before: every story again', () => {
    const at = archive.lastIndexOf('”');
    const off = codesOff({});
    const kept = afterEdit(archive, at - 3, at - 1, 'XYZ', off);
    assert.deepEqual(kept.incremental, kept.fresh);
    assert.ok(kept.rechecked <= 3, `${kept.rechecked} stories were checked again`);
    const changed = afterEdit(archive, at - 3, at - 1, 'XYZ', off, noCodesOff);
    assert.deepEqual(changed.incremental, changed.fresh);
    assert.equal(changed.rechecked, parseTranscript(archive).headers.length, 'findings made with other codes are not carried');
  });

  test('any edit (lines added or cut, headers broken or typed) gives the findings a fresh check gives', () => {
    const pieces = fc.constantFrom('x', ' ', '\n', '\n\n', '“', '”', 'said “we will stay”.', 'STORY: UN / NEW\nTRT: 0:10\nSOURCE: UNIFEED\n',
      '4. SOUNDBITE (English) Ana Ruiz, Nurse:\n“We will stay.”\n', 'LANGUAGES: FRENCH\n', 'TRT: 9:99\n');
    fc.assert(fc.property(fc.nat(archive.length), fc.nat(400), fc.array(pieces, { maxLength: 3 }), (start, length, parts) => {
      const end = Math.min(archive.length, start + length);
      const { incremental, fresh } = afterEdit(archive, start, end, parts.join(''));
      assert.deepEqual(incremental, fresh);
    }), { numRuns: 300 });
  });
});
