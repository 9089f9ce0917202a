// The knowledge base: loading with exact problem positions, merging, the bundled file's fidelity to
// the researched reference (nothing flagged uncertain ships), and matching on the real seeds.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadKnowledgeBase, maxKnowledgeFileLength, maxKnowledgeProblems, mergeKnowledgeBases } from '../../src/core/kb/load';
import { createMatcher, type Mention } from '../../src/core/kb/match';
import { yamlNestingBeyond } from '../../src/core/text/yamlNesting';
import type { KbEntry } from '../../src/core/kb/model';
import { lines, readSeed, repositoryRoot } from './helpers';

const bundledText = readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8');
const bundled = loadKnowledgeBase(bundledText, 'bundled');

function referenceText(): string {
  const path = process.env.SHOTLIST_ENTITIES_REFERENCE ?? join(repositoryRoot, '..', 'shared', 'data', 'entities-reference.yaml');
  if (!existsSync(path)) {
    throw new Error(`The entities reference is missing: expected it at ${path} (../shared/data beside the clone, or set SHOTLIST_ENTITIES_REFERENCE).`);
  }
  return readFileSync(path, 'utf8');
}

interface VerifiedFact {
  readonly field: string;
  readonly value: unknown;
  readonly sources: readonly string[];
}
interface VerifiedEntity {
  readonly entity: string;
  readonly group?: string;
  readonly new?: { readonly id: string; readonly type: string };
  readonly facts: readonly VerifiedFact[];
}
const verifiedEntities = (parse(readFileSync(join(repositoryRoot, 'scripts', 'kb-verified.yaml'), 'utf8')) as { entities: VerifiedEntity[] }).entities;

/** The facts scripts/kb-verified.yaml confirms for one entity (by acronym, name or symbol). */
function verifiedFacts(entity: string, group?: string): Map<string, VerifiedFact[]> {
  const facts = new Map<string, VerifiedFact[]>();
  for (const item of verifiedEntities.filter((v) => v.entity === entity && (v.group === undefined || v.group === group))) {
    for (const fact of item.facts) {
      facts.set(fact.field, [...(facts.get(fact.field) ?? []), fact]);
    }
  }
  return facts;
}

function byId(id: string): KbEntry {
  const entry = bundled.entries.find((e) => e.id === id);
  assert.ok(entry, `bundled entry ${id}`);
  return entry;
}

