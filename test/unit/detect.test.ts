// Content detection (src/core/workspace/detect.ts): which plain-text documents the extension switches to
// `unifeed`. The real seeds and the synthetic fixtures must be recognised; prose and every near
// miss (READMEs, letters, tables, notes, e-mails, logs, FAQs) must stay plain text.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectTranscript, detectionHeadLength, detectionHeadLines, matchesAssociationPattern, sliceHead, type DetectionResult } from '../../src/core/workspace/detect';
import { lines, readFixture, readSeed, repositoryRoot } from './helpers';

const readRepositoryFile = (name: string): string => readFileSync(join(repositoryRoot, name), 'utf8');

function assertTranscript(result: DetectionResult, format: 'shotlist' | 'interview', reason: DetectionResult['reason']): void {
  assert.deepEqual(result, { isTranscript: true, format, reason });
}

function assertNotTranscript(result: DetectionResult, reason?: DetectionResult['reason']): void {
  assert.equal(result.isTranscript, false, `detected as ${result.format ?? 'nothing'} (${result.reason})`);
  assert.equal(result.format, null);
  if (reason) {
    assert.equal(result.reason, reason);
  }
}

const header = lines(
  'STORY: UN / FICTIONAL WELL REPAIR',
  'TRT: 01:40',
  'SOURCE: UNIFEED / UNMISS',
  'RESTRICTIONS: NONE',
  'LANGUAGES: ENGLISH / NATS',
  'DATELINE: 4 APRIL 2024, MALAKAL, SOUTH SUDAN',
);

const prose = (paragraphs: number): string => Array.from({ length: paragraphs }, (_, index) =>
  `Paragraph ${index + 1} of an ordinary article goes on about the weather, the harvest and the roads, as articles do.`).join('\n\n');

suite('detectTranscript: the real seeds', () => {
  test('000, a web-copied shot list with a title above the header, is a shot list', () => {
    assertTranscript(detectTranscript(readSeed('000_e751e5e04960dd4f.txt')), 'shotlist', 'shotlist-header');
  });

  test('001, UN News: / Lacroix: labelled turns, is an interview', () => {
    assertTranscript(detectTranscript(readSeed('001_14562a544e8f9c57.txt')), 'interview', 'interview-labels');
  });

  test('002, unlabelled questions and answers introduced as an interview, is an interview', () => {
    assertTranscript(detectTranscript(readSeed('002_7dd2ed208037229b.txt')), 'interview', 'interview-questions');
  });

  test('003, a French web page with dash answers below page chrome, is an interview', () => {
    assertTranscript(detectTranscript(readSeed('003_18c4663f6ef51ebb.txt')), 'interview', 'interview-dashes');
  });

  test('004, an op-ed made of quoted paragraphs, stays plain text', () => {
    assertNotTranscript(detectTranscript(readSeed('004_b749ba6905aa5d11.txt')), 'no-structure');
  });
});

suite('detectTranscript: synthetic fixtures', () => {
  const shotlists = ['clean', 'crlf_straight', 'geneva', 'header_unreadable', 'numbering_errors', 'soundbite_variants', 'web_chrome'];
  for (const name of shotlists) {
    test(`shotlists/${name}.txt is a shot list`, () => {
      assertTranscript(detectTranscript(readFixture(`shotlists/${name}.txt`)), 'shotlist', 'shotlist-header');
    });
  }

  test('edge/bom.txt and edge/long_line.txt are shot lists', () => {
    assertTranscript(detectTranscript(readFixture('edge/bom.txt')), 'shotlist', 'shotlist-header');
    assertTranscript(detectTranscript(readFixture('edge/long_line.txt')), 'shotlist', 'shotlist-header');
  });

  const interviews: [string, DetectionResult['reason']][] = [
    ['labelled_un_news', 'interview-labels'],
    ['qa_labels', 'interview-labels'],
    ['french_labels', 'interview-labels'],
    ['french_dash', 'interview-dashes'],
    ['timecoded', 'interview-timecodes'],
  ];
  for (const [name, reason] of interviews) {
    test(`interviews/${name}.txt is an interview (${reason})`, () => {
      assertTranscript(detectTranscript(readFixture(`interviews/${name}.txt`)), 'interview', reason);
    });
  }

  test('interviews/unlabelled_qa.txt stays plain text: bare questions and answers that never say "interview" read like an FAQ', () => {
    assertNotTranscript(detectTranscript(readFixture('interviews/unlabelled_qa.txt')), 'weak-interview');
  });

  test('prose/article.txt and prose/oped.txt stay plain text', () => {
    assertNotTranscript(detectTranscript(readFixture('prose/article.txt')), 'no-structure');
    assertNotTranscript(detectTranscript(readFixture('prose/oped.txt')), 'no-structure');
  });

  test('empty and blank-only files stay plain text', () => {
    assertNotTranscript(detectTranscript(readFixture('edge/empty.txt')), 'empty');
    assertNotTranscript(detectTranscript(readFixture('edge/blank_lines.txt')), 'empty');
  });

  test('the detection fixtures used by the integration tests', () => {
    assertTranscript(detectTranscript(readFixture('detection/shotlist.txt')), 'shotlist', 'shotlist-header');
    assertTranscript(detectTranscript(readFixture('detection/interview.txt')), 'interview', 'interview-labels');
    assertTranscript(detectTranscript(readFixture('detection/markdown-choice.txt')), 'shotlist', 'shotlist-header');
    assertTranscript(detectTranscript(readFixture('detection/associated.txt')), 'shotlist', 'shotlist-header');
    assertTranscript(detectTranscript(readFixture('detection/setting-off.txt')), 'shotlist', 'shotlist-header');
    assertNotTranscript(detectTranscript(readFixture('detection/notes.txt')));
    assertNotTranscript(detectTranscript(readFixture('detection/letter.txt')));
  });
});

