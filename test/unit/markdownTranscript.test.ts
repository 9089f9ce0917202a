// Markdown transcripts: turns from bold and heading labels, quotes from blockquotes and quoted
// passages, exact ranges into the original text, and every line in exactly one block.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMarkdownPath, parseMarkdownTranscript } from '../../src/core/parse/markdown';
import type { TextRange, TranscriptDocument } from '../../src/core/model';
import { parseTranscript } from '../../src/core/parse';
import { lines, readFixture } from './helpers';

function slice(text: string, range: TextRange | null): string | null {
  return range ? text.slice(range.start.offset, range.end.offset) : null;
}

/** Every range of the model, found by walking it. */
function allRanges(value: unknown, found: TextRange[] = []): TextRange[] {
  if (value === null || typeof value !== 'object') {
    return found;
  }
  if (Array.isArray(value)) {
    value.forEach((item) => allRanges(item, found));
    return found;
  }
  const record = value as Record<string, unknown>;
  const start = record['start'] as Record<string, unknown> | undefined;
  if (typeof start === 'object' && start !== null && typeof start['offset'] === 'number') {
    found.push(record as unknown as TextRange);
    return found;
  }
  Object.values(record).forEach((item) => allRanges(item, found));
  return found;
}

/** Ranges inside the text and consistent (line/character agree with the offset); blocks cover every line once. */
function checkInvariants(text: string, document: TranscriptDocument): void {
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/gu)) {
    lineStarts.push(match.index + match[0].length);
  }
  assert.equal(document.lineCount, lineStarts.length);
  assert.equal(document.length, text.length);
  for (const range of allRanges(document)) {
    for (const position of [range.start, range.end]) {
      assert.ok(position.offset >= 0 && position.offset <= text.length, `offset ${position.offset} outside 0-${text.length}`);
      assert.equal((lineStarts[position.line] ?? NaN) + position.character, position.offset);
    }
    assert.ok(range.start.offset <= range.end.offset, `range ${range.start.offset}-${range.end.offset} is reversed`);
  }
  let next = 0;
  for (const block of document.blocks) {
    assert.equal(block.firstLine, next, `line ${next} belongs to no block`);
    assert.ok(block.lastLine >= block.firstLine);
    next = block.lastLine + 1;
  }
  assert.equal(next, document.lineCount, 'the blocks stop before the end of the document');
  document.turns.forEach((turn, index) => {
    assert.ok(document.blocks.some((block) => block.kind === 'turn' && block.index === index &&
      block.firstLine === turn.range.start.line && block.lastLine === turn.range.end.line), `turn ${index} has no block`);
  });
}

function summary(text: string, document: TranscriptDocument): unknown {
  return {
    turns: document.turns.map((turn) => ({ speaker: turn.speaker, role: turn.role, label: slice(text, turn.labelRange), text: turn.text })),
    quotes: document.quotes.map((quote) => ({ text: quote.text, open: quote.openMark, close: quote.closeMark, closed: quote.closed })),
  };
}

