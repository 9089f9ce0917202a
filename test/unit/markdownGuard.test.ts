// The Markdown guard (src/core/parse/markdownGuard.ts): real Markdown reaches remark untouched; what
// makes remark super-linear is neutralised past its bound, offsets unchanged and the user told; past
// the cost budget the file is read line by line.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatMarkdownNotice } from '../../src/core/messages/notices';
import {
  maxContainerDepth, maxBracketsPerParagraph, maxDelimitersPerParagraph, maxSetextHeadings, parseTranscript, parseTranscriptFile, type MarkdownNotice,
} from '../../src/core/parse';
import { guardMarkdown } from '../../src/core/parse/markdownGuard';
import { LineTable } from '../../src/core/text/lineTable';
import { lines, repositoryRoot } from './helpers';

function guard(text: string): ReturnType<typeof guardMarkdown> {
  return guardMarkdown(text, new LineTable(text));
}

/** Positions where the guarded text differs from the original. */
function changedPositions(original: string, guarded: string): number[] {
  assert.equal(guarded.length, original.length, 'the guard keeps every offset');
  const positions: number[] = [];
  for (let index = 0; index < original.length; index++) {
    if (original.charCodeAt(index) !== guarded.charCodeAt(index)) {
      positions.push(index);
    }
  }
  return positions;
}

suite('Markdown guard', () => {
  test('real Markdown interviews and articles reach remark untouched, with no notice', () => {
    const folder = join(repositoryRoot, 'test', 'fixtures', 'markdown');
    const files = readdirSync(folder).filter((name) => name.endsWith('.md'));
    assert.ok(files.length >= 3, 'the Markdown fixtures are there');
    for (const name of files) {
      const text = readFileSync(join(folder, name), 'utf8');
      const guarded = guard(text);
      assert.equal(guarded.text, text, name);
      assert.deepEqual(guarded.notices, [], name);
      assert.ok(guarded.affordable, name);
    }
  });

  test('container markers nested past the bound on one line are read as text', () => {
    const text = `${'- '.repeat(4000)}x\n${'> '.repeat(maxContainerDepth)}kept\n`;
    const guarded = guard(text);
    const changed = changedPositions(text, guarded.text);
    assert.equal(changed.length, 4000 - maxContainerDepth);
    assert.ok(changed.every((position) => text.charAt(position) === '-' && position >= 2 * maxContainerDepth));
    assert.deepEqual(guarded.notices, [{ code: 'markdown-nesting', line: 0, lines: 1 }]);
    const document = parseTranscriptFile(text, 'nested.md');
    assert.equal(document.blocks[document.blocks.length - 1]?.lastLine, document.lineCount - 1);
  });

  test('ordered-list markers and quote marks count as containers too', () => {
    const text = `${'1. '.repeat(maxContainerDepth + 3)}${'> '.repeat(2)}x`;
    const changed = changedPositions(text, guard(text).text);
    assert.equal(changed.length, 5);
    assert.deepEqual(changed.map((position) => text.charAt(position)), ['.', '.', '.', '>', '>']);
  });

  test('emphasis marks past the bound in one paragraph are read as text; a blank line starts the count again', () => {
    const paragraph = '*a'.repeat(maxDelimitersPerParagraph + 100);
    const text = `${paragraph}\n\n${'_b'.repeat(maxDelimitersPerParagraph)}\n`;
    const guarded = guard(text);
    const changed = changedPositions(text, guarded.text);
    assert.equal(changed.length, 100);
    assert.ok(changed.every((position) => position < paragraph.length));
    assert.deepEqual(guarded.notices, [{ code: 'markdown-delimiters', line: 0, lines: 1 }]);
  });

  test('link brackets past the bound in one paragraph are read as text (remark is quadratic on `[x]` runs)', () => {
    const paragraph = `${'[x] '.repeat(maxBracketsPerParagraph + 40)}\nstill the same paragraph [y]`;
    const text = `${paragraph}\n\n${'[z]'.repeat(maxBracketsPerParagraph)}\n`;
    const guarded = guard(text);
    const changed = changedPositions(text, guarded.text);
    assert.equal(changed.length, 41);
    assert.ok(changed.every((position) => position < paragraph.length && text.charAt(position) === '['));
    assert.deepEqual(guarded.notices, [{ code: 'markdown-brackets', line: 0, lines: 2 }]);
  });

  test('setext headings past the bound are read as text', () => {
    const text = 'Heading\n=======\n\n'.repeat(maxSetextHeadings + 3);
    const guarded = guard(text);
    assert.equal(changedPositions(text, guarded.text).length, 3 * 7);
    assert.deepEqual(guarded.notices, [{ code: 'markdown-setext', line: (maxSetextHeadings) * 3 + 1, lines: 3 }]);
  });

  test('a file remark would take too long over is read line by line, and the caller is told', () => {
    const text = lines('**UN News:** A question?', '', ...Array.from({ length: 5000 }, (_, index) => `- item ${index}`));
    const guarded = guard(text);
    assert.ok(!guarded.affordable && guarded.estimatedMs > 400);
    const notices: MarkdownNotice[] = [];
    const document = parseTranscriptFile(text, 'long-list.md', undefined, notices);
    assert.deepEqual(notices.map((notice) => notice.code), ['markdown-too-costly']);
    assert.deepEqual(JSON.parse(JSON.stringify(document)), JSON.parse(JSON.stringify(parseTranscript(text))));
  });

  test('thousands of short lines in one paragraph count per line, not only per character (found by npm run fuzz)', () => {
    const text = 'STORYLINE:\r\n'.repeat(5000);
    const guarded = guard(text);
    assert.ok(!guarded.affordable && guarded.estimatedMs > 400, `estimated ${guarded.estimatedMs} ms`);
    // A real Markdown interview of 600 lines and 40 KB stays with remark.
    const interview = lines(...Array.from({ length: 300 }, (_, index) => `**Q${index}:** ${'Why the road matters to the valley now? '.repeat(1)}\n\nAnswer ${index}: ${'we need the road open for the clinics. '.repeat(2)}`));
    assert.ok(guard(interview).affordable, `estimated ${guard(interview).estimatedMs} ms for ${interview.length} characters`);
  });

  test('notices read as one line naming the file and the first line, 1-based', () => {
    const message = formatMarkdownNotice({ code: 'markdown-nesting', line: 11, lines: 3 }, 'notes/interview.md');
    assert.match(message, /^notes\/interview\.md: 3 line\(s\) nest lists or quotes more than 8 deep; .*line 12\)\.$/u);
  });

  test('any text: same length, only Markdown characters changed, and the parse never throws and covers every line', () => {
    const piece = fc.constantFrom('- ', '* ', '> ', '1. ', '2) ', '*', '**', '_', 'a', ' ', '\n', '\n\n', '=', '===\n', '---\n', '[', '](', '`', '<', '&');
    fc.assert(fc.property(fc.array(piece, { maxLength: 400 }).map((parts) => parts.join('')), (text) => {
      const guarded = guard(text);
      for (const position of changedPositions(text, guarded.text)) {
        assert.ok('-*+>._=)0123456789'.includes(text.charAt(position)), JSON.stringify(text.charAt(position)));
      }
      const document = parseTranscriptFile(text, 'random.md');
      const blocks = document.blocks;
      assert.equal(blocks[0]?.firstLine ?? 0, 0);
      assert.equal(blocks[blocks.length - 1]?.lastLine ?? 0, document.lineCount - 1);
    }), { numRuns: 300 });
  });
});