suite('knowledge base: loading', () => {
  test('a valid file gives its entries with lists normalised and its origin', () => {
    const { entries, problems } = loadKnowledgeBase(
      lines(
        'version: 1',
        'entries:',
        '  - id: desk-chief',
        '    type: official',
        '    names: Ana Ruiz',
        '    title: Head of the Geneva desk',
        '    since: 2021',
        '    until: active',
        '  - id: minusma',
        '    type: peacekeeping-operation',
        '    acronyms: [MINUSMA]',
        '    end: 2023',
      ),
      'ws/.shotlist/entities.yaml',
    );
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 2);
    assert.deepEqual(entries[0], {
      id: 'desk-chief', type: 'official', names: ['Ana Ruiz'], acronyms: [], aliases: [], sources: [],
      title: 'Head of the Geneva desk', since: 2021, until: 'active', origin: 'ws/.shotlist/entities.yaml',
    });
    assert.deepEqual(entries[1]?.acronyms, ['MINUSMA']);
  });

  test('an empty file is an empty knowledge base, not an error', () => {
    assert.deepEqual(loadKnowledgeBase('', 'x'), { entries: [], problems: [] });
    assert.deepEqual(loadKnowledgeBase('# only a comment\n', 'x'), { entries: [], problems: [] });
  });

  test('malformed YAML is reported at its exact line and column, and never throws', () => {
    const text = lines('entries:', '  - id: a', '    type: official', '    title: Head: Geneva desk', '  - id: b', '    type: official');
    const { problems } = loadKnowledgeBase(text, 'broken.yaml');
    const syntax = problems.filter((p) => p.code === 'yaml-syntax');
    assert.ok(syntax.length > 0);
    const first = syntax[0];
    assert.ok(first);
    assert.equal(first.severity, 'error');
    assert.equal(first.origin, 'broken.yaml');
    // A plain value may not hold ": ": the nested mapping starts on line 4, column 12 (1-based), offset 49.
    assert.equal(text.indexOf('Head:'), 49);
    assert.deepEqual([first.line, first.column, first.start, first.end], [4, 12, 49, 50]);
    assert.equal(first.message, 'YAML syntax error: Nested mappings are not allowed in compact mappings');
    // What can be read still is: entry b is intact.
    assert.ok(loadKnowledgeBase(text, 'broken.yaml').entries.some((e) => e.id === 'b'));
    for (const garbage of ['entries: [', ': : :', '\t- x', 'entries:\n  - {id: a, type: official', '- a\nb: c', '\u0000']) {
      assert.doesNotThrow(() => loadKnowledgeBase(garbage, 'g'));
    }
  });

  test('unknown fields and wrong types are reported at the key or value; the rest of the entry survives', () => {
    const text = lines('entries:', '  - id: unifil', '    type: peacekeeping-operation', '    acronym: UNIFIL', '    start: soon', '    names: [UNIFIL, {a: 1}]');
    const { entries, problems } = loadKnowledgeBase(text, 'w.yaml');
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.names, []);
    assert.equal(entries[0]?.start, undefined);
    const [unknown, start, names] = problems;
    assert.deepEqual([unknown?.code, unknown?.severity, unknown?.line, unknown?.column, unknown?.start, unknown?.end], ['unknown-field', 'warning', 4, 5, text.indexOf('acronym:'), text.indexOf('acronym:') + 7]);
    assert.match(unknown?.message ?? '', /Unknown field "acronym"; known fields: id, type, names, acronyms/);
    assert.deepEqual([start?.code, start?.line, start?.column], ['wrong-type', 5, 12]);
    assert.equal(start?.message, 'Field "start" must be a year (e.g. 2013) or "active".');
    assert.deepEqual([names?.code, names?.line, names?.column], ['wrong-type', 6, 12]);
  });

  test('endDate is an ISO calendar date; anything else is reported at the value and dropped alone', () => {
    const text = lines(
      'entries:',
      '  - id: minusma',
      '    type: peacekeeping-operation',
      '    end: 2023',
      '    endDate: 2023-12-31',
      '  - id: unamid',
      '    type: peacekeeping-operation',
      '    endDate: "2020-12-31"',
      '  - id: a',
      '    type: peacekeeping-operation',
      '    endDate: 31 December 2023',
      '  - id: b',
      '    type: peacekeeping-operation',
      '    endDate: 2023-02-30',
      '  - id: c',
      '    type: peacekeeping-operation',
      '    endDate: 2023',
      '  - id: d',
      '    type: peacekeeping-operation',
      '    endDate: 2023-1-5',
    );
    const { entries, problems } = loadKnowledgeBase(text, 'w.yaml');
    assert.deepEqual(entries.map((e) => [e.id, e.endDate]), [['minusma', '2023-12-31'], ['unamid', '2020-12-31'], ['a', undefined], ['b', undefined], ['c', undefined], ['d', undefined]]);
    assert.equal(entries[0]?.end, 2023);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity, p.line, p.column, text.slice(p.start, p.end)]),
      [
        ['wrong-type', 'error', 11, 14, '31 December 2023'],
        ['wrong-type', 'error', 14, 14, '2023-02-30'],
        ['wrong-type', 'error', 17, 14, '2023'],
        ['wrong-type', 'error', 20, 14, '2023-1-5'],
      ],
    );
    assert.equal(problems[0]?.message, 'Field "endDate" must be a calendar date written YYYY-MM-DD (e.g. 2023-12-31).');
    // A YAML 1.1 document resolves an unquoted date to a timestamp; it is read back as the same day.
    const old = loadKnowledgeBase(lines('%YAML 1.1', '---', 'entries:', '  - id: m', '    type: peacekeeping-operation', '    endDate: 2023-12-31'), 'old.yaml');
    assert.equal(old.entries[0]?.endDate, '2023-12-31');
  });

  test('missing id or type and unknown types drop the entry; duplicate ids keep the first', () => {
    const text = lines(
      'entries:',
      '  - id: a',
      '    type: official',
      '  - type: official',
      '  - id: b',
      '  - id: c',
      '    type: mission',
      '  - id: a',
      '    type: department',
      '  - just text',
    );
    const { entries, problems } = loadKnowledgeBase(text, 'w.yaml');
    assert.deepEqual(entries.map((e) => [e.id, e.type]), [['a', 'official']]);
    assert.deepEqual(
      problems.map((p) => [p.code, p.line, p.column]),
      [
        ['missing-field', 4, 5],
        ['missing-field', 5, 5],
        ['unknown-entry-type', 7, 11],
        ['duplicate-id', 8, 9],
        ['entry-not-mapping', 10, 5],
      ],
    );
    assert.equal(problems[1]?.message, 'This entry has no "type"; it is ignored.');
    assert.equal(problems[3]?.message, 'The id "a" is already used on line 2; this entry is ignored.');
  });

  test('a root that is not a mapping, or entries that are not a list, are errors', () => {
    assert.deepEqual(loadKnowledgeBase('- id: a\n', 'w').problems.map((p) => [p.code, p.line, p.column]), [['root-not-mapping', 1, 1]]);
    assert.deepEqual(loadKnowledgeBase('entries: 3\nextra: 1\n', 'w').problems.map((p) => [p.code, p.line, p.column]), [['entries-not-sequence', 1, 10], ['unknown-field', 2, 1]]);
  });
});

