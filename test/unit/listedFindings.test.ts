// Which findings go to VS Code's problem list (core/checks/shown.ts): all when they fit, else the most
// severe in document order with one place left for the line that counts the rest.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { withChoices } from '../../src/core/checks';
import { findingsPerStep, listFindings, listFindingsSteps, maxListedPerFile } from '../../src/core/checks/shown';
import type { DiagnosticSeverity, TranscriptDiagnostic } from '../../src/core/model';

const severities: readonly DiagnosticSeverity[] = ['error', 'warning', 'information', 'hint'];

/** A code for each severity, and the choices that give it that severity (the others are their defaults). */
const codeOf = { error: 'unclosed-quote', warning: 'quote-differs', information: 'shot-number-missing', hint: 'speaker-unsure' } as const;
const choices = { 'unclosed-quote': 'error', 'speaker-unsure': 'hint' };

/** Findings one per line, in document order, with the given severities. */
function findingsOf(list: readonly DiagnosticSeverity[]): TranscriptDiagnostic[] {
  return list.map((severity, line) => ({
    code: codeOf[severity],
    severity,
    message: `finding on line ${line + 1}`,
    range: { start: { line, character: 0, offset: line * 10 }, end: { line, character: 5, offset: line * 10 + 5 } },
  }) as TranscriptDiagnostic);
}

/** The rule, written the plain way: the whole list, then the most severe that fit, in document order. */
function referenceListing(findings: readonly TranscriptDiagnostic[], limit: number): { listed: readonly TranscriptDiagnostic[]; notListed: number } {
  if (findings.length <= limit) {
    return { listed: findings, notListed: 0 };
  }
  const bySeverity = [...findings].sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity) || a.range.start.offset - b.range.start.offset);
  const listed = bySeverity.slice(0, limit - 1).sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { listed, notListed: findings.length - listed.length };
}

suite('problems listed in VS Code', () => {
  test('VS Code\'s own limit: 1,000 per file', () => {
    assert.equal(maxListedPerFile, 1000);
  });

  test('findings that fit are all listed, the same list', () => {
    const findings = findingsOf(Array.from({ length: 1000 }, (_, index) => severities[index % 4] as DiagnosticSeverity));
    const { listed, notListed } = listFindings([findings], choices);
    assert.deepEqual(listed, findings);
    assert.equal(notListed, 0);
  });

  test('past the limit: errors first, then warnings, in document order, one place left for the count', () => {
    // 3 hints, then 2 errors, then 4 warnings, in a list of 9 with room for 5.
    const findings = findingsOf(['hint', 'hint', 'hint', 'error', 'warning', 'error', 'warning', 'warning', 'warning']);
    const { listed, notListed } = listFindings([findings], choices, 5);
    assert.deepEqual(listed.map((finding) => finding.message), ['finding on line 4', 'finding on line 5', 'finding on line 6', 'finding on line 7']);
    assert.equal(notListed, 5);
  });

  test('in steps: tens of thousands of findings are looked at a few thousand per step, with the same result', () => {
    const findings = findingsOf(Array.from({ length: 30_000 }, (_, index) => severities[(index * 7) % 4] as DiagnosticSeverity));
    for (const listedOnly of [false, true]) {
      // Every rule on, then only the errors (a quarter): more than fit either way, counted right.
      const chosen = listedOnly ? { ...choices, 'quote-differs': 'off', 'speaker-unsure': 'off', 'shot-number-missing': 'off' } : choices;
      const steps = listFindingsSteps([findings], chosen);
      let yields = 0;
      let step = steps.next();
      while (!step.done) {
        yields++;
        step = steps.next();
      }
      // Two passes over the list (count, then gather), each yielding every findingsPerStep findings.
      assert.ok(yields >= Math.floor((2 * findings.length) / findingsPerStep) - 1, `${yields} steps`);
      assert.deepEqual(step.value, listFindings([findings], chosen));
      assert.equal(step.value.listed.length + step.value.notListed, listedOnly ? 7500 : 30_000);
    }
  });

  test('any lists, choices and limit: what the whole list would list, never a left-out finding more severe than a listed one', () => {
    const codes = ['quote-differs', 'header-repeated', 'trt-exceeded'] as const;
    const finding = fc.record({ severity: fc.constantFrom(...severities), code: fc.constantFrom(...codes) });
    const choice = fc.constantFrom<string | undefined>(undefined, 'off', ...severities);
    fc.assert(fc.property(fc.array(finding, { maxLength: 60 }), fc.array(finding, { maxLength: 60 }), fc.tuple(choice, choice, choice), fc.integer({ min: 1, max: 40 }), (first, second, chosen, limit) => {
      // Two lists in document order, interleaved: the first on even offsets, the second on odd ones.
      const placed = (list: typeof first, odd: number): TranscriptDiagnostic[] => list.map(({ severity, code }, index) => {
        const offset = index * 2 + odd;
        return { code, severity, message: `at ${offset}`, range: { start: { line: offset, character: 0, offset }, end: { line: offset, character: 1, offset: offset + 1 } } } as TranscriptDiagnostic;
      });
      const lists = [placed(first, 0), placed(second, 1)];
      const choices: Record<string, string> = {};
      codes.forEach((code, index) => {
        const value = chosen[index];
        if (value !== undefined) {
          choices[code] = value;
        }
      });
      const { listed, notListed } = listFindings(lists, choices, limit);
      const whole = withChoices(lists, choices);
      const expected = referenceListing(whole, limit);
      assert.deepEqual(listed.map((item) => [item.message, item.severity]), expected.listed.map((item) => [item.message, item.severity]));
      assert.equal(notListed, expected.notListed);
      assert.ok(listed.length + notListed === whole.length && listed.length <= limit);
    }));
  });
});
