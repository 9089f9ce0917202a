// Mentions in the editor's terms: the one under the cursor, the next of the same entity with wrapping,
// counts, lines and characters (LF and CRLF), previews of long lines, and the knowledge-files setting.
import * as assert from 'node:assert/strict';
import { createMatcher } from '../../src/core/kb/match';
import {
  countMentions, isAbsoluteKnowledgePath, knowledgeFilePaths, locateMentions, mentionAt, nextMentionOf, previewMentions, relativeKnowledgeSegments,
} from '../../src/core/kb/mentions';
import type { KbEntry } from '../../src/core/kb/model';

const entry = (id: string, acronyms: string[], names: string[] = []): KbEntry => ({
  id, type: 'peacekeeping-operation', names, acronyms, aliases: [], sources: [], origin: 'test',
});
const matcher = createMatcher([entry('alpha', ['FALPHA'], ['Fictional Alpha Mission']), entry('beta', ['FBETA'])]);

// Offsets:       0         1         2         3         4         5
//                0123456789012345678901234567890123456789012345678901234
const text = 'FALPHA met FBETA.\nThen the Fictional Alpha Mission left.\nFALPHA again.';

suite('knowledge base: mentions in the editor', () => {
  const mentions = matcher.find(text);

  test('the matcher finds the fixture text as expected (guards the offsets below)', () => {
    assert.deepEqual(mentions.map((m) => [m.id, m.start, m.end]), [['alpha', 0, 6], ['beta', 11, 16], ['alpha', 27, 50], ['alpha', 57, 63]]);
  });

  test('mentionAt: inside, at the first character, not at the end, not between', () => {
    assert.equal(mentionAt(mentions, 0)?.start, 0);
    assert.equal(mentionAt(mentions, 5)?.start, 0);
    assert.equal(mentionAt(mentions, 6), undefined);
    assert.equal(mentionAt(mentions, 8), undefined);
    assert.equal(mentionAt(mentions, 11)?.id, 'beta');
    assert.equal(mentionAt(mentions, 49)?.start, 27);
    assert.equal(mentionAt(mentions, 62)?.start, 57);
    assert.equal(mentionAt(mentions, 63), undefined);
    assert.equal(mentionAt([], 0), undefined);
  });

  test('nextMentionOf: the next of the same entity, skipping others, wrapping after the last', () => {
    const fromFirst = nextMentionOf(mentions, 'alpha', 0);
    assert.deepEqual([fromFirst?.mention.start, fromFirst?.index, fromFirst?.total, fromFirst?.wrapped], [27, 1, 3, false]);
    const fromSecond = nextMentionOf(mentions, 'alpha', 27);
    assert.deepEqual([fromSecond?.mention.start, fromSecond?.wrapped], [57, false]);
    const fromLast = nextMentionOf(mentions, 'alpha', 57);
    assert.deepEqual([fromLast?.mention.start, fromLast?.index, fromLast?.wrapped], [0, 0, true]);
    const alone = nextMentionOf(mentions, 'beta', 11);
    assert.deepEqual([alone?.mention.start, alone?.total, alone?.wrapped], [11, 1, true]);
    assert.equal(nextMentionOf(mentions, 'gamma', 0), undefined);
  });

  test('countMentions counts per entity', () => {
    assert.deepEqual([...countMentions(mentions)], [['alpha', 3], ['beta', 1]]);
  });

  test('locateMentions gives 0-based lines and characters, also with CRLF line breaks', () => {
    const located = locateMentions(text, mentions);
    assert.deepEqual(located.map((l) => [l.startLine, l.startCharacter, l.endLine, l.endCharacter]), [[0, 0, 0, 6], [0, 11, 0, 16], [1, 9, 1, 32], [2, 0, 2, 6]]);
    const crlf = text.replace(/\n/g, '\r\n');
    const again = locateMentions(crlf, matcher.find(crlf));
    assert.deepEqual(again.map((l) => [l.startLine, l.startCharacter, l.endLine, l.endCharacter]), [[0, 0, 0, 6], [0, 11, 0, 16], [1, 9, 1, 32], [2, 0, 2, 6]]);
    assert.deepEqual(locateMentions(text, []), []);
  });

  test('a mention over a line break ends on the next line', () => {
    const split = 'The Fictional Alpha\nMission.';
    const [located] = locateMentions(split, matcher.find(split));
    assert.deepEqual([located?.startLine, located?.startCharacter, located?.endLine, located?.endCharacter], [0, 4, 1, 7]);
  });

  test('previewMentions: short lines whole (white space collapsed), long lines cut around the mention', () => {
    const previews = previewMentions('  FBETA\t\tleft.  \nx', matcher.find('  FBETA\t\tleft.  \nx'));
    assert.deepEqual(previews.map((p) => p.preview), ['FBETA left.']);
    const long = `${'word '.repeat(60)}FBETA ${'more '.repeat(60)}`;
    const [cut] = previewMentions(long, matcher.find(long));
    assert.ok(cut, 'a preview');
    assert.ok(cut.preview.startsWith('…') && cut.preview.endsWith('…'), cut.preview);
    assert.ok(cut.preview.includes('FBETA'));
    assert.ok(cut.preview.length <= 122, String(cut.preview.length));
    const [atStart] = previewMentions(`FBETA ${'more '.repeat(60)}`, matcher.find(`FBETA ${'more '.repeat(60)}`));
    assert.ok(atStart?.preview.startsWith('FBETA') && atStart.preview.endsWith('…'));
  });

  test('knowledgeFilePaths keeps non-empty strings once, in order', () => {
    assert.deepEqual(knowledgeFilePaths([' a.yaml ', 'b.yaml', 3, '', 'a.yaml', null, '/abs/c.yaml']), ['a.yaml', 'b.yaml', '/abs/c.yaml']);
    assert.deepEqual(knowledgeFilePaths('a.yaml'), []);
    assert.deepEqual(knowledgeFilePaths(undefined), []);
  });

  test('absolute and relative paths of the setting', () => {
    assert.ok(isAbsoluteKnowledgePath('/srv/desk/entities.yaml'));
    assert.ok(isAbsoluteKnowledgePath('C:\\desk\\entities.yaml'));
    assert.ok(isAbsoluteKnowledgePath('d:/desk/entities.yaml'));
    assert.ok(isAbsoluteKnowledgePath('\\\\server\\share\\entities.yaml'));
    assert.ok(!isAbsoluteKnowledgePath('knowledge/entities.yaml'));
    assert.ok(!isAbsoluteKnowledgePath('../shared/entities.yaml'));
    assert.deepEqual(relativeKnowledgeSegments('./knowledge\\desk//entities.yaml'), ['knowledge', 'desk', 'entities.yaml']);
    assert.deepEqual(relativeKnowledgeSegments('../shared/entities.yaml'), ['..', 'shared', 'entities.yaml']);
  });
});
