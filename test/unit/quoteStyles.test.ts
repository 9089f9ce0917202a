// Quote styles, templates and quote sheets: exact strings for every built-in style and every template rule.
import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../src/core/parse';
import { csvField, exportQuotes, exportQuotesSteps } from '../../src/core/quotes/export';
import { allQuotes, type QuoteItem } from '../../src/core/quotes/extract';
import { formatQuote, maxTemplateNesting, validateTemplate, type QuoteStyle, type QuoteStyleOptions } from '../../src/core/quotes/styles';
import { readSeed, stepThrough } from './helpers';

// A fictional minister, speaking French, with restricted footage and a quote inside her quote.
const marchetti: QuoteItem = {
  text: 'The water came at night. We told them “leave now” and they left.',
  speaker: 'Hélène Marchetti', title: 'Minister of Rivers, Fictionland', language: 'French', translatedFrom: 'French', shot: 2,
  date: '03 MARCH 2031', place: 'PORT EXAMPLE', source: 'UNIFEED / FICTIONAL MISSION', story: 'FICTIONLAND / RIVER DAMS',
  restrictions: 'NO ACCESS FICTIONLAND', file: 'story.txt', line: 10, kind: 'soundbite',
};
const plainItem: QuoteItem = { ...marchetti, text: 'We rebuilt the bridge.', language: 'English', translatedFrom: null, restrictions: null };

function format(item: QuoteItem, style: QuoteStyle | string, options?: QuoteStyleOptions): string {
  const result = formatQuote(item, style, options);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.text;
}

suite('quote styles: built-in', () => {
  const seed000 = readSeed('000_e751e5e04960dd4f.txt');
  const soundbite2 = allQuotes(parseTranscript(seed000), seed000, '000.txt')[0] as QuoteItem;

  test('wire on seed 000: the final full stop becomes a comma inside the marks, then said Name, Title.', () => {
    const text = format(soundbite2, 'wire');
    assert.ok(text.startsWith('“We\'re on the way to completing this drawdown'));
    assert.ok(text.endsWith('we should stay and do more,” said Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations, United Nations.'));
    assert.ok(!text.includes('RESTRICTIONS'));
  });

  test('wire: inner double marks become single, translation marked, restrictions carried', () => {
    assert.equal(format(marchetti, 'wire'),
      '“The water came at night. We told them ‘leave now’ and they left,” said Hélène Marchetti, Minister of Rivers, Fictionland (translated from French).\n' +
      'RESTRICTIONS: NO ACCESS FICTIONLAND');
  });

  test('straight marks: outer and inner marks straight, apostrophes as written', () => {
    assert.equal(format({ ...marchetti, text: 'It’s over. They said "go home" and we did.' }, 'wire', { marks: 'straight' }),
      '"It’s over. They said \'go home\' and we did," said Hélène Marchetti, Minister of Rivers, Fictionland (translated from French).\n' +
      'RESTRICTIONS: NO ACCESS FICTIONLAND');
  });

  test('curly marks turn straight inner marks into curly single ones by position', () => {
    assert.equal(format({ ...plainItem, text: 'They said "go home" and we did.' }, 'citation'),
      '“They said ‘go home’ and we did.” — Hélène Marchetti, Minister of Rivers, Fictionland (UNIFEED / FICTIONAL MISSION, 03 MARCH 2031, PORT EXAMPLE)');
  });

  test('wire: a question mark or an ellipsis stays; no speaker gives the quote alone', () => {
    assert.equal(format({ ...plainItem, text: 'Who will pay?' }, 'wire'), '“Who will pay?” said Hélène Marchetti, Minister of Rivers, Fictionland.');
    assert.equal(format({ ...plainItem, text: '…the bridge…' }, 'wire'), '“…the bridge…” said Hélène Marchetti, Minister of Rivers, Fictionland.');
    assert.equal(format({ ...plainItem, speaker: null, title: null }, 'wire'), '“We rebuilt the bridge.”');
    assert.equal(format({ ...plainItem, text: 'We told them “go.”' }, 'wire'), '“We told them ‘go,’” said Hélène Marchetti, Minister of Rivers, Fictionland.');
    assert.equal(format({ ...plainItem, text: 'No full stop' }, 'wire'), '“No full stop,” said Hélène Marchetti, Minister of Rivers, Fictionland.');
  });

  test('broadcast: NAME and Title lines above the quote', () => {
    assert.equal(format(marchetti, 'broadcast'), [
      'HÉLÈNE MARCHETTI', 'Minister of Rivers, Fictionland', '(translated from French)',
      '“The water came at night. We told them ‘leave now’ and they left.”', 'RESTRICTIONS: NO ACCESS FICTIONLAND',
    ].join('\n'));
  });

  test('citation: source, date and place in brackets, the translation after them', () => {
    assert.equal(format(marchetti, 'citation'),
      '“The water came at night. We told them ‘leave now’ and they left.” — Hélène Marchetti, Minister of Rivers, Fictionland ' +
      '(UNIFEED / FICTIONAL MISSION, 03 MARCH 2031, PORT EXAMPLE; translated from French)\nRESTRICTIONS: NO ACCESS FICTIONLAND');
  });

  test('markdown: a blockquote with an attribution line; the quote keeps its own marks', () => {
    assert.equal(format(marchetti, 'markdown'), [
      '> The water came at night. We told them “leave now” and they left.', '>',
      '> — Hélène Marchetti, Minister of Rivers, Fictionland (translated from French)', '', 'RESTRICTIONS: NO ACCESS FICTIONLAND',
    ].join('\n'));
  });

  test('plain: the words, then the attribution', () => {
    assert.equal(format(plainItem, 'plain'), 'We rebuilt the bridge.\nHélène Marchetti, Minister of Rivers, Fictionland');
  });

  test('an unknown style is an error, not a quote', () => {
    const result = formatQuote(plainItem, 'tabloid');
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'unknown-style');
    assert.match(result.error.message, /"tabloid".*wire, broadcast, citation, markdown, plain/u);
  });
});

