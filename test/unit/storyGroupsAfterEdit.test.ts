// The story groups of an archive after an edit (storyGroupSteps with `previous`): the groups the edit
// did not touch are taken from the version before, moved when below the edit. Whatever the edit, the
// groups must be those of a fresh parse of the new text, story for story.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TranscriptDocument } from '../../src/core/model';
import { storyGroups, storyGroupSteps, type StoryGroup } from '../../src/core/outline/storyGroups';
import { buildOutline, type OutlineSymbol } from '../../src/core/outline/symbols';
import { parseTranscript, reparseTranscript } from '../../src/core/parse';
import { runToEnd, StepBudget } from '../../src/core/util/steps';
import { lineAt, numberedArchive } from './helpers';

const archive = numberedArchive(10);

/** What a group says, as plain text: its number, header line, stories, range and slug. */
function described(group: StoryGroup): string {
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): string =>
    `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  return [group.index, group.header ? range(group.header.range) : 'no header', group.stories.map((story) => range(story.range)).join(' '),
    range(group.range), group.slug ?? 'no slug'].join(' | ');
}

/** The groups after the edit, made from those before it, beside those of a fresh parse; and both lists of groups. */
function afterEdit(before: string, start: number, end: number, inserted: string, beforeEdit?: (old: TranscriptDocument) => void): {
  kept: readonly StoryGroup[]; fresh: readonly StoryGroup[]; previous: readonly StoryGroup[]; model: TranscriptDocument; after: string;
} {
  const after = before.slice(0, start) + inserted + before.slice(end);
  const old = parseTranscript(before);
  const previous = storyGroups(old);
  beforeEdit?.(old);
  // As in the editor: the new model is re-parsed from the old one (which it consumes).
  const model = reparseTranscript(old, after, { start, oldEnd: end, newEnd: start + inserted.length });
  const kept = runToEnd(storyGroupSteps(model, new StepBudget(50), {
    groups: previous, startLine: lineAt(after, start), oldEndLine: lineAt(before, end), newEndLine: lineAt(after, start + inserted.length),
  }));
  return { kept, fresh: storyGroups(parseTranscript(after)), previous, model, after };
}

/** A symbol tree as plain text, ranges included, to compare outlines built different ways. */
function tree(symbols: readonly OutlineSymbol[]): string[] {
  const position = (p: { line: number; character: number }): string => `${p.line}:${p.character}`;
  const lines: string[] = [];
  const walk = (symbol: OutlineSymbol, depth: number): void => {
    lines.push(`${' '.repeat(depth)}${symbol.kind} ${symbol.name} | ${symbol.detail} | ${position(symbol.range.start)}-${position(symbol.range.end)}` +
      ` ${position(symbol.selectionRange.start)}-${position(symbol.selectionRange.end)}`);
    for (const child of symbol.children) {
      walk(child, depth + 1);
    }
  };
  for (const symbol of symbols) {
    walk(symbol, 0);
  }
  return lines;
}

suite('story groups after an edit: only the touched stories grouped again', () => {
  test('a word typed moves no line: the groups away from the edit are the same objects, and equal a fresh grouping', () => {
    const at = archive.indexOf('Ferries returned to Port Alder on day 3');
    assert.ok(at > 0, 'the story to edit is in the archive');
    const { kept, fresh, previous, model } = afterEdit(archive, at, at, 'Today, ');
    assert.deepEqual(kept.map(described), fresh.map(described));
    assert.equal(kept.at(-1), previous.at(-1), 'the last group is the previous one');
    assert.equal(kept[0], previous[0], 'the first group is the previous one');
    assert.ok(kept.every((group, index) => group.header === model.headers[index]), 'each group holds its header record');
    assert.equal(storyGroups(model), kept, 'the groups are kept for the document version');
  });

  test('a line added: the groups below are moved copies; a header typed: one more group', () => {
    const at = archive.indexOf('Ferries returned to Port Alder on day 3');
    const moved = afterEdit(archive, at, at, 'Today,\n');
    assert.deepEqual(moved.kept.map(described), moved.fresh.map(described));
    assert.notEqual(moved.kept.at(-1), moved.previous.at(-1));
    assert.equal(moved.kept.at(-1)?.range.start.line, (moved.previous.at(-1)?.range.start.line ?? 0) + 1);
    const split = afterEdit(archive, at, at, 'STORY: UN / FICTIONAL SPLIT\nTRT: 0:30\nSOURCE: UNIFEED\n');
    assert.deepEqual(split.kept.map(described), split.fresh.map(described));
    assert.equal(split.kept.length, split.previous.length + 1);
  });

  test('an edit that keeps the ranges but not the stories\' records: the groups are made afresh, with this version\'s records', () => {
    // Cutting these characters leaves every group's lines where they were, but the parse reads the
    // stories after the cut again: groups judged by their ranges alone would hold the old records.
    const small = numberedArchive(4);
    const { kept, fresh, model } = afterEdit(small, 708, 708 + 1794, '');
    assert.deepEqual(kept.map(described), fresh.map(described));
    assert.ok(kept.every((group) => group.header === (model.headers[group.index] ?? null)), 'each group holds its header record');
  });

  test('any edit (lines added or cut, headers broken or typed) gives the groups a fresh parse gives', () => {
    const pieces = fc.constantFrom('x', '\n', '\n\n', '“', 'STORY: UN / NEW\nTRT: 0:10\nSOURCE: UNIFEED\n', 'SHOTLIST\n1. Wide shot.\n',
      '4. SOUNDBITE (English) Ana Ruiz, Nurse:\n“We will stay.”\n', 'STORY: ', 'STORYLINE\n');
    fc.assert(fc.property(fc.nat(archive.length), fc.oneof(fc.nat(300), fc.nat(4000)), fc.array(pieces, { maxLength: 3 }), (start, length, parts) => {
      const end = Math.min(archive.length, start + length);
      const { kept, fresh, model } = afterEdit(archive, start, end, parts.join(''));
      assert.deepEqual(kept.map(described), fresh.map(described));
      // The same ranges are not enough: a group kept from the version before must hold this version's records.
      const stories = new Set(model.stories);
      assert.ok(kept.every((group) => group.header === (model.headers[group.index] ?? null)), 'each group holds its header record');
      assert.ok(kept.every((group) => group.stories.every((story) => stories.has(story))), 'each group holds this version\'s stories');
    }), { numRuns: 400 });
  });
});

suite('outline after an edit: the untouched stories keep their symbols', () => {
  /** The outline of the version before (built before the edit, as the editor would have) and after, beside a fresh one. */
  function outlinesAround(start: number, end: number, inserted: string, maxSymbols: number, maxSymbolsBefore = maxSymbols): {
    before: readonly OutlineSymbol[]; after: readonly OutlineSymbol[]; fresh: readonly OutlineSymbol[];
  } {
    let before: readonly OutlineSymbol[] = [];
    const edited = afterEdit(archive, start, end, inserted, (old) => {
      before = buildOutline(old, { maxSymbols: maxSymbolsBefore });
    });
    return { before, after: buildOutline(edited.model, { maxSymbols }), fresh: buildOutline(parseTranscript(edited.after), { maxSymbols }) };
  }

  test('a word typed: the other stories\' symbols are the same objects; the edited story\'s is made again, with the word', () => {
    const at = archive.indexOf('The ferries run again, and story 3 ');
    const { before, after, fresh } = outlinesAround(at, at, 'Today, ', Number.POSITIVE_INFINITY);
    assert.deepEqual(tree(after), tree(fresh));
    assert.equal(after.length, before.length);
    const edited = after.findIndex((symbol) => symbol.range.start.line <= lineAt(archive, at) && lineAt(archive, at) <= symbol.range.end.line);
    assert.ok(edited > 0 && edited < after.length - 1, 'the edit is in a middle story');
    after.forEach((symbol, index) => {
      if (Math.abs(index - edited) > 1) {
        assert.equal(symbol, before[index], `story ${index} keeps its symbol`);
      }
    });
    assert.notEqual(after[edited], before[edited], 'the edited story has a new symbol');
    assert.ok(tree([after[edited] as OutlineSymbol]).some((line) => line.includes('Today, The ferries')), 'the new symbol reads the new text');
  });

  test('a symbol is kept only at its own level of detail: outlined in full before, with a budget of 12 after', () => {
    const at = archive.indexOf('Ferries returned to Port Alder on day 3');
    const { before, after, fresh } = outlinesAround(at, at, 'x', 12, Number.POSITIVE_INFINITY);
    assert.deepEqual(tree(after), tree(fresh));
    assert.ok(tree(before).length > tree(after).length, 'the budget of 12 drops detail');
    assert.ok(after.every((symbol, index) => symbol !== before[index]), 'no symbol of the full outline is kept');
  });

  test('any edit, at any level of detail, gives the outline a fresh parse gives', () => {
    const pieces = fc.constantFrom('x', '\n', '\n\n', '“', 'STORY: UN / NEW\nTRT: 0:10\nSOURCE: UNIFEED\n', 'SHOTLIST\n1. Wide shot.\n',
      '4. SOUNDBITE (English) Ana Ruiz, Nurse:\n“We will stay.”\n', 'STORY: ', 'STORYLINE\n', 'FILE - ', '\nRECENT\n');
    const budgets = fc.constantFrom(Number.POSITIVE_INFINITY, 400, 200, 120, 60, 12);
    // The budget before the edit differs at times: a level changed by the edit keeps nothing.
    fc.assert(fc.property(fc.nat(archive.length), fc.oneof(fc.nat(300), fc.nat(4000)), fc.array(pieces, { maxLength: 3 }), budgets, budgets, (start, length, parts, budget, budgetBefore) => {
      const end = Math.min(archive.length, start + length);
      const { after, fresh } = outlinesAround(start, end, parts.join(''), budget, budgetBefore);
      assert.deepEqual(tree(after), tree(fresh));
    }), { numRuns: 300 });
  });
});