suite('detectTranscript: shot lists', () => {
  test('a header block without a title', () => {
    assertTranscript(detectTranscript(header), 'shotlist', 'shotlist-header');
  });

  test('two header fields are enough when one of them belongs only to shot lists', () => {
    assertTranscript(detectTranscript(lines('Page title', '', 'STORY: UN / FICTIONAL', 'TRT: 02:00', '', 'Some text.')), 'shotlist', 'shotlist-header');
    assertTranscript(detectTranscript(lines('DATELINE: 4 APRIL 2024, GENEVA', 'SOURCE: UNTV CH')), 'shotlist', 'shotlist-header');
  });

  test('a header under a title and web-page chrome, within the first 40 lines', () => {
    const chrome = Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? 'Share' : ''));
    assertTranscript(detectTranscript(lines('UN / FICTIONAL WELL REPAIR', ...chrome, header, '1. Wide shot, a well')), 'shotlist', 'shotlist-header');
  });

  test('a pasted fragment with numbered SOUNDBITE lines and no header', () => {
    const fragment = lines(
      '3. Med shot, engineers at the pump',
      '4. SOUNDBITE (English) Amara Ndege-Solberg, Force Engineer, UNMISS:',
      '“The pump was fixed in two days.”',
    );
    assertTranscript(detectTranscript(fragment), 'shotlist', 'shotlist-soundbite');
  });

  test('numbered shots with shot types under a FILE section, without a header', () => {
    const fragment = lines(
      'FILE - UNMISS - BOR, SOUTH SUDAN',
      '1. Wide shot, flooded road',
      '2. Med shot, engineers lifting a beam',
      '3. Close up, bolts being tightened',
    );
    assertTranscript(detectTranscript(fragment), 'shotlist', 'shotlist-shots');
  });

  test('a header that starts after line 40 is not enough on its own', () => {
    const result = detectTranscript(lines(prose(25), '', header, '', prose(2)));
    assertNotTranscript(result, 'weak-shotlist');
  });

  test('only the head is read: a header after the first 200 lines is not seen', () => {
    const text = lines(...Array.from({ length: 250 }, () => 'An ordinary line of prose, nothing to see here.'), header, '1. SOUNDBITE (English) Someone, Somewhere:', '“Late.”');
    assertNotTranscript(detectTranscript(text), 'no-structure');
  });
});

suite('detectTranscript: interviews', () => {
  test('Q: and A: labels, even in a single exchange', () => {
    assertTranscript(detectTranscript(lines('Q: Where were you?', 'A: In Bor.')), 'interview', 'interview-labels');
  });

  test('a title, then labelled turns that alternate between two speakers', () => {
    const text = lines('A conversation about bridges', '', 'RFI : Why a bridge?', '', 'Keller : Because the road floods.', '', 'RFI : And next year?', '', 'Keller : Another one.');
    assertTranscript(detectTranscript(text), 'interview', 'interview-labels');
  });

  test('unlabelled questions and answers count only when the text says it is an interview', () => {
    const exchange = [
      'Why did the mission build the bridge now?', 'Because the floods came early and the clinics were cut off.',
      'How long did it take?', 'Eleven days, working through two weekends.',
      'Will it survive next season?', 'It was built to be taken down and put up again elsewhere.',
    ];
    assertTranscript(detectTranscript(lines('Bridge builders: an interview with the force engineer', '', ...exchange.flatMap((line) => [line, '']))),
      'interview', 'interview-questions');
    assertNotTranscript(detectTranscript(lines('Bridge builders', '', ...exchange.flatMap((line) => [line, '']))), 'weak-interview');
  });
});

