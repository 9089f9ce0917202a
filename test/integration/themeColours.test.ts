// The grammar's colours in the themes of the running VS Code: its theme-defaults extension (Dark+, Light+,
// the Modern themes, the Visual Studio themes, High Contrast dark and light) is read from where this VS Code
// installed it, and each token's colour is computed as the editor computes it (test/themes/tokenColours.ts).
// Fails when quote text is drawn in the editor's plain text colour in any of them, or when a FILE section
// line and a dateline section line start in the same colour and style.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';
import { colourTokens, loadThemes, lookOf, type ColouredToken, type LoadedTheme } from '../themes/tokenColours';

const lines = [
  'STORY: UN / FICTIONAL FERRY LINE',
  'FILE - UNMISS - BOR, SOUTH SUDAN',
  '14 OCTOBER 2026, BOR, SOUTH SUDAN',
  '1. SOUNDBITE (English) Ana Berg-Okello, Harbour Master, Bor:',
  '“Every crossing that leaves on time is a market that opens on time.”',
  '« A French desk writes its quotes in guillemets. »',
  'STORYLINE',
  'The harbour master said “every crossing” counts.',
];
const QUOTE_LINE = 4;
const GUILLEMET_LINE = 5;
const STORY_LINE = 7;

function tokenWith(tokens: readonly ColouredToken[] | undefined, text: string): ColouredToken {
  const token = tokens?.find((candidate) => candidate.text.includes(text));
  assert.ok(token, `no token contains ${JSON.stringify(text)}: ${JSON.stringify(tokens?.map((t) => t.text))}`);
  return token;
}

suite('theme colours', () => {
  let themes: LoadedTheme[] = [];
  let grammarPath = '';

  suiteSetup(() => {
    const themeExtension = vscode.extensions.getExtension('vscode.theme-defaults');
    assert.ok(themeExtension, 'this VS Code has no vscode.theme-defaults extension');
    themes = loadThemes(themeExtension.extensionPath);
    const shotlist = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(shotlist, `extension ${EXTENSION_ID} is not installed in the test host`);
    grammarPath = path.join(shotlist.extensionPath, 'syntaxes', 'unifeed.tmLanguage.json');
  });

  test('the default themes cover light, dark and both high-contrast kinds', () => {
    const kinds = new Set(themes.map((theme) => theme.uiTheme));
    for (const kind of ['vs', 'vs-dark', 'hc-black', 'hc-light']) {
      assert.ok(kinds.has(kind), `no default theme of kind ${kind} (found ${[...kinds].join(', ')})`);
    }
  });

  test('quote text is coloured in every default theme', async () => {
    const plain: string[] = [];
    for (const theme of themes) {
      const tokens = await colourTokens(grammarPath, theme, lines);
      const checks: [string, ColouredToken][] = [
        ['soundbite quote', tokenWith(tokens[QUOTE_LINE], 'Every crossing that leaves')],
        ['guillemet quote', tokenWith(tokens[GUILLEMET_LINE], 'A French desk')],
        ['story quote', tokenWith(tokens[STORY_LINE], 'every crossing')],
      ];
      // The story's own words stay plain: the colour marks quotes, not all text.
      assert.equal(tokenWith(tokens[STORY_LINE], 'The harbour master').foreground, theme.foreground, `${theme.id}: story prose is coloured`);
      for (const [what, token] of checks) {
        assert.match(token.foreground, /^#[0-9A-F]{6}/, `${theme.id}: ${what} has no colour at all`);
        if (token.foreground === theme.foreground) {
          plain.push(`${theme.id}: ${what} ${JSON.stringify(token.text)} is ${token.foreground}, the editor's text colour (scopes ${token.scopes.join(' ')})`);
        }
      }
    }
    assert.deepEqual(plain, [], `quote text is uncoloured:\n${plain.join('\n')}`);
  });

  test('FILE sections and dateline sections look different in every default theme', async () => {
    for (const theme of themes) {
      const tokens = await colourTokens(grammarPath, theme, lines);
      const file = tokenWith(tokens[1], 'FILE');
      const date = tokenWith(tokens[2], '14 OCTOBER 2026');
      assert.notEqual(lookOf(file), lookOf(date), `${theme.id}: "FILE" and the section date are both ${lookOf(file)}`);
      assert.notEqual(file.foreground, theme.foreground, `${theme.id}: "FILE" is uncoloured`);
      assert.notEqual(date.foreground, theme.foreground, `${theme.id}: the section date is uncoloured`);
    }
  });
});