suite('knowledge base: merging', () => {
  test('a workspace entry replaces the bundled entry with its id, in place; new ids are appended', () => {
    const workspace = loadKnowledgeBase(
      lines('entries:', '  - id: minusma', '    type: peacekeeping-operation', '    acronyms: [MINUSMA]', '    description: Our desk note.', '  - id: desk-chief', '    type: official', '    names: [Ana Ruiz]'),
      'ws.yaml',
    );
    const later = loadKnowledgeBase(lines('entries:', '  - id: desk-chief', '    type: official', '    names: [Ana Ruiz Pérez]'), 'ws2.yaml');
    const merged = mergeKnowledgeBases(bundled.entries, workspace.entries, later.entries);
    assert.equal(merged.length, bundled.entries.length + 1);
    const at = bundled.entries.findIndex((e) => e.id === 'minusma');
    const minusma = merged[at];
    assert.equal(minusma?.origin, 'ws.yaml');
    assert.equal(minusma?.description, 'Our desk note.');
    // Whole-entry replacement: no bundled field or source survives beside the workspace's.
    assert.equal(minusma?.headquarters, undefined);
    assert.deepEqual(minusma?.sources, []);
    assert.deepEqual(merged.at(-1)?.names, ['Ana Ruiz Pérez']);
    assert.equal(merged.at(-1)?.origin, 'ws2.yaml');
    // The inputs are not modified.
    assert.equal(byId('minusma').origin, 'bundled');
  });

  test('a broken workspace file leaves the bundled knowledge intact', () => {
    const broken = loadKnowledgeBase('entries:\n  - id: [oops\n', 'ws.yaml');
    assert.ok(broken.problems.length > 0);
    const merged = mergeKnowledgeBases(bundled.entries, broken.entries);
    assert.deepEqual(merged.map((e) => e.id), bundled.entries.map((e) => e.id));
  });
});

