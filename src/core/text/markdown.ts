// Text from a transcript or a knowledge file shown inside Markdown (hover cards, tooltips): it must
// read as written and never act as Markdown, HTML or a link.

/**
 * `text` as Markdown that shows it literally: every ASCII punctuation character backslash-escaped
 * (CommonMark allows it for all of them) and white space runs as one space. Escaping `:` and `.`
 * also stops the renderer's autolinks (`https://…`, `www.…`, `name@host.org`), so a URL in a quote
 * stays text.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
