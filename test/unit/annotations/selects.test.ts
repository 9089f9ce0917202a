// The package (order, read times, total against the TRT or a target) and the selects sheet.
import * as assert from 'node:assert/strict';
import { parseDuration, parseTags } from '../../../src/core/annotations/fields';
import { AnnotationText, passageAt, placementOf } from '../../../src/core/annotations/placement';
import { buildPackage, exportSheet, reorder, type PlacedSelect, type SheetEntry } from '../../../src/core/annotations/selects';
import { quoteAt } from '../../../src/core/quotes/extract';
import { parseTranscript } from '../../../src/core/parse';
import { LineTable } from '../../../src/core/text/lineTable';
import { seed } from './helpers';

const select = (id: string, start: number, words: string, extra: Partial<PlacedSelect> = {}): PlacedSelect => ({
  id, status: 'selected', order: null, start, words, note: null, tags: [], needsReview: false, ...extra,
});

suite('selection package and selects sheet', () => {
  test('selected passages in document order, arranged ones first; detached and other statuses left out', () => {
    const pack = buildPackage([
      select('b', 300, 'one two three four five six'),
      select('a', 100, 'one two three'),
      select('c', 200, 'x', { status: 'maybe' }),
      select('d', null as unknown as number, 'gone words', { start: null }),
      select('e', 500, 'nine words in this one to read at the rate', { order: 1 }),
    ], 30, null);
    assert.deepEqual(pack.items.map((item) => item.id), ['e', 'a', 'b']);
    assert.deepEqual(pack.items.map((item) => item.seconds), [3, 1, 2]);
    assert.deepEqual(pack.items.map((item) => item.runningSeconds), [3, 4, 6]);
    assert.equal(pack.totalSeconds, 6);
    assert.equal(pack.targetFrom, 'trt');
    assert.equal(pack.overSeconds, -24);
  });

  test('the editor\'s target wins over the TRT', () => {
    const pack = buildPackage([select('a', 0, 'word '.repeat(30))], 90, 5);
    assert.equal(pack.targetSeconds, 5);
    assert.equal(pack.targetFrom, 'editor');
    assert.equal(pack.overSeconds, 5);
  });

  test('moving an item gives every item its position; impossible moves give null', () => {
    const pack = buildPackage([select('a', 1, 'a'), select('b', 2, 'b'), select('c', 3, 'c')], null, null);
    assert.deepEqual([...(reorder(pack.items, 'c', -1) ?? new Map())], [['a', 1], ['c', 2], ['b', 3]]);
    assert.equal(reorder(pack.items, 'a', -1), null);
    assert.equal(reorder(pack.items, 'c', 1), null);
    assert.equal(reorder(pack.items, 'zz', 1), null);
  });

  test('the sheet of a real shot list: quotes with speaker, source, dateline, note and tags in every format', () => {
    const text = seed('000');
    const document = parseTranscript(text);
    const soundbite = document.soundbites[1];
    assert.ok(soundbite?.quote, 'the seed has a second soundbite with a quote');
    const quote = quoteAt(document, text, { start: soundbite.quote.innerRange.start.offset, end: soundbite.quote.innerRange.end.offset }, 'story.txt');
    assert.ok(quote && quote.speaker !== null);
    const entry: SheetEntry = { position: 1, seconds: 7, runningSeconds: 7, quote, note: 'Open with it.\nThen the wide shot.', tags: ['opener', 'un80'], needsReview: false };
    const csv = exportSheet([entry], 'csv', 'wire', {}, 60);
    assert.ok(csv.ok);
    const [header, row] = csv.text.split('\r\n');
    assert.equal(header, 'position,seconds,running,quote,speaker,title,source,date,place,restrictions,note,tags,file,line,shot,needsReview,formatted');
    assert.ok(row?.includes(quote.speaker as string) && row.includes('"Open with it.\nThen the wide shot."') && row.includes('opener un80'), row);
    const markdown = exportSheet([entry], 'markdown', 'wire', {}, 60);
    assert.ok(markdown.ok);
    assert.match(markdown.text, /^# Selects\n\nTotal 0:07 of 1:00\n\n## 1\. 0:07 \(0:07\)\n/u);
    assert.match(markdown.text, /`#opener` `#un80`/u);
    assert.match(markdown.text, /> Open with it\.\n> Then the wide shot\./u);
    const json = exportSheet([entry], 'json', 'wire');
    assert.ok(json.ok);
    const parsed = JSON.parse(json.text) as { totalSeconds: number; selects: { speaker: string; note: string; tags: string[]; formatted: string }[] };
    assert.equal(parsed.totalSeconds, 7);
    assert.equal(parsed.selects[0]?.speaker, quote.speaker);
    assert.ok(parsed.selects[0]?.formatted.includes(quote.speaker as string));
    const plain = exportSheet([entry], 'text', 'wire');
    assert.ok(plain.ok && plain.text.startsWith('Total 0:07\n\n1. [0:07]\n“') && plain.text.includes('#opener #un80') && plain.text.includes('Note: Open with it.'), plain.ok ? plain.text : '');
    assert.equal(exportSheet([entry], 'csv', 'no-such-style').ok, false);
  });

  test('the passage under the cursor: a soundbite\'s quote or a turn\'s words', () => {
    const text = seed('000');
    const document = parseTranscript(text);
    const soundbite = document.soundbites[0];
    assert.ok(soundbite?.quote);
    const passage = passageAt(document, soundbite.lineRange.start.offset + 3);
    assert.deepEqual(passage, { start: soundbite.quote.innerRange.start.offset, end: soundbite.quote.innerRange.end.offset, kind: 'soundbite' });
    assert.equal(passageAt(document, 0), null, 'the header is no passage');
    const interview = 'Q: Where were you?\nA: At the harbour, since dawn.\nQ: And then?\nA: We waited.\n';
    const turns = parseTranscript(interview);
    const answer = passageAt(turns, interview.indexOf('harbour'));
    assert.equal(answer?.kind, 'turn');
    assert.equal(interview.slice(answer?.start, answer?.end), 'At the harbour, since dawn.');
  });

  test('capture records the block and soundbite; a fuzzy match is shown for review', () => {
    const text = seed('000');
    const placement = new AnnotationText(text, parseTranscript(text));
    const soundbite = placement.document.soundbites[0];
    assert.ok(soundbite?.quote);
    const captured = placement.capture(soundbite.quote.innerRange.start.offset, soundbite.quote.innerRange.end.offset);
    assert.ok(captured.ok);
    assert.equal(captured.anchor.block, 'soundbite');
    assert.equal(captured.anchor.soundbite, placement.document.shots[soundbite.shotIndex]?.numberText);
    const changed = text.slice(0, captured.start + 5) + 'X' + text.slice(captured.start + 6);
    const result = new AnnotationText(changed, parseTranscript(changed)).resolve(captured.anchor);
    assert.equal(result.status, 'fuzzy');
    assert.equal(placementOf(result), 'review');
  });

  test('lines from the editor: used when it knows them, the text scanned when it does not, the same either way', () => {
    const text = `${seed('000')}\r\nA last line with a lone CR\rand CRLF\r\n`;
    const model = parseTranscript(text);
    const table = new LineTable(text);
    let asked = 0;
    const editor = new AnnotationText(text, model, {
      lineOf: (offset) => { asked++; return table.positionAt(offset).line + 1; },
      lineStart: (line) => { asked++; return table.starts[Math.max(0, Math.min(table.starts.length - 1, line - 1))]; },
    });
    const scanned = new AnnotationText(text, model);
    const soundbite = model.soundbites[1];
    assert.ok(soundbite?.quote);
    const { start, end } = soundbite.quote.innerRange;
    const fromEditor = editor.capture(start.offset, end.offset);
    const fromScan = scanned.capture(start.offset, end.offset);
    assert.ok(fromEditor.ok && fromScan.ok);
    assert.deepEqual(fromEditor.anchor, fromScan.anchor);
    assert.equal(fromEditor.anchor.line, start.line + 1);
    assert.deepEqual(editor.resolve(fromEditor.anchor), scanned.resolve(fromScan.anchor));
    for (let offset = 0; offset <= text.length; offset += 97) {
      assert.equal(editor.lineOf(offset), scanned.lineOf(offset), `offset ${offset}`);
    }
    assert.equal(editor.lineOf(text.length - 3), scanned.lineOf(text.length - 3));
    assert.ok(asked > 0, 'the editor was asked');
    // An editor that no longer knows (its document changed): the text's own lines.
    const stale = new AnnotationText(text, model, { lineOf: () => undefined, lineStart: () => undefined });
    assert.equal(stale.lineOf(end.offset), scanned.lineOf(end.offset));
    const wrong = new AnnotationText(text, model, { lineOf: () => 7, lineStart: () => 0 });
    assert.equal(wrong.lineOf(end.offset), 7, 'the editor\'s answer is the one used');
  });

  test('tags and lengths as the editor types them', () => {
    assert.deepEqual(parseTags('#withdrawal, ceasefire ##un80 #withdrawal'), ['withdrawal', 'ceasefire', 'un80']);
    assert.deepEqual(parseTags('   '), []);
    assert.equal(parseDuration('1:30'), 90);
    assert.equal(parseDuration('90'), 90);
    assert.equal(parseDuration('1:02:00'), 3720);
    assert.equal(parseDuration('1:75'), null);
    assert.equal(parseDuration('0'), null);
    assert.equal(parseDuration('soon'), null);
  });
});

suite('the package order in the sidecar', () => {
  test('order is written, read back, changed and removed; a bad value is reported and kept', async () => {
    const { readSidecar, updateSidecar } = await import('../../../src/core/annotations/sidecar');
    const anchor = { text: 'the morning ferry', prefix: '', suffix: '', line: 3 };
    const added = updateSidecar(null, [{ kind: 'add', annotation: { id: 'aaaaaaaaaaaa', anchor, status: 'selected', order: 2 } }]);
    assert.ok(added.text !== null);
    assert.match(added.text, /order: 2/u);
    assert.equal(readSidecar(added.text).annotations[0]?.order, 2);
    const moved = updateSidecar(added.text, [{ kind: 'update', id: 'aaaaaaaaaaaa', order: 1 }]);
    assert.equal(moved.text !== null && readSidecar(moved.text).annotations[0]?.order, 1);
    const cleared = updateSidecar(moved.text, [{ kind: 'update', id: 'aaaaaaaaaaaa', order: null }]);
    assert.ok(cleared.text !== null && !cleared.text.includes('order:'));
    const bad = readSidecar((added.text).replace('order: 2', 'order: first'));
    assert.equal(bad.annotations[0]?.order, null);
    assert.ok(bad.problems.some((problem) => problem.code === 'wrong-type'));
    assert.equal(updateSidecar(added.text, [{ kind: 'update', id: 'aaaaaaaaaaaa', order: 0 }]).applied.length, 0);
  });
});

suite('the sidecar\'s JSON schema', () => {
  test('names the fields, statuses and blocks the reader knows, and is contributed for *.notes.yaml', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { annotationStatuses } = await import('../../../src/core/annotations/sidecar');
    const { anchorBlocks } = await import('../../../src/core/annotations/anchor');
    const root = join(__dirname, '..', '..', '..');
    type Node = { properties: Record<string, Node & { enum?: unknown[] }>; items: Node; required?: string[] };
    const schema = JSON.parse(readFileSync(join(root, 'media', 'notes.schema.json'), 'utf8')) as Node;
    const entry = schema.properties.annotations?.items as Node;
    assert.deepEqual(Object.keys(entry.properties), ['id', 'anchor', 'status', 'tags', 'note', 'order', 'created', 'updated', 'conflict']);
    assert.deepEqual(entry.required, ['id', 'anchor']);
    assert.deepEqual(entry.properties.status?.enum, [...annotationStatuses, null]);
    assert.deepEqual(entry.properties.anchor?.properties.block?.enum, [...anchorBlocks]);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.ok(manifest.contributes.yamlValidation.some((each) => each.fileMatch === '**/*.notes.yaml' && each.url === './media/notes.schema.json'));
  });
});
