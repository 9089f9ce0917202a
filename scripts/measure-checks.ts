// Precision and recall of the checks on hand-labelled files: the real seeds (../shared/seeds) and the
// synthetic fixtures (test/fixtures). Labels: test/fixtures/checks/expected.json. Run with
// `npm run measure:checks`; prints one line per file with a finding or a label, then the figures for
// the rules on by default and for every rule turned on.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allFindings } from '../src/core/checks';
import { diagnosticSeverities, offByDefault, type DiagnosticCode } from '../src/core/checks/registry';
import { parseTranscriptFile } from '../src/core/parse';

const root = resolve(__dirname, '..');
/** The codes the checks report (the parser's own findings are measured elsewhere), plus a header's misspelt language. */
const checkCodes = new Set<DiagnosticCode>((Object.keys(diagnosticSeverities) as DiagnosticCode[]).filter((code) =>
  code.startsWith('quote-') || code.startsWith('dateline-') && code !== 'dateline-format' || code === 'header-language-missing' ||
  code === 'header-repeated' || code === 'trt-exceeded'));

export interface Measure {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  lines: string[];
}

export function measureChecks(allRules: boolean): Measure {
  const labels = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'checks', 'expected.json'), 'utf8')) as { files: Record<string, string[]> };
  const seeds = process.env.SHOTLIST_SEEDS ?? join(root, '..', 'shared', 'seeds');
  const choices: Record<string, string> = {};
  if (allRules) {
    for (const code of offByDefault) {
      choices[code] = diagnosticSeverities[code];
    }
  }
  const measure: Measure = { truePositives: 0, falsePositives: 0, falseNegatives: 0, lines: [] };
  for (const [name, expected] of Object.entries(labels.files)) {
    const path = name.startsWith('seeds/') ? join(seeds, name.slice('seeds/'.length)) : join(root, 'test', 'fixtures', name);
    const text = readFileSync(path, 'utf8');
    const found = allFindings(parseTranscriptFile(text, path), text, choices)
      .filter((finding) => checkCodes.has(finding.code))
      .map((finding) => `${finding.range.start.line + 1} ${finding.code}`);
    const wanted = expected.filter((label) => allRules || !offByDefault.has(label.split(' ')[1] as DiagnosticCode));
    // A misquote reported as unsourced (too changed to be matched) is still a problem flagged at its place.
    const asLabelled = (label: string): string => label.endsWith(' quote-unsourced') && wanted.includes(label.replace('quote-unsourced', 'quote-differs'))
      ? label.replace('quote-unsourced', 'quote-differs') : label;
    const foundLabels = found.map(asLabelled);
    for (const label of foundLabels) {
      if (wanted.includes(label)) {
        measure.truePositives++;
      } else {
        measure.falsePositives++;
        measure.lines.push(`${name}: false alarm ${label}`);
      }
    }
    for (const label of wanted) {
      if (!foundLabels.includes(label)) {
        measure.falseNegatives++;
        measure.lines.push(`${name}: missed ${label}`);
      }
    }
  }
  return measure;
}

function report(title: string, measure: Measure): void {
  const reported = measure.truePositives + measure.falsePositives;
  const real = measure.truePositives + measure.falseNegatives;
  const precision = reported === 0 ? 1 : measure.truePositives / reported;
  const recall = real === 0 ? 1 : measure.truePositives / real;
  console.log(`${title}: ${measure.truePositives} found, ${measure.falsePositives} false alarms, ${measure.falseNegatives} missed; ` +
    `precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %`);
  for (const line of measure.lines) {
    console.log(`  ${line}`);
  }
}

if (require.main === module) {
  report('Rules on by default', measureChecks(false));
  report('Every rule turned on', measureChecks(true));
}