suite('knowledge base: the bundled file', () => {
  test('loads with zero problems and unique ids', () => {
    assert.deepEqual(bundled.problems, []);
    assert.equal(new Set(bundled.entries.map((e) => e.id)).size, bundled.entries.length);
    const types = new Map<string, number>();
    for (const entry of bundled.entries) {
      types.set(entry.type, (types.get(entry.type) ?? 0) + 1);
      assert.ok(entry.sources.length > 0, `${entry.id} has sources`);
      assert.ok(entry.names.length + entry.acronyms.length > 0, `${entry.id} has a name or an acronym`);
    }
    assert.equal(types.get('peacekeeping-operation'), 70);
    assert.equal(types.get('political-mission'), 18);
    assert.ok((types.get('resolution') ?? 0) > 0);
  });

  test('ships no field that the reference marks uncertain, and only facts it or kb-verified.yaml confirms', () => {
    const reference = parse(referenceText()) as {
      peacekeeping_operations: Record<string, unknown>[];
      special_political_missions: Record<string, unknown>[];
      officials: Record<string, Record<string, unknown>[]>;
    };
    const canonical: Record<string, string> = { start: 'start_year', end: 'end_year', resolution: 'authorizing_resolution', name: 'name_en' };
    const list = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => canonical[String(v)] ?? String(v)) : []);
    // Reference field -> the bundled field that would carry it.
    const carriers: Record<string, (entry: KbEntry) => unknown> = {
      location: (e) => e.region ?? e.country,
      start_year: (e) => e.start,
      end_year: (e) => e.end,
      authorizing_resolution: (e) => e.mandate,
      headquarters: (e) => e.headquarters,
      description: (e) => e.description,
      title: (e) => e.title,
      since: (e) => e.since,
      until: (e) => e.until,
      organisation: (e) => e.organisation,
    };
    let verifiedSeen = 0;
    let rescued = 0;
    const check = (raw: Record<string, unknown>, entry: KbEntry, officialDefaults: string[], verified: Map<string, VerifiedFact[]>): number => {
      const uncertain = list(raw['uncertain_fields']);
      if (raw['uncertain'] === true && raw['uncertain_fields'] === undefined) {
        uncertain.push(...officialDefaults);
      }
      const checked = new Set(list(raw['checked_in_retrieved_text']));
      let dropped = 0;
      for (const [field, carrier] of Object.entries(carriers)) {
        const value = carrier(entry);
        const confirmedHere = verified.get(field)?.[0];
        if (confirmedHere !== undefined) {
          // A verified fact ships as recorded, with its sources among the entry's.
          assert.equal(String(value), String(confirmedHere.value), `${entry.id}.${field} ships the verified value`);
          assert.ok(confirmedHere.sources.every((s) => entry.sources.includes(s)), `${entry.id}.${field}: the verified sources are cited`);
          verifiedSeen++;
          if (raw[field] !== undefined && uncertain.includes(field)) {
            rescued++;
          }
        } else if (value !== undefined) {
          assert.ok(checked.has(field) && !uncertain.includes(field), `${entry.id}.${field} ships but is not confirmed by the reference`);
        } else if (raw[field] !== undefined && uncertain.includes(field)) {
          dropped++;
        }
      }
      const frenchName = typeof raw['name_fr'] === 'string' ? raw['name_fr'].replace(/\s*\([A-Z0-9 ]+\)$/, '') : undefined;
      if (frenchName !== undefined && !checked.has('name_fr') && !verified.has('name_fr')) {
        assert.ok(!entry.aliases.includes(frenchName) && !entry.aliases.includes(raw['name_fr'] as string), `${entry.id} ships an unconfirmed French name`);
      }
      if (uncertain.includes('name_en') && !verified.has('name_en')) {
        assert.ok(!entry.names.includes(String(raw['name_en'])), `${entry.id} ships an uncertain English name`);
      }
      const verifiedName = verified.get('name_en')?.[0];
      if (verifiedName !== undefined) {
        assert.equal(entry.names[0], verifiedName.value, `${entry.id} shows the verified English name first`);
      }
      const endDate = verified.get('end_date')?.[0];
      assert.equal(entry.endDate, endDate?.value, `${entry.id}.endDate comes only from kb-verified.yaml`);
      return dropped;
    };
    const missions = bundled.entries.filter((e) => e.type === 'peacekeeping-operation' || e.type === 'political-mission');
    const rawMissions = [...reference.peacekeeping_operations, ...reference.special_political_missions];
    assert.equal(missions.length, rawMissions.length);
    let dropped = 0;
    rawMissions.forEach((raw, i) => {
      const entry = missions[i] as KbEntry;
      assert.equal(entry.acronyms[0], raw['acronym']);
      dropped += check(raw, entry, [], verifiedFacts(String(raw['acronym'])));
    });
    const allOfficials = bundled.entries.filter((e) => e.type === 'official');
    const rawOfficials = Object.entries(reference.officials).flatMap(([group, list]) => list.map((raw) => ({ group, raw })));
    // The reference's officials come first, in order; the rest are exactly kb-verified.yaml's new officials.
    const officials = allOfficials.slice(0, rawOfficials.length);
    const newOfficials = verifiedEntities.filter((v) => v.new?.type === 'official');
    assert.deepEqual(allOfficials.slice(rawOfficials.length).map((e) => e.id), newOfficials.map((v) => v.new?.id));
    for (const item of newOfficials) {
      const entry = byId(item.new?.id ?? '?');
      assert.deepEqual(entry.names, [item.entity]);
      for (const fact of item.facts.filter((f) => f.field in carriers)) {
        assert.equal(String(carriers[fact.field]?.(entry)), String(fact.value), `${entry.id}.${fact.field} ships the verified value`);
        assert.ok(fact.sources.every((s) => entry.sources.includes(s)), `${entry.id}.${fact.field}: the verified sources are cited`);
      }
    }
    rawOfficials.forEach(({ group, raw }, i) => {
      const entry = officials[i] as KbEntry;
      assert.deepEqual(entry.names, [raw['name']]);
      dropped += check(raw, entry, ['title', 'since', 'until'], verifiedFacts(String(raw['name']), group));
    });
    // Every flagged field is either left out or confirmed by kb-verified.yaml.
    assert.ok(dropped + rescued > 300, `the reference flags hundreds of fields; ${dropped} were seen dropped, ${rescued} verified`);
    assert.ok(rescued > 0 && dropped > 250, `${dropped} flagged fields dropped, ${rescued} rescued by kb-verified.yaml`);
    // Every fact kb-verified.yaml records for a reference entry's fact field was seen shipped.
    const recorded = verifiedEntities.filter((v) => v.new === undefined).flatMap((v) => v.facts).filter((f) => f.field in carriers).length;
    const onDerived = verifiedEntities.filter((v) => v.new === undefined && (/^S\/RES\//.test(v.entity) || v.entity === 'DOS')).flatMap((v) => v.facts).filter((f) => f.field in carriers).length;
    assert.equal(verifiedSeen, recorded - onDerived);
    assert.ok(verifiedSeen > 0);
  });

  test('keeps the confirmed facts of the active operations', () => {
    const minusma = byId('minusma');
    assert.equal(minusma.end, 2023);
    assert.equal(minusma.endDate, '2023-12-31');
    assert.ok(byId('monusco').aliases.includes('la MONUSCO'));
    assert.equal(byId('unifil').end, 'active');
    assert.ok(byId('unifil').acronyms.includes('FINUL'));
  });

  test('every resolution entry is cited as a mandate by a bundled entry, or verified with its own sources', () => {
    const mandates = bundled.entries.map((e) => e.mandate ?? '').join('\n');
    for (const resolution of bundled.entries.filter((e) => e.type === 'resolution')) {
      const symbol = resolution.acronyms[0] ?? '?';
      const verified = verifiedFacts(symbol).get('description')?.[0];
      assert.ok(mandates.includes(symbol) || verified !== undefined, resolution.id);
      if (verified !== undefined) {
        assert.equal(resolution.description, verified.value);
        assert.ok(verified.sources.every((s) => resolution.sources.includes(s)), `${resolution.id} cites its verified sources`);
      }
    }
    const financing = byId('s-res-2719');
    assert.deepEqual([financing.names, financing.acronyms, financing.start], [['Security Council resolution 2719 (2023)'], ['S/RES/2719 (2023)'], 2023]);
    assert.match(financing.description ?? '', /African Union-led peace support operations/);
    assert.ok(financing.sources.includes('https://press.un.org/en/2023/sc15544.doc.htm'));
  });

  test('kb-verified.yaml: departments, initiatives, closing dates and officials ship with names and sources', () => {
    const dpo = byId('dpo');
    assert.deepEqual([dpo.type, dpo.names, dpo.acronyms, dpo.aliases, dpo.start], ['department', ['Department of Peace Operations'], ['DPO'], ['Département des opérations de paix'], 2019]);
    assert.ok(dpo.sources.includes('https://dppa.un.org/fr/about-us'));
    const dppa = byId('dppa');
    assert.deepEqual([dppa.names, dppa.aliases, dppa.start], [['Department of Political and Peacebuilding Affairs'], ['Département des affaires politiques et de la consolidation de la paix'], 2019]);
    const dos = byId('dos');
    assert.deepEqual([dos.names, dos.start], [['Department of Operational Support'], 2019]);
    // The DOS entry keeps the sources of the confirmed title it was first built from.
    assert.ok(dos.sources.includes('https://press.un.org/en/2017/sgsm18438.doc.htm') && dos.sources.includes('https://operationalsupport.un.org/en/background-0'));
    assert.deepEqual([byId('a4p').names, byId('a4p').acronyms, byId('a4p').start], [['Action for Peacekeeping'], ['A4P'], 2018]);
    assert.deepEqual([byId('a4p-plus').acronyms, byId('a4p-plus').start], [['A4P+'], 2021]);
    const closed: Record<string, string> = { minusma: '2023-12-31', unamid: '2020-12-31', minustah: '2017-10-15', unmil: '2018-03-30', unoci: '2017-06-30', minujusth: '2019-10-15' };
    for (const [id, date] of Object.entries(closed)) {
      assert.equal(byId(id).endDate, date, id);
    }
    // An exact closing date always agrees with the end year.
    for (const entry of bundled.entries.filter((e) => e.endDate !== undefined)) {
      assert.equal(entry.end, Number(entry.endDate?.slice(0, 4)), entry.id);
    }
    const lacroix = byId('jean-pierre-lacroix');
    assert.deepEqual([lacroix.title, lacroix.since, lacroix.until], ['Under-Secretary-General for Peace Operations', 2017, 'active']);
    assert.equal(byId('rosemary-dicarlo').title, 'Under-Secretary-General for Political and Peacebuilding Affairs');
    // Heads of the active missions, each with the page that states the post.
    const rugwabiza = byId('valentine-rugwabiza');
    assert.deepEqual([rugwabiza.title, rugwabiza.since, rugwabiza.until], ['Special Representative of the Secretary-General for the Central African Republic and Head of MINUSCA', 2022, 'active']);
    assert.ok(rugwabiza.sources.includes('https://www.securitycouncilreport.org/whatsinblue/2025/10/central-african-republic-briefing-and-consultations-19.php'));
    const abagnara = byId('diodato-abagnara');
    assert.deepEqual([abagnara.title, abagnara.since, abagnara.until], ['Head of Mission and Force Commander, UNIFIL', 2025, 'active']);
    assert.ok(abagnara.sources.includes('https://press.un.org/en/2025/sga2355.doc.htm'));
    // A head who moved on keeps the post the pages state, with its end; the successor starts that year.
    assert.deepEqual([byId('colin-stewart').until, byId('khassim-diagne').since], [2025, 2025]);
    assert.match(byId('khassim-diagne').title ?? '', /Head of UNFICYP$/);
    assert.ok(byId('peter-due').sources.includes('https://press.un.org/en/2025/sga2375.doc.htm'));
    // Special political missions and envoys: current heads, and the holders the pages show leaving.
    const simao = byId('leonardo-santos-simao');
    assert.deepEqual([simao.since, simao.until], [2023, 'active']);
    assert.match(simao.title ?? '', /\(UNOWAS\)$/);
    assert.ok(simao.sources.includes('https://press.un.org/en/2023/sga2196.doc.htm'));
    const hennis = byId('jeanine-hennis-plasschaert');
    assert.deepEqual([hennis.title, hennis.since, hennis.until], ['United Nations Special Coordinator for Lebanon (UNSCOL)', 2024, 'active']);
    assert.ok(hennis.sources.includes('https://press.un.org/en/2024/sga2291.doc.htm'));
    // UNAMI closes at the end of 2025: its last head ends there; she left UNAMI for UNSCOL the year he came.
    assert.deepEqual([byId('mohamed-al-hassan').since, byId('mohamed-al-hassan').until], [2024, 2025]);
    assert.ok(byId('mohamed-al-hassan').aliases.includes('Mohammed Al Hassan'));
    // An acting head who left, and a mission led by its deputy: no start year shipped without a page for it.
    assert.deepEqual([byId('sigrid-kaag').since, byId('sigrid-kaag').until], [2025, 2025]);
    assert.match(byId('sigrid-kaag').title ?? '', /ad interim/);
    assert.equal(byId('roza-otunbayeva').until, 2025);
    assert.deepEqual([byId('georgette-gagnon').since, byId('georgette-gagnon').until], [undefined, 'active']);
    // A head with two posts keeps the current one (as Khassim Diagne): Ruiz Massieu moved from UNVMC to BINUH in 2025, when Jenča took UNVMC.
    const ruiz = byId('carlos-ruiz-massieu');
    assert.deepEqual([ruiz.title, ruiz.since, ruiz.until], ['Special Representative of the Secretary-General for Haiti and Head of BINUH', 2025, 'active']);
    assert.equal(byId('miroslav-jenca').since, ruiz.since);
    // The Syria envoy announced his departure in 2025 without a date: no end year is invented, and none says active.
    assert.equal(byId('geir-pedersen').until, undefined);
    // No bare surname is ever an alias of an official.
    for (const entry of bundled.entries.filter((e) => e.type === 'official')) {
      assert.ok(entry.aliases.every((a) => /\s/.test(a)), `${entry.id} has a one-word alias`);
    }
    // Every verified entity reached the bundle: new ids exist with their declared type.
    for (const item of verifiedEntities.filter((v) => v.new !== undefined)) {
      assert.equal(byId(item.new?.id ?? '?').type, item.new?.type);
    }
  });

  test('scripts/build-kb.mjs reproduces the committed file', async () => {
    const { execFileSync } = await import('node:child_process');
    referenceText();
    execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'build-kb.mjs'), '--check'], { stdio: 'pipe' });
  });
});