suite('Markdown transcripts', () => {
  test('isMarkdownPath recognises Markdown file names only', () => {
    for (const name of ['notes.md', 'INTERVIEW.MD', 'a/b/c.markdown', 'x.mdown', 'x.mkd', 'x.mkdn', 'x.mdwn', 'C:\\docs\\q&a.Md']) {
      assert.equal(isMarkdownPath(name), true, name);
    }
    for (const name of ['notes.txt', 'md', 'x.mdx', 'x.md.txt', 'x.unifeed', '', 'readme']) {
      assert.equal(isMarkdownPath(name), false, name);
    }
  });

  test('bold labels: turns, roles, label and text ranges, continuation paragraphs and a blockquote in an answer', () => {
    const text = readFixture('markdown/bold_labels.md');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.equal(document.format, 'interview');
    assert.equal(document.title?.text, '“The river will not wait”: a conversation with Marisol Okonkwo-Baird');
    assert.equal(slice(text, document.title?.range ?? null), document.title?.text);
    assert.deepEqual(document.turns.map((turn) => [turn.speaker, turn.role, slice(text, turn.labelRange), turn.style]), [
      ['UN News', 'question', 'UN News', 'label'],
      ['Okonkwo-Baird', 'answer', 'Okonkwo-Baird', 'label'],
      ['UN News', 'question', 'UN News', 'label'],
      ['Okonkwo-Baird', 'answer', 'Okonkwo-Baird', 'label'],
    ]);
    const [question, answer, , last] = document.turns;
    assert.equal(question?.text, 'What did the floods change for the families in the valley?');
    assert.equal(slice(text, question?.textRange ?? null), 'What did the floods change for the families in the valley?');
    assert.equal(slice(text, question?.range ?? null), '**UN News:** What did the floods change for the families in the valley?');
    assert.equal(answer?.text, 'Everything. The water came in two nights, and the school at Venmor was gone by the morning. ' +
      'We moved 4,000 people to higher ground. As one teacher told me, “we carried the books before the beds.”');
    assert.deepEqual([answer?.range.start.line, answer?.range.end.line], [6, 8]);
    assert.equal(last?.text, 'From the regional fund, for now. It is not enough. “We cannot rebuild the same school in the same place and call it recovery.”');
    assert.equal(slice(text, last?.textRange ?? null), lines(
      'From the [regional fund](https://example.invalid/fund), for now. It is *not* enough.',
      '',
      '> “We cannot rebuild the same school in the same place and call it recovery.”'));
    assert.deepEqual(document.quotes.map((quote) => [quote.text, slice(text, quote.range), slice(text, quote.innerRange)]), [
      ['we carried the books before the beds.', '“we carried the books before the beds.”', 'we carried the books before the beds.'],
      ['We cannot rebuild the same school in the same place and call it recovery.',
        '“We cannot rebuild the same school in the same place and call it recovery.”',
        'We cannot rebuild the same school in the same place and call it recovery.'],
    ]);
    assert.deepEqual(document.blocks.map((block) => `${block.kind}${block.index ?? ''}:${block.firstLine}-${block.lastLine}`), [
      'title:0-0', 'blank:1-1', 'paragraph:2-2', 'blank:3-3', 'turn0:4-4', 'blank:5-5', 'turn1:6-8', 'blank:9-9',
      'turn2:10-10', 'blank:11-11', 'turn3:12-14', 'blank:15-15',
    ]);
    // The same shape as the plain-text parser's model, with no shot-list parts.
    assert.deepEqual(Object.keys(document).sort(), Object.keys(parseTranscript('')).sort());
    assert.deepEqual([document.header, document.headers, document.shots, document.soundbites, document.sections, document.stories],
      [null, [], [], [], [], []]);
    assert.deepEqual(document.diagnostics, []);
  });

  test('heading labels: `### Q: …`, a label alone in a heading, a plain `A:` paragraph', () => {
    const text = readFixture('markdown/heading_labels.md');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.equal(document.format, 'interview');
    assert.equal(document.title, null, 'a second-level heading is not the title');
    assert.deepEqual(document.turns.map((turn) => [turn.speaker, turn.role, turn.text, slice(text, turn.textRange), slice(text, turn.labelRange)]), [
      ['Q', 'question', 'How long have the clinics been open?', 'How long have the clinics been open?', 'Q'],
      ['A', 'answer', 'Since March. Three of them, in fact. The third one opened last week in Dorrin Falls.',
        'Since March. **Three** of them, in fact.\n\nThe third one opened last week in Dorrin Falls.', 'A'],
      ['Q', 'question', 'And what do the nurses need most?', 'And what do the nurses need most?', 'Q'],
      ['A', 'answer', 'Fuel for the generators. Without it, the vaccines spoil.', 'Fuel for the generators. Without it, the vaccines spoil.', 'A'],
    ]);
    assert.equal(slice(text, document.turns[0]?.range ?? null), '### Q: How long have the clinics been open?');
    assert.deepEqual(document.turns.map((turn) => [turn.range.start.line, turn.range.end.line]), [[2, 2], [4, 6], [8, 10], [12, 14]]);
    assert.equal(document.blocks[0]?.kind, 'heading');
    assert.deepEqual(document.quotes, []);
  });

  test('article: blockquotes with and without marks, quotes in paragraphs, a rule, no turns', () => {
    const text = readFixture('markdown/article_blockquotes.md');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.equal(document.format, 'prose');
    assert.deepEqual(document.turns, []);
    assert.equal(document.title?.text, 'Harvest season begins in Kettle Plains');
    assert.deepEqual(document.quotes.map((quote) => [quote.text, quote.openMark, quote.closeMark, quote.closed, slice(text, quote.range), slice(text, quote.innerRange)]), [
      ['The rains came late, but they came. We lost a month and not the year.', null, null, true,
        'The rains came late, but they came. We lost a month and not the year.',
        'The rains came late, but they came. We lost a month and not the year.'],
      ['full before the end of the first week', '“', '”', true, '“full before the end of the first week”', 'full before the end of the first week'],
      // The attribution line after the closing mark stays out of the quote.
      ['Every bag we keep dry is a meal in January,', '“', '”', true, '“Every bag we keep dry is a meal in January,”',
        'Every bag we keep dry is a meal in January,'],
    ]);
    assert.ok(document.blocks.some((block) => block.kind === 'separator' && block.firstLine === 8));
    assert.deepEqual(document.blocks.at(-2), { kind: 'paragraph', firstLine: 10, lastLine: 12, index: null });
  });

  test('front matter, links, emphasis and escapes: words without markup, ranges into the source', () => {
    const text = readFixture('markdown/front_matter_links.md');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.equal(document.format, 'interview');
    assert.deepEqual(document.blocks[0], { kind: 'chrome', firstLine: 0, lastLine: 3, index: null });
    assert.deepEqual(document.chrome.map((range) => slice(text, range)), ['---\ntitle: Field notes from Ambrel\nauthor: A. Fictional\n---']);
    assert.deepEqual(summary(text, document), {
      turns: [
        { speaker: 'Host', role: 'question', label: 'Host', text: 'Welcome back. You were in Ambrel last week?' },
        { speaker: 'Petrov-Sall', role: 'answer', label: 'Petrov-Sall',
          text: 'I was. I met the water committee and the mayor. “The pumps work when the power works,” the mayor said. “And the power works three days a week.”' },
        { speaker: 'Host', role: 'question', label: 'Host', text: 'And *nothing* has changed & nobody came?' },
        { speaker: 'Petrov-Sall', role: 'answer', label: 'Petrov-Sall', text: 'Someone came. They said “we will be back”, and they were.' },
      ],
      quotes: [
        { text: 'The pumps work when the power works,', open: '“', close: '”', closed: true },
        { text: 'And the power works three days a week.', open: '“', close: '”', closed: true },
        { text: 'we will be back', open: '“', close: '”', closed: true },
      ],
    });
    assert.equal(slice(text, document.turns[0]?.textRange ?? null), 'Welcome back. You were in *Ambrel* last week?');
    assert.equal(slice(text, document.turns[2]?.textRange ?? null), 'And \\*nothing\\* has changed &amp; nobody came?');
    assert.equal(slice(text, document.quotes[0]?.range ?? null), '“The pumps work *when* the [power](https://example.invalid/power) works,”');
    assert.equal(slice(text, document.quotes[1]?.innerRange ?? null), 'And the power\n> works **three days** a week.');
  });

  test('an empty file is prose with one blank block', () => {
    const text = readFixture('markdown/empty.md');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.equal(document.format, 'prose');
    assert.deepEqual([document.turns, document.quotes, document.diagnostics, document.title], [[], [], [], null]);
    assert.deepEqual(document.blocks, [{ kind: 'blank', firstLine: 0, lastLine: 0, index: null }]);
  });

  test('CRLF line endings and a BOM give the same words and exact ranges', () => {
    const lf = readFixture('markdown/front_matter_links.md');
    const crlf = `\ufeff${lf.replace(/\n/gu, '\r\n')}`;
    const document = parseMarkdownTranscript(crlf);
    checkInvariants(crlf, document);
    assert.deepEqual(summary(crlf, document), summary(lf, parseMarkdownTranscript(lf)));
    assert.equal(document.blocks[0]?.kind, 'chrome', 'front matter after a BOM');
    assert.equal(slice(crlf, document.quotes[1]?.innerRange ?? null), 'And the power\r\n> works **three days** a week.');
    const bold = `\ufeff${readFixture('markdown/bold_labels.md').replace(/\n/gu, '\r\n')}`;
    const boldDocument = parseMarkdownTranscript(bold);
    checkInvariants(bold, boldDocument);
    assert.deepEqual(boldDocument.turns.map((turn) => slice(bold, turn.labelRange)), ['UN News', 'Okonkwo-Baird', 'UN News', 'Okonkwo-Baird']);
  });

  test('labels need evidence: one bold `Note:` is not an interview; a label asking mostly questions asks', () => {
    const note = parseMarkdownTranscript(lines('**Note:** the mission closed in 2024.', '', 'The rest is history.'));
    assert.equal(note.format, 'prose');
    assert.deepEqual(note.turns, []);
    const text = lines('**Okafor:** Why now?', '', '**Brandt-Lee:** Because the rains came.', '', '**Okafor:** And next year?', '', '**Brandt-Lee:** We will see.');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.deepEqual(document.turns.map((turn) => turn.role), ['question', 'answer', 'question', 'answer']);
    // One recurring label is not a dialogue (as in parse/prose.ts); two speakers who never ask make statements.
    const monologue = parseMarkdownTranscript(lines('**Okafor:** We stayed.', '', '**Okafor:** We left.', '', '**Okafor:** We came back.'));
    assert.equal(monologue.format, 'prose');
    const statements = parseMarkdownTranscript(lines('**Okafor:** We stayed.', '', '**Brandt-Lee:** We left.', '', '**Okafor:** We came back.', '', '**Brandt-Lee:** So did we.'));
    assert.deepEqual(statements.turns.map((turn) => turn.role), ['statement', 'statement', 'statement', 'statement']);
  });

  test('`**Label**: text` keeps the colon out of the label; a quote never closed is reported', () => {
    const text = lines('**UN News**: Is it “over?', '', '**Q**: Next?', '', 'A: Yes.');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.deepEqual(document.turns.map((turn) => [turn.speaker, slice(text, turn.labelRange), slice(text, turn.textRange)]), [
      ['UN News', 'UN News', 'Is it “over?'],
      ['Q', 'Q', 'Next?'],
      ['A', 'A', 'Yes.'],
    ]);
    assert.deepEqual(document.quotes.map((quote) => [quote.text, quote.closed, slice(text, quote.range)]), [['over?', false, '“over?']]);
    assert.deepEqual(document.diagnostics.map((diagnostic) => [diagnostic.code, slice(text, diagnostic.range)]), [['unclosed-quote', '“']]);
  });

  test('a blockquote of several paragraphs continues a quote that each paragraph reopens', () => {
    const text = lines('> “First paragraph of the statement.', '>', '> “Second and last paragraph.”', '', 'After it.');
    const document = parseMarkdownTranscript(text);
    checkInvariants(text, document);
    assert.deepEqual(document.quotes.map((quote) => [quote.text, quote.closed, slice(text, quote.range)]), [
      ['First paragraph of the statement. Second and last paragraph.', true, text.slice(2, text.indexOf('”') + 1)],
    ]);
  });

  test('random Markdown-ish text never throws, ranges lie inside the text, every line is in one block', () => {
    const fragments = [
      '**UN News:**', '**Lacroix:**', '**Q**:', 'A:', 'Q:', '### Q:', '## A', '# Title', '> ', '>', '“', '”', '"', '«', '»',
      '*', '**', '_', '`', '[link](http://x)', '![img](y)', '---', '...', '\\*', '&amp;', '<br>', '- ', '1. ', '    ', '\t',
      ' ', '\n', '\r\n', '\r', '\n\n', '\ufeff', '\u00a0', 'é', '😀', 'word', 'Why?', ':', '|a|b|\n|-|-|', '```', '~~~',
    ];
    fc.assert(fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const document = parseMarkdownTranscript(text);
      checkInvariants(text, document);
    }), { numRuns: 400 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      checkInvariants(text, parseMarkdownTranscript(text));
    }), { numRuns: 200 });
  });
});