suite('quote styles: templates', () => {
  test('fields fill in; optional groups vanish when a field inside is empty', () => {
    const template = { template: '{speaker}[, {title}][ ({date})]: “{quote}” [shot {shot}]' };
    assert.equal(format({ ...plainItem, title: null }, template), 'Hélène Marchetti (03 MARCH 2031): “We rebuilt the bridge.” shot 2');
    assert.equal(format({ ...plainItem, date: null, shot: null }, template), 'Hélène Marchetti, Minister of Rivers, Fictionland: “We rebuilt the bridge.” ');
  });

  test('a double mark before {quote} turns the inner double marks single; {{ }} [[ ]] are literal', () => {
    assert.equal(format(marchetti, { template: '{{{speaker}}} [[{shot}]] "{quote}" {restrictions}' }, {}),
      '{Hélène Marchetti} [2] "The water came at night. We told them \'leave now\' and they left." NO ACCESS FICTIONLAND');
  });

  test('restrictions are added on a last line when the template does not show them', () => {
    assert.equal(format(marchetti, { template: '{quote}' }),
      'The water came at night. We told them “leave now” and they left.\nRESTRICTIONS: NO ACCESS FICTIONLAND');
    assert.equal(format(marchetti, { template: '[{translatedFrom}: ]{quote} ({file}:{line}, {kind}, {language})' }),
      'French: The water came at night. We told them “leave now” and they left. (story.txt:10, soundbite, French)\nRESTRICTIONS: NO ACCESS FICTIONLAND');
  });

  test('an unknown field is an error naming the field and its position, never a half-filled quote', () => {
    const result = formatQuote(plainItem, { template: '“{quote}” — {speeker}' });
    assert.ok(!result.ok);
    assert.deepEqual([result.error.code, result.error.field, result.error.position], ['unknown-field', 'speeker', 12]);
    assert.match(result.error.message, /Unknown field "\{speeker\}" at position 12/u);
  });

  test('malformed templates: unclosed or stray braces and brackets, empty fields, each with its position', () => {
    const cases: [string, string, number][] = [
      ['“{quote” — {speaker}', 'unclosed-brace', 1],
      ['{quote', 'unclosed-brace', 0],
      ['{quote}} x', 'unexpected-closing-brace', 7],
      ['{quote} {}', 'empty-field', 8],
      ['{quote}[, {title}', 'unclosed-group', 7],
      ['{quote}], {title}', 'unexpected-closing-bracket', 7],
    ];
    for (const [template, code, position] of cases) {
      const result = validateTemplate(template);
      assert.ok(!result.ok, template);
      assert.deepEqual([result.error.code, result.error.position], [code, position], template);
      assert.ok(result.error.message.includes(`position ${position}`), result.error.message);
      const formatted = formatQuote(plainItem, { template });
      assert.ok(!formatted.ok);
    }
    assert.deepEqual(validateTemplate('“{quote}” — {speaker}[, {title}]'), { ok: true });
  });

  test('optional groups nest at most maxTemplateNesting deep; deeper is an error at the first bracket too many', () => {
    // `[[` and `]]` are literal brackets: nested groups are written with a space between them.
    const nested = (depth: number): string => `${'[ '.repeat(depth)}{title}${' ]'.repeat(depth)}`;
    assert.deepEqual(validateTemplate(`{quote}${nested(maxTemplateNesting)}`), { ok: true });
    const tooDeep = validateTemplate(`{quote}${nested(maxTemplateNesting + 1)}`);
    assert.ok(!tooDeep.ok);
    assert.deepEqual([tooDeep.error.code, tooDeep.error.position], ['group-too-deep', 7 + 2 * maxTemplateNesting]);
    assert.ok(tooDeep.error.message.includes(`${maxTemplateNesting} deep`), tooDeep.error.message);
    const hostile = validateTemplate(`{quote}${nested(100_000)}`);
    assert.ok(!hostile.ok && hostile.error.code === 'group-too-deep');
  });
});

