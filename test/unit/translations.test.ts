// Every string a user reads has its French translation, with the same placeholders: package.nls.json
// in package.nls.fr.json, every `vscode.l10n.t` message of src/ (read from the source, so a new call
// fails here until translated) in l10n/bundle.l10n.fr.json, every core template (src/core/messages) in
// the French catalog. A failure names each key to translate; `npm run l10n -- --check` prints the same.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadKnowledgeBase } from '../../src/core/kb/load';
import { diagnosticMessage } from '../../src/core/messages/diagnostics';
import { kbMessage } from '../../src/core/messages/knowledge';
import { messageLocale, setMessageLocale } from '../../src/core/messages/locale';
import { formatMarkdownNotice } from '../../src/core/messages/notices';
import { parseTranscript } from '../../src/core/parse';
import { validateStyle } from '../../src/core/quotes/styles';
import {
  compareTranslation, coreMessages, describeReport, englishBundle, englishBundlePath, englishCoreMessages, extractL10nMessages,
  l10nBundle, packageNls, readJson, repoRoot, unlocalizedManifestStrings,
} from '../../scripts/l10n';

function assertComplete(report: string, hint = 'translate these, then run `npm run l10n -- --check`'): void {
  if (report !== '') {
    assert.fail(`${report}\n(${hint})`);
  }
}

