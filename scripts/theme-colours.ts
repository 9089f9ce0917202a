// Prints how the default themes colour the UNifeed grammar's main tokens (quote text, FILE and dateline
// sections, header fields, speaker lines): one row per theme. A development aid for choosing scopes; the
// check is test/integration/themeColours.test.ts. Themes come from the VS Code host (npm run setup:vscode-host)
// or from a theme-defaults folder given as the first argument.
// Run: node --import tsx scripts/theme-colours.ts [path/to/extensions/theme-defaults]
import * as path from 'node:path';
import { colourTokens, loadThemes, lookOf } from '../test/themes/tokenColours';

const root = path.resolve(__dirname, '..');
const themeDir = process.argv[2] ?? path.join(root, '.vscode-test/vscode-host/node_modules/code-server/lib/vscode/extensions/theme-defaults');
const lines = [
  'STORY: UN / SOUTH SUDAN FLOOD ROADS',
  'FILE - UNMISS - BOR, SOUTH SUDAN',
  '14 OCTOBER 2026, BOR, SOUTH SUDAN',
  '4. SOUNDBITE (English) Rebecca Achol Deng-Harlow, Market Trader, Bor:',
  '“Before the road was lifted, my sacks came by canoe.”',
  'Traders said the lorries came “two at a time” now.',
];
const probes: [string, number, string][] = [
  ['field', 0, 'STORY'], ['story', 0, 'UN / SOUTH SUDAN FLOOD ROADS'], ['FILE', 1, 'FILE'], ['file place', 1, 'BOR'],
  ['dateline date', 2, '14 OCTOBER 2026'], ['dateline place', 2, 'BOR'], ['speaker', 3, 'Rebecca Achol Deng-Harlow'],
  ['quote', 4, 'Before the road was lifted, my sacks came by canoe.'], ['story quote', 5, 'two at a time'], ['prose', 5, 'Traders said the lorries came '],
];
async function main(): Promise<void> {
for (const theme of loadThemes(themeDir)) {
  const tokens = await colourTokens(path.join(root, 'syntaxes/unifeed.tmLanguage.json'), theme, lines);
  const cells = probes.map(([label, line, text]) => {
    const token = tokens[line]?.find((t) => t.text.includes(text) || text.includes(t.text.trim()) && t.text.trim() !== '');
    return `${label}=${token ? lookOf(token) : '?'}${token?.foreground === theme.foreground ? '(plain)' : ''}`;
  });
  console.log(`${theme.id.padEnd(28)} fg ${theme.foreground}  ${cells.join('  ')}`);
}
}
void main();