suite('quote sheets', () => {
  test('CSV quotes fields holding commas, double quotes and line breaks (RFC 4180)', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "no"'), '"say ""no"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    const item = { ...plainItem, text: 'We said "no", twice.\nThen left.' };
    const sheet = exportQuotes([item], 'csv', 'plain');
    assert.ok(sheet.ok);
    const rows = sheet.text.split('\r\n');
    assert.equal(rows[0], 'quote,speaker,title,language,translatedFrom,date,place,source,story,restrictions,shot,file,line,kind,formatted');
    assert.ok(rows[1]?.startsWith('"We said ""no"", twice.\nThen left.",Hélène Marchetti,"Minister of Rivers, Fictionland",English,,03 MARCH 2031,'));
    assert.ok(rows[1]?.endsWith(',2,story.txt,10,soundbite,"We said ""no"", twice.\nThen left.\nHélène Marchetti, Minister of Rivers, Fictionland"'));
    assert.equal(rows[2], '');
  });

  test('JSON is the array of items', () => {
    const sheet = exportQuotes([marchetti, plainItem], 'json', 'wire');
    assert.ok(sheet.ok);
    assert.deepEqual(JSON.parse(sheet.text), [marchetti, plainItem]);
  });

  test('a sheet written item by item in steps is the text of one call: JSON exactly as JSON.stringify indents it', () => {
    const items = [marchetti, plainItem, { ...plainItem, text: 'Two\nlines, a "quote" and a tab\t.', speaker: null }];
    for (const list of [items, [], [plainItem]]) {
      const sheet = exportQuotes(list, 'json', 'wire');
      assert.deepEqual(sheet, { ok: true, text: JSON.stringify(list, null, 2) });
    }
    const many = Array.from({ length: 700 }, (_, index) => ({ ...plainItem, line: index + 1, story: `STORY ${Math.floor(index / 100)}` }));
    for (const format of ['json', 'csv', 'markdown', 'text'] as const) {
      const { value, steps } = stepThrough(exportQuotesSteps(many, format, 'wire'));
      assert.ok(steps >= 3, `${format}: ${steps} steps`);
      assert.deepEqual(value, exportQuotes(many, format, 'wire'));
      // Against sheets of one quote each (one step, one part): the steps' blocks join to the same text.
      const single = many.map((item) => {
        const sheet = exportQuotes([item], format, 'wire');
        return sheet.ok ? sheet.text : '';
      });
      if (format === 'text') {
        assert.deepEqual(value, { ok: true, text: single.join('\n\n') });
      } else if (format === 'csv') {
        const header = (single[0] ?? '').split('\r\n')[0];
        assert.deepEqual(value, { ok: true, text: `${[header, ...single.map((sheet) => sheet.split('\r\n')[1])].join('\r\n')}\r\n` });
      } else if (format === 'json') {
        assert.deepEqual(value, { ok: true, text: JSON.stringify(many, null, 2) });
      }
      assert.ok(value.ok && value.text.includes('line 700') === (format === 'markdown'), format);
    }
  });

  test('text: quotes in the style, a blank line apart; markdown: headings per story and a location line', () => {
    const text = exportQuotes([plainItem, { ...plainItem, text: 'Never again.' }], 'text', 'wire');
    assert.deepEqual(text, { ok: true, text: '“We rebuilt the bridge,” said Hélène Marchetti, Minister of Rivers, Fictionland.\n\n' +
      '“Never again,” said Hélène Marchetti, Minister of Rivers, Fictionland.' });
    const markdown = exportQuotes([marchetti], 'markdown', 'markdown');
    assert.ok(markdown.ok);
    assert.equal(markdown.text, [
      '# Quotes', '', '## FICTIONLAND / RIVER DAMS', '',
      '> The water came at night. We told them “leave now” and they left.', '>',
      '> — Hélène Marchetti, Minister of Rivers, Fictionland (translated from French)', '', 'RESTRICTIONS: NO ACCESS FICTIONLAND', '',
      '*story.txt, line 10, shot 2*', '',
    ].join('\n'));
  });

  test('a bad style or template gives the error and no sheet', () => {
    const sheet = exportQuotes([plainItem], 'csv', { template: '{nope}' });
    assert.ok(!sheet.ok);
    assert.equal(sheet.error.field, 'nope');
  });
});
