// Text from transcripts and knowledge files reaches hover cards and the Soundbites view's tooltips as
// Markdown. Rendered as VS Code renders MarkdownString (marked, with GitHub's autolinks), it must show
// exactly as written: no link, no HTML, no emphasis, whatever the text holds.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked } from 'marked';
import { escapeMarkdownText } from '../../src/core/text/markdown';

function render(markdown: string): string {
  return marked.parse(markdown, { gfm: true, async: false });
}

/** The text a reader sees in rendered HTML (tags dropped, the entities marked writes decoded). */
function visibleText(html: string): string {
  return html.replace(/<[^>]*>/gu, '').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'").replace(/&lt;/gu, '<').replace(/&gt;/gu, '>')
    .replace(/&amp;/gu, '&').trim();
}

suite('Markdown escaping of transcript text', () => {
  test('bare URLs, www addresses and e-mail addresses stay text', () => {
    for (const text of [
      'See https://example.org/report?id=3 for the report',
      'http://un.org and ftp://files.example.org/x',
      'Go to www.example.org now',
      'Write to press@example.org',
      '“The full text is at https://example.org/a_b (page 2).”',
    ]) {
      const html = render(escapeMarkdownText(text));
      assert.ok(!html.includes('<a'), `${text} rendered as ${html}`);
      assert.equal(visibleText(html), text);
    }
  });

  test('Markdown and HTML in the text are shown, not applied', () => {
    for (const text of ['**bold** and _it_', '# Not a heading', '[a link](https://example.org)', '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>', '1. not a list', '> not a quote', '`code`', 'back\\slash', '| a | b |']) {
      const html = render(escapeMarkdownText(text));
      assert.ok(!/<(?:a|strong|em|h1|img|script|ol|blockquote|code|table)\b/u.test(html), `${text} rendered as ${html}`);
      assert.equal(visibleText(html), text);
    }
  });

  test('any text shows as written (white space runs as one space), with no link or tag', () => {
    const characters = fc.constantFrom('a', 'Z', '1', ' ', '.', ':', '/', '@', 'w', 'h', 't', 'p', 's', '<', '>', '*', '_', '[', ']', '(', ')', '#', '`', '\\', '!', '&', '-', '+', '|', '~', '"', "'", '=');
    fc.assert(fc.property(fc.array(characters, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
      const html = render(escapeMarkdownText(text));
      assert.ok(!/<(?!\/?p>)/u.test(html), `${JSON.stringify(text)} rendered as ${html}`);
      assert.equal(visibleText(html), text.replace(/\s+/gu, ' ').trim());
    }), { numRuns: 2000 });
  });
});