suite('knowledge base: matching', () => {
  const matcher = createMatcher(bundled.entries);
  const ids = (mentions: readonly Mention[]): string[] => [...new Set(mentions.map((m) => m.id))];
  const texts = (text: string): string[] => matcher.find(text).map((m) => m.text);

  test('seed 000 mentions MINUSMA and MONUSCO, at exact offsets', () => {
    const text = readSeed('000_e751e5e04960dd4f.txt');
    const mentions = matcher.find(text);
    assert.ok(ids(mentions).includes('minusma'));
    assert.ok(ids(mentions).includes('monusco'));
    for (const mention of mentions) {
      assert.equal(text.slice(mention.start, mention.end), mention.text);
    }
    assert.equal(mentions.filter((m) => m.id === 'minusma').length, (text.match(/\bMINUSMA\b/g) ?? []).length);
  });

  test('seed 002 mentions resolution 2719 (a verified bundled entry), UNIFIL and UNDOF', () => {
    const text = readSeed('002_7dd2ed208037229b.txt');
    const mentions = matcher.find(text);
    const resolution = mentions.find((m) => m.id === 's-res-2719');
    assert.deepEqual([resolution?.type, resolution?.text], ['resolution', 'resolution 2719']);
    assert.ok(ids(mentions).includes('unifil'));
    assert.ok(ids(mentions).includes('undof'));
  });

  test('seed 003 mentions la MONUSCO as one mention with its article', () => {
    const mentions = matcher.find(readSeed('003_18c4663f6ef51ebb.txt'));
    const monusco = mentions.filter((m) => m.id === 'monusco').map((m) => m.text);
    assert.ok(monusco.includes('la MONUSCO'));
    assert.ok(monusco.includes('La MONUSCO'));
  });

  test('acronyms match in capitals only; names in any case, with or without accents', () => {
    assert.deepEqual(texts('minusma Minusma MINUSMA'), ['MINUSMA']);
    assert.deepEqual(ids(matcher.find('UNITED NATIONS INTERIM FORCE IN LEBANON')), ['unifil']);
    assert.deepEqual(texts('dag hammarskjold and Dag Hammarskjöld'), ['dag hammarskjold', 'Dag Hammarskjöld']);
    assert.deepEqual(texts('la Monusco, la monusco'), []);
  });

  test('near misses do not match: inside words, extra letters, other digits', () => {
    for (const miss of ['MINUSMAS', 'XMINUSMA', 'MINUSMA2', 'UNIFILx', 'éUNIFIL', 'S/RES/19250 (2010)', 'resolution 19250', 'resolution 192', 'UNEF III']) {
      assert.deepEqual(matcher.find(miss), [], miss);
    }
  });

  test('the longest form wins, across line breaks and apostrophe styles', () => {
    assert.deepEqual(texts('UNEF II then UNEF I.'), ['UNEF II', 'UNEF I']);
    assert.deepEqual(texts('l’ONUST et l\'ONUST'), ['l’ONUST', "l'ONUST"]);
    assert.deepEqual(texts('the United Nations Interim\n  Force in Lebanon'), ['United Nations Interim\n  Force in Lebanon']);
    assert.deepEqual(texts('(MINUSMA), MINUSMA-led, “MINUSMA”'), ['MINUSMA', 'MINUSMA', 'MINUSMA']);
  });

  test('resolution mentions in English, French and as a symbol resolve to the resolution entry', () => {
    const mentions = matcher.find('Resolution 1925 (2010), résolution 1925, S/RES/1925 (2010), S/RES/1925(2010), s/res/1925');
    assert.deepEqual(mentions.map((m) => [m.id, m.type, m.text]), [
      ['s-res-1925', 'resolution', 'Resolution 1925 (2010)'],
      ['s-res-1925', 'resolution', 'résolution 1925'],
      ['s-res-1925', 'resolution', 'S/RES/1925 (2010)'],
      ['s-res-1925', 'resolution', 'S/RES/1925(2010)'],
    ]);
  });

  test('A4P and A4P+ are told apart; title + surname forms match, bare surnames do not', () => {
    assert.deepEqual(matcher.find('A4P+ builds on A4P; Action for Peacekeeping+ and Action for Peacekeeping.').map((m) => [m.id, m.text]), [
      ['a4p-plus', 'A4P+'],
      ['a4p', 'A4P'],
      ['a4p-plus', 'Action for Peacekeeping+'],
      ['a4p', 'Action for Peacekeeping'],
    ]);
    assert.deepEqual(ids(matcher.find('Under-Secretary-General Lacroix said; USG DiCarlo replied; Secretary-General Guterres')), ['jean-pierre-lacroix', 'rosemary-dicarlo', 'antonio-guterres']);
    assert.deepEqual(matcher.find('M. Lacroix, Mr. Lacroix, Lacroix, DiCarlo, Guterres, Khare'), []);
    assert.deepEqual(ids(matcher.find('le DPO, the DPPA and DOS; la MINUSMA')), ['dpo', 'dppa', 'dos', 'minusma']);
  });

  test('one person in two posts is one mention naming the other entry', () => {
    const [mention] = matcher.find('Kofi Annan');
    assert.equal(mention?.id, 'kofi-annan');
    assert.deepEqual(mention?.alternatives, ['kofi-annan-2']);
  });
});

