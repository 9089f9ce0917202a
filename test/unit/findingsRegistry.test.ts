// The registry of findings (src/core/checks/registry.ts) is the one list a new diagnostic code is
// added to: every code has a severity, an English template, and a line in the README's table, and
// the parser reports each with the registry's severity.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnosticSeverities, type DiagnosticCode } from '../../src/core/checks/registry';
import { diagnosticMessages } from '../../src/core/messages/diagnostics';
import { parseTranscript } from '../../src/core/parse';
import { parseMarkdownTranscript } from '../../src/core/parse/markdown';
import { lines, repositoryRoot } from './helpers';

const codes = Object.keys(diagnosticSeverities) as DiagnosticCode[];

suite('findings registry', () => {
  test('every code has an English template and no template is left without a code', () => {
    assert.deepEqual(Object.keys(diagnosticMessages).sort(), [...codes].sort());
    for (const code of codes) {
      assert.ok(diagnosticMessages[code].length > 10, code);
    }
  });

  test('every code has a line in the README table of findings', () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `([a-z-]+)` \|/gmu)].map((match) => match[1]);
    for (const code of codes) {
      assert.ok(listed.includes(code), `README.md has no table row for ${code}`);
    }
  });

  test('the line parser and the Markdown reader report with the registry severity', () => {
    const shotlist = parseTranscript(lines(
      'STORY: TEST',
      'TRT: soon',
      '3. SOUNDBITE (Englsh) Jane Roe, Spokesperson',
      '“An open quote',
      '3. Wide shot, road',
    ));
    const markdown = parseMarkdownTranscript('He said “this never closes.\n');
    const findings = [...shotlist.diagnostics, ...markdown.diagnostics];
    assert.ok(findings.length >= 5, `expected several findings, got ${findings.map((finding) => finding.code).join(', ')}`);
    for (const finding of findings) {
      assert.equal(finding.severity, diagnosticSeverities[finding.code], finding.code);
    }
    assert.ok(markdown.diagnostics.some((finding) => finding.code === 'unclosed-quote'));
  });
});
