// What the CLI prints, made safe for a terminal. A transcript or a file name is text from anywhere: an
// ESC or a C1 control in it could clear the screen, retitle the window or write the clipboard (OSC 52)
// once printed. Every line the commands print goes through one Printer, which escapes them here.

/** Where the CLI's lines go: standard output and standard error, one call per line (main.ts adds the newline). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The commands' only way to print. `text` is for people (summaries, entity lists, quote sheets as text,
 * Markdown or CSV); `json` is for programs; `error` is one line on standard error.
 */
export interface Printer {
  text(text: string): void;
  json(json: string): void;
  error(line: string): void;
}

export function printerFor(output: Output): Printer {
  return {
    text: (text) => output.out(terminalText(text)),
    json: (json) => output.out(escapeJsonControls(json)),
    error: (line) => output.err(terminalLine(line)),
  };
}

// The control characters a terminal may act on: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F).
// Text keeps tab, line feed and a carriage return that ends a line (CRLF: CSV rows, Windows transcripts);
// a lone carriage return is escaped, as it moves the cursor back over what was printed.
// eslint-disable-next-line no-control-regex
const textControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/gu;
// eslint-disable-next-line no-control-regex
const lineControls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/gu;

/** `\x1b` for ESC, `\x9b` for CSI: the notation of JavaScript and Python strings, one code point each. */
function escapeCharacter(character: string): string {
  return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** Text for the terminal: control characters escaped, but tab, line feed and CRLF kept. */
export function terminalText(text: string): string {
  return text.replace(textControls, escapeCharacter);
}

/**
 * One line for the terminal: line breaks escaped too, so that a message, or a file name inside a
 * summary, stays on its line (a name holding a line feed cannot forge a line of output).
 */
export function terminalLine(text: string): string {
  return text.replace(lineControls, escapeCharacter);
}

// JSON.stringify escapes C0 controls (as \u001b) but writes DEL and C1 controls as they are.
const jsonRawControls = /[\u007f-\u009f]/gu;

/**
 * JSON with DEL and C1 controls written as `\u009b` escapes: a reader decodes exactly the same strings,
 * and a terminal sees no control character. They can only occur inside strings (JSON's own syntax is
 * ASCII), where the escape is valid.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(jsonRawControls, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