suite('Translations: French', () => {
  test('package.json names only keys of package.nls.json', () => {
    const manifest = readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    const nls = packageNls();
    const used = [...manifest.matchAll(/"%([^%"]+)%"/gu)].map((match) => match[1] ?? '');
    assert.ok(used.length > 20, `only ${used.length} %keys% found in package.json`);
    assert.deepEqual(used.filter((key) => !(key in nls)), [], 'package.json uses %keys% that package.nls.json lacks');
  });

  test('every string package.json shows a user is a %key% of package.nls.json', () => {
    const unlocalized = unlocalizedManifestStrings(readJson(path.join(repoRoot, 'package.json')));
    if (unlocalized.length > 0) {
      assert.fail(`package.json shows these strings as written; make each a %key% of package.nls.json (and package.nls.fr.json):\n${unlocalized.join('\n')}`);
    }
    assert.deepEqual(unlocalizedManifestStrings({
      displayName: '%displayName%',
      contributes: {
        commands: [{ command: 'a', title: 'Do It', category: 'Shotlist' }],
        languages: [{ id: 'x', aliases: ['X Language', 'x'] }],
        configuration: { title: 'Shotlist', properties: { 'a.b': { markdownEnumDescriptions: ['%ok%', 'Plain'] } } },
        walkthroughs: [{ title: '%w%', steps: [{ description: 'Open a sample', media: { altText: '%alt%' } }] }],
      },
    }), [
      'contributes.commands[0].title: "Do It"',
      'contributes.configuration.properties.a.b.markdownEnumDescriptions[1]: "Plain"',
      'contributes.languages[0].aliases[0]: "X Language"',
      'contributes.walkthroughs[0].steps[0].description: "Open a sample"',
    ]);
  });

  test('package.nls.fr.json translates every key of package.nls.json, placeholders and links unchanged', () => {
    assertComplete(describeReport(compareTranslation(packageNls() as Record<string, string>, packageNls('fr'), 'fr'), 'package.nls.fr.json'));
  });

  test('every vscode.l10n.t message of src/ is a literal and is in l10n/bundle.l10n.json', () => {
    const extraction = extractL10nMessages();
    assert.deepEqual(extraction.problems, []);
    assert.ok(extraction.messages.size > 100, `only ${extraction.messages.size} l10n.t messages found in src/`);
    const report = compareTranslation(englishBundle(extraction), readJson(englishBundlePath), 'en');
    assertComplete(describeReport({ ...report, mismatched: [] }, 'l10n/bundle.l10n.json'), 'regenerate it with `npm run l10n`, then translate the new keys in l10n/bundle.l10n.fr.json');
  });

  test('l10n/bundle.l10n.fr.json translates every vscode.l10n.t message of src/, placeholders unchanged', () => {
    const english = englishBundle(extractL10nMessages());
    assertComplete(describeReport(compareTranslation(english, l10nBundle('fr'), 'fr'), 'l10n/bundle.l10n.fr.json'));
  });

  test('the French core catalog has every template of src/core/messages, placeholders unchanged', () => {
    const english = englishCoreMessages();
    assert.ok(Object.keys(english).length > 40, `only ${Object.keys(english).length} core templates found`);
    assertComplete(describeReport(compareTranslation(english, coreMessages('fr'), 'fr'), 'src/core/messages/fr.ts'));
  });

  test('the check names a missing key, a stale one, a changed placeholder and French typography', () => {
    const english = { 'Copied {0} quotes': 'Copied {0} quotes', 'Open [it](command:x.y)': 'Open [it](command:x.y)', 'Done': 'Done', 'Gone': 'Gone' };
    const report = compareTranslation(english, {
      'Copied {0} quotes': 'Citations copiées : {1}',
      'Open [it](command:x.y)': 'Ouvrir [le](command:x.z)',
      'Done': 'C\'est fait',
      'Old': 'Vieux',
    }, 'fr');
    assert.deepEqual(report.missing, ['Gone']);
    assert.deepEqual(report.stale, ['Old']);
    assert.equal(report.mismatched.length, 4, report.mismatched.join('\n'));
    assert.match(report.mismatched.join('\n'), /Copied \{0\} quotes: placeholders\/links\/code differ: English has \[\{0\}\], fr has \[\{1\}\]/u);
    assert.match(report.mismatched.join('\n'), /Copied \{0\} quotes: a plain space before/u);
    assert.match(report.mismatched.join('\n'), /command:x\.y/u);
    assert.match(report.mismatched.join('\n'), /Done: a straight apostrophe/u);
    const text = describeReport(report, 'bundle.fr.json');
    assert.match(text, /bundle\.fr\.json lacks 1 key\(s\):\n {2}"Gone"/u);
  });

  test('the extractor reads calls over several lines, the object form with a comment, and flags a message that is not a literal', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shotlist-l10n-'));
    try {
      writeFileSync(path.join(dir, 'sample.ts'), [
        "import * as vscode from 'vscode';",
        'export function f(name: string): string[] {',
        "  return [vscode.l10n.t(\n    'Hello {0}',\n    name,\n  ), vscode.l10n.t({ message: 'Line', comment: ['a ', 'note'] }),",
        '    vscode.l10n.t(`Bye ${name}`), vscode.l10n.t(name), vscode.l10n.t(\'He said "hi"\')];',
        '}',
      ].join('\n'));
      const extraction = extractL10nMessages(dir);
      assert.deepEqual([...extraction.messages.keys()].sort(), ['He said "hi"', 'Hello {0}', 'Line/a note']);
      assert.equal(englishBundle(extraction)['Line/a note'], 'Line');
      assert.equal(extraction.problems.length, 2, extraction.problems.join('\n'));
      assert.match(extraction.problems[0] ?? '', /sample\.ts:7: the message of l10n\.t must be a string literal/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('setMessageLocale("fr") renders findings, knowledge problems, notices and quote errors in French; English is the default', () => {
    assert.equal(messageLocale(), 'en');
    const transcript = 'STORY: TEST STORY\nTRT: 1:00\n\nSHOTLIST\n\n1. Wide shot, building\n2. SOUNDBITE (Frnch) Jane Doe, Spokesperson:\n“We are here.”\n';
    try {
      assert.equal(setMessageLocale('fr-CA'), 'fr');
      const [unknownLanguage] = parseTranscript(transcript).diagnostics.filter((finding) => finding.code === 'unknown-language');
      assert.equal(unknownLanguage?.message, 'Langue inconnue «\u00a0Frnch\u00a0» (vouliez-vous dire French\u00a0?).');
      assert.equal(diagnosticMessage('header-missing-field', { field: 'TRT' }), 'Il manque le champ TRT dans l’en-tête.');
      assert.equal(diagnosticMessage('speaker-unsure', { variant: 'title-first' }),
        'La fonction semble précéder le nom sur cette ligne d’intervenant\u00a0; vérifiez l’attribution avant de citer.');
      const problem = loadKnowledgeBase('entries:\n  - id: x\n    type: official\n    names: [X]\n    start: soon\n', 'kb.yaml').problems.find((p) => p.code === 'wrong-type');
      assert.equal(problem?.message, 'Le champ «\u00a0start\u00a0» doit être une année (par exemple 2013) ou «\u00a0active\u00a0».');
      assert.equal(formatMarkdownNotice({ code: 'markdown-too-costly', lines: 0, line: 0 }, 'a.md').startsWith('a.md\u00a0: trop de structure Markdown'), true);
      const style = validateStyle('telex');
      assert.equal(style.ok ? '' : style.error.message, 'Style de citation inconnu «\u00a0telex\u00a0». Styles intégrés\u00a0: wire, broadcast, citation, markdown, plain.');
      // A problem worded in English elsewhere (the worker) reads in French from its code and data.
      setMessageLocale('en');
      const english = loadKnowledgeBase('entries:\n  - id: x\n    type: official\n    names: [X]\n    start: soon\n', 'kb.yaml').problems.find((p) => p.code === 'wrong-type');
      assert.match(english?.message ?? '', /^Field "start" must be a year/u);
      setMessageLocale('fr');
      assert.equal(english && kbMessage(english.code, english.data), problem?.message);
    } finally {
      setMessageLocale('en');
    }
    assert.equal(setMessageLocale('en-GB'), 'en');
    assert.equal(setMessageLocale('de'), 'en');
    assert.equal(parseTranscript(transcript).diagnostics.find((finding) => finding.code === 'unknown-language')?.message,
      'Unknown language "Frnch" (did you mean French?).');
  });
});