suite('knowledge files: bounds', () => {
  test('a file over the size limit is one clear problem, and nothing of it is read', () => {
    const entry = '  - id: x\n    type: peacekeeping-operation\n    names: [Example Mission]\n';
    const text = `entries:\n${entry.repeat(Math.ceil(maxKnowledgeFileLength / entry.length) + 1)}`;
    const loaded = loadKnowledgeBase(text, 'big.yaml');
    assert.deepEqual(loaded.entries, []);
    assert.deepEqual(loaded.problems.map((problem) => [problem.code, problem.severity, problem.line]), [['too-large', 'error', 1]]);
    assert.match(loaded.problems[0]?.message ?? '', /over the 2048 KB limit: it was not read/u);
  });

  test('at most 200 problems are listed per file, then one that counts the rest', () => {
    const entries = Array.from({ length: 1000 }, (_, index) => `  - id: e${index}\n    type: peacekeeping-operation\n    names: [Mission ${index}]\n    colour: blue\n`);
    const loaded = loadKnowledgeBase(`version: 1\nentries:\n${entries.join('')}`, 'noisy.yaml');
    assert.equal(loaded.entries.length, 1000, 'the entries are still read');
    assert.equal(loaded.problems.length, maxKnowledgeProblems + 1);
    assert.ok(loaded.problems.slice(0, maxKnowledgeProblems).every((problem) => problem.code === 'unknown-field'));
    const summary = loaded.problems[maxKnowledgeProblems];
    assert.deepEqual([summary?.code, summary?.data.count], ['more-problems', 800]);
    assert.equal(summary?.message, '…and 800 more problems in this file (only the first 200 are listed).');
  });
});