suite('detectTranscript: near misses stay plain text', () => {
  test('a README with headings, a numbered list and repeated Note:/Tip: labels', () => {
    const readme = lines(
      '# fieldkit', '', 'A small tool for sorting field recordings.', '', '## Install', '',
      '1. Clone the repository', '2. Run npm install', '3. Run npm test', '',
      'Note: Node 20 is required.', '', 'Tip: use a fresh clone.', '', 'Note: the tests read ./data.', '', 'Tip: set DEBUG=1 for logs.', '',
      '## License', '', 'MIT',
    );
    assertNotTranscript(detectTranscript(readme));
  });

  test('this repository\'s own README and ARCHITECTURE files', () => {
    assertNotTranscript(detectTranscript(readRepositoryFile('README.md')));
    assertNotTranscript(detectTranscript(readRepositoryFile('ARCHITECTURE.md')));
  });

  test('a plain letter', () => {
    assertNotTranscript(detectTranscript(readFixture('detection/letter.txt')), 'no-structure');
  });

  test('CSV tables, even with header-like column names', () => {
    assertNotTranscript(detectTranscript(lines('story,trt,source,dateline', 'Well repair,01:40,UNMISS,4 April 2024', 'Bridge,02:14,UNMISS,14 August 2024')));
    assertNotTranscript(detectTranscript(lines('STORY,TRT,SOURCE,DATELINE', 'WELL REPAIR,01:40,UNMISS,2024-04-04')));
    assertNotTranscript(detectTranscript(lines('"Name","Role"', '"Q","Questioner"', '"A","Answerer"')));
  });

  test('a text mentioning "Story: my day", in either case', () => {
    assertNotTranscript(detectTranscript(readFixture('detection/notes.txt')));
    assertNotTranscript(detectTranscript(lines('Story: my day', '', 'I woke up late and missed the bus.')));
    assertNotTranscript(detectTranscript(lines('STORY: my day', '', 'I woke up late and missed the bus.')));
  });

  test('a memo with SOURCE and LANGUAGE lines only', () => {
    assertNotTranscript(detectTranscript(lines('SOURCE: internal memo', 'LANGUAGE: English', '', 'Please file the receipts by Friday.')));
  });

  test('an e-mail thread with From:/To:/Subject: headers', () => {
    const mail = lines(
      'From: Lea Brandt', 'To: Tomas Okafor', 'Subject: Tapes', 'Date: 3 May 2024', '', 'Can you send the tapes?', '',
      'From: Tomas Okafor', 'To: Lea Brandt', 'Subject: Re: Tapes', '', 'Sent them this morning.',
    );
    assertNotTranscript(detectTranscript(mail));
  });

  test('a log with alternating INFO:/ERROR: levels', () => {
    assertNotTranscript(detectTranscript(lines('INFO: started', 'ERROR: disk full', 'INFO: retrying', 'ERROR: disk full', 'INFO: giving up')));
  });

  test('a numbered how-to whose steps start with words that can open a shot type', () => {
    const steps = lines('How to clean the camera', '', '1. Close the lens cap', '2. Top up the cleaning fluid', '3. Pull out the battery', '4. Zoom in on the sensor');
    assertNotTranscript(detectTranscript(steps));
  });

  test('prose about soundbites, and an FAQ without interview cues', () => {
    assertNotTranscript(detectTranscript(lines('Writing for radio', '', '1. Soundbites should be short.', '2. Sound bites need a name.')));
    const faq = lines('Frequently asked questions', '', 'Can I bring a laptop?', 'Yes, there is Wi-Fi in the hall.', '',
      'Is lunch provided?', 'A sandwich lunch is served at noon.', '', 'Where do I park?', 'Use the visitors\' car park.');
    assertNotTranscript(detectTranscript(faq));
  });

  test('an essay with a few rhetorical questions', () => {
    const essay = lines('On waiting', '', 'What is a bus stop for? It is a place to wait.', '',
      'We wait for buses, for news and for rain. Why do we mind it so much?', '', 'Perhaps because waiting is the one thing we cannot hurry.', '', prose(3));
    assertNotTranscript(detectTranscript(essay));
  });

  test('binary content', () => {
    assertNotTranscript(detectTranscript(`STORY: X\u0000\u0001\u0002\nTRT: 01:00\n`), 'binary');
  });
});

