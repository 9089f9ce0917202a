// The colour a VS Code colour theme gives each token of the UNifeed grammar, computed the way the editor
// computes it: the theme's token rules (with its `include` chain) handed to vscode-textmate's own theme
// matcher, and the foreground read from each token's encoded attributes. Themes are read from a VS Code
// installation's theme-defaults extension: the integration test passes the running VS Code's, so the check
// follows the themes users really have. Used by test/integration/themeColours.test.ts and
// scripts/theme-colours.ts (which prints a table, to choose scopes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export interface ThemeRule {
  readonly scope?: string | readonly string[];
  readonly settings: { readonly foreground?: string; readonly background?: string; readonly fontStyle?: string };
}

export interface LoadedTheme {
  readonly id: string;
  /** `vs`, `vs-dark`, `hc-black` or `hc-light`. */
  readonly uiTheme: string;
  readonly rules: readonly ThemeRule[];
  /** The editor's text colour: what a token no rule matches is drawn in. */
  readonly foreground: string;
}

export interface ColouredToken {
  readonly text: string;
  readonly scopes: readonly string[];
  /** Upper-case #RRGGBB. */
  readonly foreground: string;
  /** Bit set of vscode-textmate's FontStyle: 1 italic, 2 bold, 4 underline, 8 strikethrough. */
  readonly fontStyle: number;
}

/** The editor foreground VS Code uses when a theme does not set `editor.foreground` (its colour registry). */
const defaultForeground: Record<string, string> = { 'vs': '#000000', 'vs-dark': '#D4D4D4', 'hc-black': '#FFFFFF', 'hc-light': '#292929' };

interface ThemeFile {
  readonly include?: string;
  readonly colors?: Record<string, string>;
  readonly tokenColors?: readonly ThemeRule[];
}

/** The themes of a theme-defaults extension folder (its package.json `contributes.themes`), includes resolved. */
export function loadThemes(themeExtensionPath: string): LoadedTheme[] {
  const manifest = JSON.parse(readFileSync(path.join(themeExtensionPath, 'package.json'), 'utf8')) as {
    contributes: { themes: { id: string; uiTheme: string; path: string }[] };
  };
  return manifest.contributes.themes.map((contributed) => {
    // Rules of included files come first, so that the including theme's own rules override them.
    const chain: ThemeFile[] = [];
    let file: string | undefined = path.join(themeExtensionPath, contributed.path);
    for (let depth = 0; file && depth < 8; depth++) {
      const theme = JSON.parse(readFileSync(file, 'utf8')) as ThemeFile;
      chain.unshift(theme);
      file = theme.include ? path.join(path.dirname(file), theme.include) : undefined;
    }
    const rules = chain.flatMap((theme) => theme.tokenColors ?? []);
    const foreground = chain.reduce<string | undefined>((found, theme) => theme.colors?.['editor.foreground'] ?? found, undefined)
      ?? defaultForeground[contributed.uiTheme] ?? '#000000';
    return { id: contributed.id, uiTheme: contributed.uiTheme, rules, foreground: foreground.toUpperCase() };
  });
}

let onigLoaded: Promise<void> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onigLoaded ??= (async () => {
    const require = createRequire(__filename);
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigLoaded.then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
}

/** Every token of `lines` (one document, tokenized from its start) with its colour in `theme`. */
export async function colourTokens(grammarPath: string, theme: LoadedTheme, lines: readonly string[]): Promise<ColouredToken[][]> {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => (scopeName === 'text.unifeed' ? vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null),
  });
  // A rule without a scope sets the defaults: the colour of tokens no other rule matches.
  registry.setTheme({ name: theme.id, settings: [{ settings: { foreground: theme.foreground } }, ...theme.rules] as vsctm.IRawTheme['settings'] });
  const colourMap = registry.getColorMap();
  const grammar = await registry.loadGrammar('text.unifeed');
  if (!grammar) {
    throw new Error(`could not load text.unifeed from ${grammarPath}`);
  }
  const result: ColouredToken[][] = [];
  let scopeState = vsctm.INITIAL;
  let colourState = vsctm.INITIAL;
  for (const line of lines) {
    const scoped = grammar.tokenizeLine(line, scopeState);
    const coloured = grammar.tokenizeLine2(line, colourState);
    scopeState = scoped.ruleStack;
    colourState = coloured.ruleStack;
    const tokens: ColouredToken[] = [];
    for (const token of scoped.tokens) {
      // The encoded token covering this token's start (the two tokenizations split lines alike or coarser).
      let metadata = 0;
      for (let i = 0; i < coloured.tokens.length; i += 2) {
        if ((coloured.tokens[i] ?? 0) <= token.startIndex) {
          metadata = coloured.tokens[i + 1] ?? 0;
        }
      }
      tokens.push({
        text: line.slice(token.startIndex, token.endIndex),
        scopes: token.scopes,
        foreground: (colourMap[(metadata >>> 15) & 0x1ff] ?? '').toUpperCase(),
        fontStyle: (metadata >>> 11) & 0xf,
      });
    }
    result.push(tokens);
  }
  return result;
}

/** How a token looks: its colour and, when set, bold or italic; two tokens look alike when these are equal. */
export function lookOf(token: ColouredToken): string {
  const styles = [token.fontStyle & 2 ? 'bold' : '', token.fontStyle & 1 ? 'italic' : ''].filter((style) => style !== '');
  return [token.foreground, ...styles].join(' ');
}
