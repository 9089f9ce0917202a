// Never lose, never misplace: random sequences of the edits transcripts really go through (typing,
// cuts, renumbered shots, quote marks straightened or curled, blocks moved or duplicated, soundbite
// words pasted into the story) applied to seeds and synthetic transcripts carrying many annotations,
// as changes the extension did not see. After each sequence every annotation is read back from its
// sidecar and found again by content only. The truth is kept alongside: where each annotation's
// words went, and whether they survived.
//   lost       an annotation missing after the sidecar round trip: must be 0
//   misplaced  placed without a flag on words other than its own, or on a copy of them in another
//              kind of block (a soundbite's words pasted into the story): must be 0
// The outcome counts are printed (the note quotes them).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AnnotationText, passageAt, placementOf } from '../../../src/core/annotations/placement';
import { normalizeForMatching } from '../../../src/core/annotations/matching';
import { readSidecar, updateSidecar, type SidecarChange } from '../../../src/core/annotations/sidecar';
import { trackThroughChange } from '../../../src/core/annotations/tracking';
import { parseTranscript } from '../../../src/core/parse';
import { allSeeds } from './helpers';

const fixtureFolder = join(__dirname, '..', '..', 'fixtures', 'shotlists');
const synthetic = readdirSync(fixtureFolder).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(join(fixtureFolder, name), 'utf8'));
const texts = allSeeds.concat(synthetic).filter((text) => text.length > 200);

interface Truth {
  id: string;
  start: number;
  end: number;
  /** The compared form of the annotated words when they were marked. */
  words: string;
  /** False once an edit touched the words themselves (beyond quote marks). */
  intact: boolean;
}

type Edit =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'renumber'; shift: number }
  | { kind: 'marks'; curl: boolean }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'duplicate'; from: number; to: number }
  | { kind: 'paste'; from: number; to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom('a', 'e', 'the ', ' ', '\n', '.', ',', '“', '”', '3', 'SOUNDBITE '), maxLength: 30 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('renumber' as const), shift: fc.integer({ min: -2, max: 5 }) }),
  fc.record({ kind: fc.constant('marks' as const), curl: fc.boolean() }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('paste' as const), from: fc.nat(), to: fc.nat() }),
);

/** A replacement applied to the text and followed by every truth. */
function replace(state: { text: string; truths: Truth[] }, at: number, removed: number, inserted: string, wordsKept = false): void {
  state.text = state.text.slice(0, at) + inserted + state.text.slice(at + removed);
  for (const truth of state.truths) {
    const tracked = trackThroughChange(truth.start, truth.end, { offset: at, removed, inserted: inserted.length });
    truth.start = tracked.start;
    truth.end = tracked.end;
    if (tracked.outcome !== 'kept' && !wordsKept) {
      truth.intact = false;
    }
  }
}

/** Paragraphs (blank-line separated blocks) of the text, as [start, end) with their line break. */
function paragraphs(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let start = 0;
  for (;;) {
    const gap = text.indexOf('\n', start);
    if (gap < 0) {
      if (start < text.length) {
        blocks.push({ start, end: text.length });
      }
      return blocks;
    }
    blocks.push({ start, end: gap + 1 });
    start = gap + 1;
  }
}

function apply(state: { text: string; truths: Truth[] }, step: Edit): void {
  const length = state.text.length;
  switch (step.kind) {
    case 'type':
      replace(state, step.at % (length + 1), 0, step.text);
      return;
    case 'cut': {
      const at = step.at % (length + 1);
      replace(state, at, Math.min(step.length, length - at), '');
      return;
    }
    case 'renumber': {
      // Shot numbers at line starts change; the words of soundbites do not.
      const pattern = /^(\d{1,3})\. /gmu;
      const found: { at: number; digits: string }[] = [];
      for (const match of state.text.matchAll(pattern)) {
        found.push({ at: match.index, digits: match[1] as string });
      }
      for (const { at, digits } of found.reverse()) {
        replace(state, at, digits.length, String(Math.max(1, Number(digits) + step.shift)));
      }
      return;
    }
    case 'marks': {
      const marks: { at: number; mark: string }[] = [];
      for (let index = 0; index < state.text.length; index++) {
        const char = state.text[index] as string;
        if (step.curl ? char === '"' : char === '“' || char === '”') {
          marks.push({ at: index, mark: step.curl ? (index === 0 || /\s/u.test(state.text[index - 1] as string) ? '“' : '”') : '"' });
        }
      }
      for (const { at, mark } of marks.reverse()) {
        replace(state, at, 1, mark, true);
      }
      return;
    }
    case 'move': {
      // A line moves elsewhere: the annotations inside it move with it.
      const lines = paragraphs(state.text);
      const line = lines[step.from % Math.max(1, lines.length)];
      if (!line || lines.length < 3) {
        return;
      }
      const block = state.text.slice(line.start, line.end);
      const inside = state.truths.filter((truth) => truth.start >= line.start && truth.end <= line.end && truth.intact);
      const offsets = inside.map((truth) => ({ truth, from: truth.start - line.start, to: truth.end - line.start }));
      replace(state, line.start, line.end - line.start, '');
      const after = paragraphs(state.text);
      const target = after[step.to % after.length]?.start ?? state.text.length;
      replace(state, target, 0, block.endsWith('\n') ? block : `${block}\n`);
      for (const { truth, from, to } of offsets) {
        truth.start = target + from;
        truth.end = target + to;
        truth.intact = true;
      }
      return;
    }
    case 'duplicate':
    case 'paste': {
      // A copy of a line (duplicate) or of a soundbite's words (paste) lands elsewhere; the originals stay.
      const lines = paragraphs(state.text);
      const line = lines[step.from % Math.max(1, lines.length)];
      if (!line) {
        return;
      }
      let copied = state.text.slice(line.start, line.end);
      if (step.kind === 'paste') {
        const passage = passageAt(parseTranscript(state.text), line.start + Math.floor((line.end - line.start) / 2));
        if (!passage) {
          return;
        }
        copied = `He said that ${state.text.slice(passage.start, passage.end)}\n`;
      }
      const target = lines[step.to % lines.length]?.start ?? 0;
      replace(state, target, 0, copied.endsWith('\n') ? copied : `${copied}\n`);
      return;
    }
  }
}

