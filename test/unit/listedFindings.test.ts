// Which findings go to VS Code's problem list (core/checks/shown.ts): all when they fit, else the most
// severe in document order with one place left for the line that counts the rest.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findingsToList, maxListedPerFile } from '../../src/core/checks/shown';
import type { DiagnosticSeverity, TranscriptDiagnostic } from '../../src/core/model';

const severities: readonly DiagnosticSeverity[] = ['error', 'warning', 'information', 'hint'];

/** Findings one per line, in document order, with the given severities. */
function findingsOf(list: readonly DiagnosticSeverity[]): TranscriptDiagnostic[] {
  return list.map((severity, line) => ({
    code: 'quote-differs',
    severity,
    message: `finding on line ${line + 1}`,
    range: { start: { line, character: 0, offset: line * 10 }, end: { line, character: 5, offset: line * 10 + 5 } },
  }) as TranscriptDiagnostic);
}

suite('problems listed in VS Code', () => {
  test('VS Code\'s own limit: 1,000 per file', () => {
    assert.equal(maxListedPerFile, 1000);
  });

  test('findings that fit are all listed, the same list', () => {
    const findings = findingsOf(Array.from({ length: 1000 }, (_, index) => severities[index % 4] as DiagnosticSeverity));
    const { listed, notListed } = findingsToList(findings);
    assert.equal(listed, findings);
    assert.equal(notListed, 0);
  });

  test('past the limit: errors first, then warnings, in document order, one place left for the count', () => {
    // 3 hints, then 2 errors, then 4 warnings, in a list of 9 with room for 5.
    const findings = findingsOf(['hint', 'hint', 'hint', 'error', 'warning', 'error', 'warning', 'warning', 'warning']);
    const { listed, notListed } = findingsToList(findings, 5);
    assert.deepEqual(listed.map((finding) => finding.message), ['finding on line 4', 'finding on line 5', 'finding on line 6', 'finding on line 7']);
    assert.equal(notListed, 5);
  });

  test('any list and limit: a sorted sublist, never a left-out finding more severe than a listed one', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...severities), { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (list, limit) => {
      const findings = findingsOf(list);
      const { listed, notListed } = findingsToList(findings, limit);
      assert.equal(listed.length + notListed, findings.length);
      assert.ok(listed.length <= (notListed > 0 ? limit - 1 : limit));
      assert.ok(listed.every((finding, index) => index === 0 || (listed[index - 1] as TranscriptDiagnostic).range.start.offset < finding.range.start.offset));
      const kept = new Set(listed);
      const rank = (finding: TranscriptDiagnostic): number => severities.indexOf(finding.severity);
      const leastSevereListed = listed.reduce((most, finding) => Math.max(most, rank(finding)), -1);
      for (const finding of findings) {
        if (!kept.has(finding)) {
          assert.ok(rank(finding) >= leastSevereListed, `a ${finding.severity} was left out while a less severe one was listed`);
        }
      }
    }));
  });
});
