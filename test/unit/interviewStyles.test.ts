// Interviews, briefings and press conferences in the house styles real pages use (fixtures in
// test/fixtures/interviews12, expectations in expected.json written by hand before the parser ran):
// French colons, labels alone on their line, labels on the first exchange only, Q/A after a
// statement, press-conference labels, dash dialogue run into one paragraph, auto captions, short
// excerpts, answers attributed from the title or standfirst, and prose that must stay prose.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Turn } from '../../src/core/model';
import { parseTranscriptFile } from '../../src/core/parse';
import { findInterviewee, nameAndTitleInStandfirst, nameInTitle } from '../../src/core/parse/interviewee';
import { allQuotes } from '../../src/core/quotes/extract';
import { detectTranscript } from '../../src/core/workspace/detect';
import { readSeed, repositoryRoot } from './helpers';

interface Expectation {
  readonly format: string;
  readonly detected?: boolean;
  readonly turns?: readonly (readonly [string | null, string, string])[];
  readonly answerSpeaker?: string;
  readonly answerTitle?: string;
  readonly notTurns?: readonly string[];
  readonly timecodes?: readonly string[];
  readonly turnText?: Readonly<Record<string, string>>;
}

const folder = join(repositoryRoot, 'test', 'fixtures', 'interviews12');
const expectations = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Record<string, Expectation>;

suite('interview and briefing house styles', () => {
  test('every fixture has an expectation', () => {
    const files = readdirSync(folder).filter((name) => name !== 'expected.json').sort();
    assert.deepEqual(files, Object.keys(expectations).sort());
  });

  for (const [name, expected] of Object.entries(expectations)) {
    test(name, () => {
      const text = readFileSync(join(folder, name), 'utf8');
      const document = parseTranscriptFile(text, name);
      assert.equal(document.format, expected.format, 'format');
      if (expected.detected !== undefined) {
        assert.equal(detectTranscript(text).isTranscript, expected.detected, `detection: ${detectTranscript(text).reason}`);
      }
      if (expected.turns) {
        const turns = document.turns.map((turn) => [turn.speaker, turn.role, turn.text]);
        assert.equal(turns.length, expected.turns.length, `turns: ${JSON.stringify(turns.map(([speaker, role, words]) => [speaker, role, String(words).slice(0, 30)]))}`);
        expected.turns.forEach(([speaker, role, words], index) => {
          const turn = document.turns[index];
          assert.deepEqual([turn?.speaker, turn?.role], [speaker, role], `turn ${index}: ${JSON.stringify(turn?.text.slice(0, 40))}`);
          assert.ok(turn?.text.startsWith(words), `turn ${index} starts ${JSON.stringify(words)}: ${JSON.stringify(turn?.text.slice(0, 60))}`);
        });
      }
      for (const words of expected.notTurns ?? []) {
        assert.ok(!document.turns.some((turn) => turn.text.startsWith(words)), `${words} is not a turn`);
      }
      if (expected.timecodes) {
        assert.deepEqual(document.turns.map((turn) => turn.timecode), expected.timecodes);
      }
      for (const [index, words] of Object.entries(expected.turnText ?? {})) {
        assert.equal(document.turns[Number(index)]?.text, words);
      }
      if (expected.answerSpeaker !== undefined) {
        const answer = allQuotes(document, text, name).find((item) => item.kind === 'turn');
        assert.equal(answer?.speaker, expected.answerSpeaker, 'who Copy Quote names for the first answer');
        if (expected.answerTitle !== undefined) {
          assert.equal(answer?.title, expected.answerTitle);
        }
      }
    });
  }
});

suite('who answers an interview (unlabelled answers)', () => {
  test('from the title, a headline in parentheses, or an "interview with" phrase', () => {
    assert.equal(nameInTitle('Nadia Kassem: "The water trucks come first"'), 'Nadia Kassem');
    assert.equal(nameInTitle('La coordination est bonne sur le terrain (Jean-Pierre Lacroix, ONU)'), 'Jean-Pierre Lacroix');
    assert.equal(nameInTitle('An interview with Dr. Amina Yusuf-Bello on the rains'), 'Amina Yusuf-Bello');
    // Not names: a site section in brackets, a title with a colon and no name before it.
    assert.equal(nameInTitle('Interview Stabilisation - Paix (B2 Pro)'), null);
    assert.equal(nameInTitle('Peacekeeping: what comes next'), null);
  });

  test('from a standfirst: Name, Title, … (the title opening with a title word)', () => {
    assert.deepEqual(nameAndTitleInStandfirst('In an interview with UN News, Nadia Kassem, Humanitarian Coordinator for the Lake Region, describes the month.'),
      { name: 'Nadia Kassem', title: 'Humanitarian Coordinator for the Lake Region' });
    assert.deepEqual(nameAndTitleInStandfirst('In an insightful interview, Mr. Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, discusses'),
      { name: 'Jean-Pierre Lacroix', title: 'Under-Secretary-General for Peace Operations' });
    assert.equal(nameAndTitleInStandfirst('The ferry resumed on Monday, officials said, after three months.'), null);
  });

  test('sources that disagree name no one: a wrong attribution is worse than none', () => {
    const answer = { speaker: null, labelRange: null, role: 'answer', range: null, text: 'Yes.', textRange: null, timecode: null, timecodeSeconds: null, style: 'paragraph' } as unknown as Turn;
    assert.equal(findInterviewee('Nadia Kassem: on water', ['In an interview, Omar Haddad, Head of Office, said'], [answer]), null);
    assert.deepEqual(findInterviewee('Nadia Kassem: on water', ['In an interview, Ms. Nadia Kassem, Humanitarian Coordinator, said'], [answer]),
      { speaker: 'Nadia Kassem', title: 'Humanitarian Coordinator' });
  });

  test('the real seeds: the unlabelled English interview and the French dash interview name Lacroix', () => {
    for (const name of ['002_7dd2ed208037229b.txt', '003_18c4663f6ef51ebb.txt']) {
      const text = readSeed(name);
      const document = parseTranscriptFile(text, name);
      const first = allQuotes(document, text, name)[0];
      assert.equal(first?.speaker, 'Jean-Pierre Lacroix', name);
    }
    const english = parseTranscriptFile(readSeed('002_7dd2ed208037229b.txt'), '002.txt');
    assert.equal(english.interviewee?.title, 'Under-Secretary-General for Peace Operations at the United Nations');
  });
});