function wordsAt(text: string, start: number, end: number): string {
  return normalizeForMatching(text.slice(start, end));
}

suite('annotations survive random edit sequences (property)', function () {
  this.timeout(600_000);

  test('2,000 sequences: lost 0, misplaced 0; every outcome counted', () => {
    const counts = {
      sequences: 0, annotations: 0, lost: 0, misplaced: 0,
      intactPlaced: 0, intactOnCopy: 0, intactReview: 0, intactDetached: 0,
      changedReview: 0, changedDetached: 0, changedPlacedOnOwnWords: 0,
    };
    const problems: string[] = [];
    const sequence = fc.record({
      textIndex: fc.integer({ min: 0, max: texts.length - 1 }),
      picks: fc.array(fc.record({ at: fc.nat(), length: fc.integer({ min: 8, max: 200 }), whole: fc.boolean() }), { minLength: 3, maxLength: 12 }),
      edits: fc.array(edit, { minLength: 1, maxLength: 8 }),
    });
    fc.assert(fc.property(sequence, ({ textIndex, picks, edits }) => {
      const original = texts[textIndex] as string;
      const before = new AnnotationText(original, parseTranscript(original));
      const adds: SidecarChange[] = [];
      const state = { text: original, truths: [] as Truth[] };
      picks.forEach((pick, index) => {
        const at = pick.at % original.length;
        const passage = pick.whole ? passageAt(before.document, at) : null;
        const captured = passage ? before.capture(passage.start, passage.end) : before.capture(at, Math.min(original.length, at + pick.length));
        if (!captured.ok) {
          return;
        }
        const id = `a${String(index).padStart(11, '0')}`;
        adds.push({ kind: 'add', annotation: { id, anchor: captured.anchor, status: 'selected' } });
        state.truths.push({ id, start: captured.start, end: captured.end, words: wordsAt(original, captured.start, captured.end), intact: true });
      });
      for (const step of edits) {
        apply(state, step);
      }
      const written = updateSidecar(null, adds);
      assert.ok(written.text !== null, 'the sidecar is written');
      const read = readSidecar(written.text);
      const after = new AnnotationText(state.text, parseTranscript(state.text));
      counts.sequences++;
      for (const truth of state.truths) {
        counts.annotations++;
        const annotation = read.annotations.find((each) => each.id === truth.id);
        if (!annotation) {
          counts.lost++;
          problems.push(`lost ${truth.id}`);
          continue;
        }
        const result = after.resolve(annotation.anchor);
        // What the editor sees: a fuzzy match is shown as "needs review" (placementOf in the extension).
        const placement = placementOf(result);
        const found = placement === 'none' ? '' : wordsAt(state.text, result.start, result.end);
        const stillThere = truth.intact && wordsAt(state.text, truth.start, truth.end) === truth.words;
        if (placement === 'auto' && found !== truth.words) {
          counts.misplaced++;
          problems.push(`misplaced: "${truth.words.slice(0, 60)}" → "${found.slice(0, 60)}" (${result.status}, ${result.reason})`);
        } else if (stillThere) {
          if (placement === 'auto') {
            if (result.start === truth.start && result.end === truth.end) {
              counts.intactPlaced++;
            } else if (annotation.anchor.block === 'soundbite' && after.blockAt(result.start)?.kind === 'story') {
              // A soundbite's words pasted into the story: the annotation must stay on the soundbite.
              counts.misplaced++;
              problems.push(`jumped block: "${truth.words.slice(0, 60)}" ${after.blockAt(truth.start)?.kind} → ${after.blockAt(result.start)?.kind}`);
            } else {
              // The same words on a copy: a duplicated line (when an edit broke the original's SOUNDBITE
              // line, the copy that still reads as a soundbite is the better place).
              counts.intactOnCopy++;
            }
          } else if (placement === 'review') {
            counts.intactReview++;
          } else {
            counts.intactDetached++;
          }
        } else if (placement === 'auto') {
          counts.changedPlacedOnOwnWords++; // Its words still exist elsewhere, unchanged.
        } else if (placement === 'review') {
          counts.changedReview++;
        } else {
          counts.changedDetached++;
        }
      }
    }), { numRuns: 2000, seed: 1313 });
    console.log(`      edit sequences: ${JSON.stringify(counts)}`);
    assert.equal(counts.sequences, 2000);
    assert.ok(counts.annotations > 10_000, `many annotations (${counts.annotations})`);
    assert.deepEqual(problems.slice(0, 10), []);
    assert.equal(counts.lost, 0);
    assert.equal(counts.misplaced, 0);
  });
});