suite('knowledge files: nesting', () => {
  test('a file nesting past the bound is one problem at the first level too deep, and the YAML parser never sees it', () => {
    for (const [deep, line] of [
      [`entries:\n  - id: a\n    names: ${'['.repeat(100_000)}\n`, 3],
      [`version: 1\nentries: ${'{a: '.repeat(5000)}\n`, 2],
      [`entries:\n${Array.from({ length: 60 }, (_, depth) => `${'  '.repeat(depth)}- x:`).join('\n')}\n`, 33],
      [`entries:\n  - ${'- '.repeat(5000)}x\n`, 2],
    ] as const) {
      const started = performance.now();
      const loaded = loadKnowledgeBase(deep, 'deep.yaml');
      assert.ok(performance.now() - started < 2000, 'refused quickly');
      assert.deepEqual(loaded.problems.map((problem) => [problem.code, problem.line]), [['too-deep', line]], deep.slice(0, 40));
      assert.match(loaded.problems[0]?.message ?? '', /^This knowledge file nests more than 32 levels deep here: it was not read\./u);
    }
  });

  test('brackets in quotes, comments and block scalars are text, and the bundled file is far from the bound', () => {
    const text = [
      'version: 1 # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      'entries:',
      '  - id: quoted',
      '    type: department',
      `    names: ["${'['.repeat(50)}", '${'{'.repeat(50)}']`,
      '    description: |',
      `      ${'['.repeat(50)}`,
      `      ${'- '.repeat(50)}`,
      '    title: >-',
      `      ${'{'.repeat(50)}`,
    ].join('\n');
    const loaded = loadKnowledgeBase(text, 'brackets.yaml');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.entries.map((entry) => entry.id), ['quoted']);
    assert.equal(yamlNestingBeyond(bundledText, 6), -1);
  });
});
