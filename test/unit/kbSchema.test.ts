// media/entities.schema.json (what the YAML extension checks while a newsroom edits
// .shotlist/entities.yaml) must say exactly what src/core/kb/load.ts accepts, or editors see squiggles
// the loader ignores, or none where the loader drops a field. No validator dependency: the schema uses
// a small subset of draft-07, checked below by a structural validator that refuses any keyword it
// does not know, so a schema that grows beyond the subset fails here instead of being half-checked.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { kbFields, loadKnowledgeBase } from '../../src/core/kb/load';
import { kbEntryTypes } from '../../src/core/kb/model';
import { repositoryRoot } from './helpers';

interface Schema {
  readonly [keyword: string]: unknown;
}

const schemaPath = join(repositoryRoot, 'media', 'entities.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema;
const definitions = schema.definitions as Record<string, Schema>;
const entrySchema = definitions.entry as Schema;
const entryProperties = entrySchema.properties as Record<string, Schema>;

/** Keywords that only annotate (descriptions, completion help): they never change validity. */
const annotations = new Set(['$schema', '$id', 'title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'definitions']);
const assertions = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'enum', 'pattern', '$ref']);

function typeOf(value: unknown): string[] {
  if (value === null) {
    return ['null'];
  }
  if (Array.isArray(value)) {
    return ['array'];
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? ['number', 'integer'] : ['number'];
  }
  return [typeof value === 'object' ? 'object' : typeof value];
}

/** The paths where `value` breaks `node`; empty when it conforms. */
function validate(node: Schema, value: unknown, path = '$'): string[] {
  for (const keyword of Object.keys(node)) {
    if (!annotations.has(keyword) && !assertions.has(keyword)) {
      throw new Error(`${path}: the test validator does not implement "${keyword}"; extend it before using it in the schema`);
    }
  }
  if (typeof node.$ref === 'string') {
    const target = /^#\/definitions\/([\w-]+)$/.exec(node.$ref)?.[1];
    const referenced = target === undefined ? undefined : definitions[target];
    if (!referenced) {
      throw new Error(`${path}: unresolved $ref ${node.$ref}`);
    }
    // Siblings of $ref are annotations only (draft-07 ignores assertions there; the YAML extension merges them).
    assert.ok(Object.keys(node).every((k) => k === '$ref' || annotations.has(k)), `${path}: assertions beside $ref`);
    return validate(referenced, value, path);
  }
  if (node.type !== undefined) {
    const allowed = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string];
    if (!typeOf(value).some((t) => allowed.includes(t))) {
      return [`${path}: expected ${allowed.join(' or ')}`];
    }
  }
  if (Array.isArray(node.enum) && !node.enum.includes(value)) {
    return [`${path}: not one of ${node.enum.join(', ')}`];
  }
  if (typeof node.pattern === 'string' && typeof value === 'string' && !new RegExp(node.pattern, 'u').test(value)) {
    return [`${path}: does not match ${node.pattern}`];
  }
  if (Array.isArray(node.anyOf)) {
    const branches = (node.anyOf as Schema[]).map((branch) => validate(branch, value, path));
    return branches.some((errors) => errors.length === 0) ? [] : [`${path}: matches no alternative (${branches.flat().join('; ')})`];
  }
  const errors: string[] = [];
  if (Array.isArray(value) && node.items !== undefined) {
    value.forEach((item, index) => errors.push(...validate(node.items as Schema, item, `${path}[${index}]`)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    for (const name of (node.required ?? []) as string[]) {
      if (!(name in record)) {
        errors.push(`${path}: missing ${name}`);
      }
    }
    for (const [name, item] of Object.entries(record)) {
      const property = properties[name];
      if (property) {
        errors.push(...validate(property, item, `${path}.${name}`));
      } else if (node.additionalProperties === false) {
        errors.push(`${path}: unknown property ${name}`);
      }
    }
  }
  return errors;
}

/** Whether the loader takes the file without a single problem (duplicate ids aside: see below). */
function loaderAccepts(text: string): boolean {
  return loadKnowledgeBase(text, 'w.yaml').problems.filter((p) => p.code !== 'duplicate-id').length === 0;
}

function schemaAccepts(text: string): boolean {
  return validate(schema, parse(text)).length === 0;
}

suite('knowledge base: entities.schema.json agrees with the loader', () => {
  test('the schema names every field the loader knows, in the documented order, and no other', () => {
    assert.deepEqual(Object.keys(entryProperties), Object.keys(kbFields));
  });

  test('each field has the shape of its kind in the loader, and a description for newsroom users', () => {
    const refs: Record<string, string> = { string: '#/definitions/text', strings: '#/definitions/texts', year: '#/definitions/year', date: '#/definitions/date' };
    for (const [name, kind] of Object.entries(kbFields)) {
      const property = entryProperties[name] as Schema;
      if (name === 'id') {
        assert.equal(property.$ref, '#/definitions/id');
      } else if (name === 'type') {
        assert.equal(property.type, 'string');
      } else {
        assert.equal(property.$ref, refs[kind], name);
      }
      assert.equal(typeof property.description, 'string', `${name} has a description`);
      assert.equal(typeof property.markdownDescription, 'string', `${name} has a markdownDescription`);
    }
  });

  test("the type enum is the model's list of entry types, each described", () => {
    const type = entryProperties.type as Schema;
    assert.deepEqual(type.enum, [...kbEntryTypes]);
    assert.equal((type.markdownEnumDescriptions as unknown[]).length, kbEntryTypes.length);
    assert.equal((type.enumDescriptions as unknown[]).length, kbEntryTypes.length);
  });

  test('required fields and the root fields are the ones the loader insists on and knows', () => {
    assert.deepEqual(entrySchema.required, ['id', 'type']);
    for (const required of ['id', 'type']) {
      const others = ['id: a', 'type: official'].filter((line) => !line.startsWith(required));
      const { entries, problems } = loadKnowledgeBase(`entries:\n  - ${others.join('\n    ')}\n`, 'w');
      assert.deepEqual([entries.length, problems.map((p) => [p.code, p.data.field])], [0, [['missing-field', required]]]);
    }
    for (const name of Object.keys(schema.properties as object)) {
      assert.ok(!loadKnowledgeBase(`${name}: 1\n`, 'w').problems.some((p) => p.code === 'unknown-field'), name);
    }
    assert.deepEqual(loadKnowledgeBase('kind: 1\n', 'w').problems.map((p) => p.code), ['unknown-field']);
    // The loader only warns about unknown fields; so does the YAML extension for additionalProperties.
    assert.equal(schema.additionalProperties, false);
    assert.equal(entrySchema.additionalProperties, false);
  });

  test('the bundled knowledge base validates against the schema', () => {
    const text = readFileSync(join(repositoryRoot, 'src', 'core', 'kb', 'bundled.yaml'), 'utf8');
    assert.deepEqual(validate(schema, parse(text)), []);
  });

  test('hand-picked edge cases: the schema and the loader give the same verdict', () => {
    const cases: [string, boolean][] = [
      ['', true],
      ['version: 1\nentries: []\n', true],
      ['version: one\n', false],
      ['entries: 3\n', false],
      ['- id: a\n', false],
      ['entries:\n  - id: a\n    type: official\n    since: 2021\n    until: active\n', true],
      ['entries:\n  - id: a\n    type: official\n    until: soon\n', false],
      ['entries:\n  - id: a\n    type: official\n    since: 2021.5\n', false],
      ['entries:\n  - id: a\n    type: official\n    since: "2021"\n', false],
      ['entries:\n  - id: 2719\n    type: resolution\n', true],
      ['entries:\n  - id: " "\n    type: resolution\n', false],
      ['entries:\n  - id: a\n    type: mission\n', false],
      ['entries:\n  - id: a\n    type: official\n    names: Ana Ruiz\n', true],
      ['entries:\n  - id: a\n    type: official\n    names: [Ana Ruiz, 7]\n', true],
      ['entries:\n  - id: a\n    type: official\n    names: 7\n', false],
      ['entries:\n  - id: a\n    type: official\n    names: ["  "]\n', false],
      ['entries:\n  - id: a\n    type: official\n    names: []\n', true],
      ['entries:\n  - id: a\n    type: official\n    country: ""\n', true],
      ['entries:\n  - id: a\n    type: official\n    country:\n', false],
      ['entries:\n  - id: a\n    type: official\n    country: true\n', false],
      ['entries:\n  - id: a\n    type: official\n    acronym: UN\n', false],
      ['entries:\n  - just text\n', false],
    ];
    for (const [text, valid] of cases) {
      assert.deepEqual([text, loaderAccepts(text), schemaAccepts(text)], [text, valid, valid]);
    }
  });

  test('generated knowledge files: the schema accepts exactly what the loader takes without a problem', () => {
    const text = fc.oneof(fc.constantFrom('Ana Ruiz', 'UNMISS', '', ' ', 'active', '2013', 'S/RES/2719 (2023)'), fc.string({ maxLength: 6 }));
    const scalar = fc.oneof(text, fc.integer({ min: -5, max: 2100 }), fc.constantFrom(2013.5, true, false, null));
    const value = fc.oneof(
      { weight: 3, arbitrary: scalar },
      { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'b'), scalar, { maxKeys: 2 }) },
    );
    // Mostly values the loader takes, so that one field at a time is what tells the two apart.
    const likely: Record<string, fc.Arbitrary<unknown>> = {
      string: fc.oneof(text, fc.integer()),
      strings: fc.oneof(fc.constantFrom('UNMISS', 'la MONUSCO'), fc.array(fc.oneof(fc.constantFrom('UNMISS', 'Ana Ruiz'), fc.integer()), { maxLength: 3 })),
      year: fc.oneof(fc.integer({ min: 1945, max: 2030 }), fc.constant('active')),
      // Real days and malformed ones; not impossible days like 2023-02-30, which only the loader refuses.
      date: fc.constantFrom('2023-12-31', '2020-02-29', '2017-06-30', '2023-1-5', '31 December 2023', '2023-13-01'),
    };
    const fieldValue = (name: string): fc.Arbitrary<unknown> => {
      const kind = kbFields[name];
      return kind === undefined ? value : fc.oneof({ weight: 4, arbitrary: likely[kind] as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: value });
    };
    const optional = Object.keys(kbFields).filter((name) => name !== 'id' && name !== 'type');
    const rest = fc
      .shuffledSubarray([...optional, 'acronym', 'notes'], { maxLength: 3 })
      .chain((names) => fc.tuple(...names.map(fieldValue)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]]))));
    const typeValue = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...kbEntryTypes) }, { weight: 1, arbitrary: fc.constantFrom('mission', '', 3) });
    const entry = fc
      .record({ id: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c') }, { weight: 1, arbitrary: value }), type: typeValue, rest }, { requiredKeys: ['rest'] })
      .map(({ id, type, rest }) => ({ ...(id === undefined ? {} : { id }), ...(type === undefined ? {} : { type }), ...rest }));
    const root = fc.oneof(
      { weight: 8, arbitrary: fc.record({ version: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: value }), entries: fc.oneof({ weight: 5, arbitrary: fc.array(entry, { maxLength: 3 }) }, { weight: 1, arbitrary: value }) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.record({ entries: fc.constant([]), extra: scalar }) },
      { weight: 1, arbitrary: fc.oneof(fc.array(entry, { maxLength: 1 }), scalar) },
    );
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(root, (document) => {
        const yaml = stringify(document);
        // Duplicate ids are the one rule JSON Schema cannot state; the loader alone reports them.
        const verdict = loaderAccepts(yaml);
        assert.equal(schemaAccepts(yaml), verdict, yaml);
        accepted += verdict ? 1 : 0;
        refused += verdict ? 0 : 1;
      }),
      { numRuns: 1500 },
    );
    // Both verdicts must be common, or the comparison proves little.
    assert.ok(Math.min(accepted, refused) > 300, `accepted ${accepted}, refused ${refused}`);
  });

  test('package.json points the YAML extension at the schema for workspace knowledge files', () => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { contributes: { yamlValidation?: { fileMatch: string; url: string }[] } };
    const knowledge = manifest.contributes.yamlValidation?.filter((entry) => entry.url === './media/entities.schema.json');
    assert.deepEqual(knowledge, [{ fileMatch: '**/.shotlist/entities.yaml', url: './media/entities.schema.json' }]);
  });
});