suite('detectTranscript: cost', () => {
  test('sliceHead keeps at most the first lines and characters, cut at a line end', () => {
    const many = Array.from({ length: 500 }, (_, index) => `line ${index}`).join('\n');
    const head = sliceHead(many);
    assert.equal(head.split('\n').length, detectionHeadLines);
    assert.ok(head.endsWith(`line ${detectionHeadLines - 1}`));
    const long = Array.from({ length: 100 }, () => 'x'.repeat(1000)).join('\n');
    const cut = sliceHead(long);
    assert.ok(cut.length <= detectionHeadLength);
    assert.ok(cut.endsWith('x') && !cut.endsWith('\n'));
    assert.equal(cut.split('\n').every((line) => line.length === 1000), true, 'no line is cut in the middle');
    assert.equal(sliceHead('x'.repeat(detectionHeadLength * 2)).length, detectionHeadLength, 'one huge line is cut as is');
    assert.equal(sliceHead('short\ntext'), 'short\ntext');
  });

  test('a 10 MB document is decided from its head, quickly', () => {
    const story = readFixture('shotlists/clean.txt');
    const huge = story + '\n' + 'More story text, one more paragraph of it.\n'.repeat(250_000);
    assert.ok(huge.length > 10_000_000);
    const started = performance.now();
    const result = detectTranscript(huge);
    const elapsed = performance.now() - started;
    assertTranscript(result, 'shotlist', 'shotlist-header');
    assert.ok(elapsed < 250, `took ${elapsed.toFixed(1)} ms`);
  });

  test('one 10 MB line without a line break', () => {
    const started = performance.now();
    assertNotTranscript(detectTranscript('word '.repeat(2_000_000)));
    assert.ok(performance.now() - started < 250);
  });
});

suite('matchesAssociationPattern: files.associations keys as VS Code applies them', () => {
  const file = '/home/editor/stories/Bor Bridge.TXT';

  test('a pattern without a slash matches the file name, case-insensitively', () => {
    assert.equal(matchesAssociationPattern(file, '*.txt'), true);
    assert.equal(matchesAssociationPattern(file, 'bor*'), true);
    assert.equal(matchesAssociationPattern(file, 'Bor Bridge.TXT'), true);
    assert.equal(matchesAssociationPattern(file, '*.md'), false);
    assert.equal(matchesAssociationPattern(file, 'stories'), false);
  });

  test('a pattern with a slash matches the whole path', () => {
    assert.equal(matchesAssociationPattern(file, '**/stories/*.txt'), true);
    assert.equal(matchesAssociationPattern(file, '/home/**/*.txt'), true);
    assert.equal(matchesAssociationPattern(file, '**/*.txt'), true);
    assert.equal(matchesAssociationPattern(file, 'stories/*.txt'), false, 'relative paths do not match an absolute path');
    assert.equal(matchesAssociationPattern(file, '**/archive/*.txt'), false);
    assert.equal(matchesAssociationPattern('C:\\work\\notes\\a.txt', '**/notes/*.txt'), true, 'Windows separators');
  });

  test('?, {a,b} and [ranges]', () => {
    assert.equal(matchesAssociationPattern('/x/take1.txt', 'take?.txt'), true);
    assert.equal(matchesAssociationPattern('/x/take12.txt', 'take?.txt'), false);
    assert.equal(matchesAssociationPattern('/x/a.log', '*.{txt,log}'), true);
    assert.equal(matchesAssociationPattern('/x/take3.txt', 'take[0-4].txt'), true);
    assert.equal(matchesAssociationPattern('/x/take7.txt', 'take[!0-4].txt'), true);
    assert.equal(matchesAssociationPattern('/x/take3.txt', 'take[!0-4].txt'), false);
  });

  test('special characters are literal, and a broken pattern matches nothing', () => {
    assert.equal(matchesAssociationPattern('/x/a+b (1).txt', 'a+b (1).txt'), true);
    assert.equal(matchesAssociationPattern('/x/aab.txt', 'a+b.txt'), false);
    assert.equal(matchesAssociationPattern('/x/[a.txt', '[a.txt'), true);
    assert.equal(matchesAssociationPattern('/x/a.txt', ''), false);
  });
});

suite('the firstLine rule of package.json', () => {
  // VS Code applies it only to files that no extension or file name claims (never to .txt).
  const manifest = JSON.parse(readRepositoryFile('package.json')) as { contributes: { languages: { id: string; firstLine?: string }[] } };
  const firstLine = new RegExp(manifest.contributes.languages.find((language) => language.id === 'unifeed')?.firstLine ?? '(?!)');

  test('matches the first line of a shot list that starts with its header or its slug', () => {
    for (const line of ['STORY: UN / X', 'TRT: 01:20', 'SOURCE : UNIFEED', 'DATELINE:\t4 APRIL 2024', 'UN / SOUTH SUDAN FLOOD RELIEF BRIDGE', 'UN/PEACEKEEPING']) {
      assert.ok(firstLine.test(line), line);
    }
  });

  test('does not match ordinary first lines', () => {
    for (const line of ['Story: my day', 'UN peacekeeping chief on challenges ahead', 'UNESCO / culture', 'Dear Ms Halvorsen,', '# README', 'name,trt,source', ' STORY: indented']) {
      assert.ok(!firstLine.test(line), line);
    }
  });
});
