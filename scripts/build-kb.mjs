// Builds the bundled knowledge base, src/core/kb/bundled.yaml, from two inputs:
// * the researched reference ../shared/data/entities-reference.yaml (or the path given as the first
//   argument), whose own rules decide which of its facts are confirmed;
// * our verification record scripts/kb-verified.yaml: facts we checked against pages we read, each with
//   its sources. A fact there counts as confirmed (it wins over the reference's value and flags), and its
//   sources are added to the entry's sources. It can also create entries the reference lacks (DPO,
//   DPPA, A4P, A4P+, resolution 2719...), of the types the model has.
//
//   node scripts/build-kb.mjs [REFERENCE] [--check]
//
// The rule is "never ship a guess as fact":
// * a reference fact (where, years, mandate, headquarters, description, title, years in post) is kept
//   only when the entry's `checked_in_retrieved_text` lists it AND `uncertain_fields` does not, unless
//   kb-verified.yaml confirms it;
// * an official marked `uncertain: true` without `uncertain_fields` is unconfirmed in title, since,
//   until and nationality (the reference's header says so);
// * values that still say "verify" are dropped even when listed as checked;
// * names are identity, not facts: the English name is kept unless listed as uncertain; the French
//   name only when confirmed;
// * `organisation`, `mission`, `nationality` and `note` are not carried over (the first two are never
//   confirmed in the reference, the last two are not in our schema);
// * resolution entries are made from confirmed `authorizing_resolution` values (Security Council
//   `S/RES/N (YYYY)` citations), with the citing entries' sources, and from kb-verified.yaml;
// * departments: DOS is first built from the confirmed title that names it; kb-verified.yaml adds the
//   departments' names, years and descriptions;
// * `end_date` (kb-verified.yaml only) is the exact closing date, shipped as `endDate`; its year must
//   agree with the end year when both are confirmed, and gives the end year when only it is.
// kb-verified.yaml is checked strictly: an unknown entity or field, a fact without an http(s) source,
// a malformed date or a duplicate field stops the build with a message naming the entity and field.
// With --check, exits 1 if the committed file differs from what the inputs give.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const referencePath = args.find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'data', 'entities-reference.yaml');
const outputPath = join(root, 'src', 'core', 'kb', 'bundled.yaml');
const verifiedPath = join(root, 'scripts', 'kb-verified.yaml');

const reference = parse(readFileSync(referencePath, 'utf8'));
const verified = readVerified(readFileSync(verifiedPath, 'utf8'));

/** The reference names the same fact two ways (`start` in lists, `start_year` as a key). */
const canonicalField = { start: 'start_year', end: 'end_year', resolution: 'authorizing_resolution', name: 'name_en' };
const canonical = (field) => canonicalField[field] ?? field;

const stats = { entries: {}, droppedUncertain: 0, droppedUnconfirmed: 0, droppedVerify: 0, droppedByField: {}, verifiedFacts: 0, verifiedOverrides: [], verifiedNewEntries: 0 };
const entries = [];
const ids = new Set();

function slug(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9+]+/g, '-').replace(/\+/g, '-plus').replace(/^-+|-+$/g, '');
}

function uniqueId(base) {
  let id = base;
  for (let n = 2; ids.has(id); n++) {
    id = `${base}-${n}`;
  }
  ids.add(id);
  return id;
}

function year(value) {
  if (typeof value === 'number') {
    return value;
  }
  if (value === 'active') {
    return 'active';
  }
  const match = /^(\d{4})\b/.exec(String(value));
  return match ? Number(match[1]) : undefined;
}

/** The confirmation state of one reference entry. */
function status(raw, officialFields, verifiedEntity) {
  const checked = new Set((raw.checked_in_retrieved_text ?? []).map(canonical));
  const uncertain = new Set((raw.uncertain_fields ?? []).map(canonical));
  if (raw.uncertain === true && raw.uncertain_fields === undefined && officialFields) {
    for (const field of officialFields) {
      uncertain.add(field);
    }
  }
  return { checked, uncertain, verified: verifiedEntity, key: verifiedEntity?.entity };
}

/** Returns the value of a fact field when it is confirmed, else undefined (and counts why). */
function confirmed(raw, state, field) {
  const checkedHere = state.verified?.take(field);
  if (checkedHere !== undefined) {
    if (raw[field] !== undefined && raw[field] !== null && String(raw[field]) !== String(checkedHere)) {
      stats.verifiedOverrides.push(`${state.key}.${field}`);
    }
    return checkedHere;
  }
  const value = raw[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  const why = state.uncertain.has(field) ? 'droppedUncertain' : !state.checked.has(field) ? 'droppedUnconfirmed' : /verify/i.test(String(value)) ? 'droppedVerify' : null;
  if (why !== null) {
    stats[why]++;
    stats.droppedByField[`${field} (${why.slice(7).toLowerCase()})`] = (stats.droppedByField[`${field} (${why.slice(7).toLowerCase()})`] ?? 0) + 1;
    return undefined;
  }
  return value;
}

const feminine = new Set(['mission', 'force', 'opération', 'administration', 'autorité', 'organisation', 'commission']);
const masculine = new Set(['groupe', 'bureau', 'organisme', 'bureaux']);

/** French article forms (`la MONUSCO`, `l’ONUST`) from the gender of the confirmed French name. */
function articleForms(acronym, frenchName) {
  const first = frenchName.split(/[\s']/)[0]?.toLowerCase() ?? '';
  if (/^[AEIOUY]/.test(acronym)) {
    return [`l’${acronym}`];
  }
  if (feminine.has(first)) {
    return [`la ${acronym}`];
  }
  if (masculine.has(first)) {
    return [`le ${acronym}`];
  }
  return [];
}

const resolutions = new Map();

function noteResolutions(mandate, citedBy, sources) {
  for (const match of String(mandate).matchAll(/S\/RES\/(\d+)\s*\((\d{4})\)/g)) {
    const number = Number(match[1]);
    const entry = resolutions.get(number) ?? { number, year: Number(match[2]), citedBy: [], sources: [] };
    entry.citedBy.push(citedBy);
    for (const source of sources) {
      if (!entry.sources.includes(source)) {
        entry.sources.push(source);
      }
    }
    resolutions.set(number, entry);
  }
}

function addMission(raw, type) {
  const acronym = String(raw.acronym);
  const state = status(raw, null, verified.claim(acronym, null));
  const entry = { id: uniqueId(slug(acronym)), type };
  const names = [];
  const acronyms = [acronym];
  const aliases = [];
  const checkedName = state.verified?.take('name_en');
  if (checkedName !== undefined) {
    names.push(String(checkedName));
  } else if (raw.name_en && !state.uncertain.has('name_en')) {
    names.push(String(raw.name_en));
  } else if (raw.name_en) {
    stats.droppedUncertain++;
    stats.droppedByField['name_en (uncertain)'] = (stats.droppedByField['name_en (uncertain)'] ?? 0) + 1;
  }
  const french = confirmed(raw, state, 'name_fr');
  if (french) {
    const match = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(String(french));
    const frenchName = match ? match[1] : String(french);
    if (!names.includes(frenchName)) {
      aliases.push(frenchName);
    }
    // A trailing parenthesis holding capitals is the French acronym (FINUL); other parentheses are part of the name.
    const frenchAcronym = match && /^[A-Z][A-Z0-9 ]+$/.test(match[2]) ? match[2] : null;
    if (frenchAcronym && frenchAcronym !== acronym) {
      acronyms.push(frenchAcronym);
    } else if (match && !frenchAcronym) {
      aliases[aliases.length - 1] = String(french);
    }
    aliases.push(...articleForms(frenchAcronym ?? acronym, frenchName));
  }
  aliases.push(...(state.verified?.takeAll('alias') ?? []));
  if (names.length > 0) {
    entry.names = names;
  }
  entry.acronyms = acronyms;
  if (aliases.length > 0) {
    entry.aliases = aliases;
  }
  const location = confirmed(raw, state, 'location');
  if (location) {
    entry.region = String(location);
  }
  const start = confirmed(raw, state, 'start_year');
  if (start !== undefined && year(start) !== undefined) {
    entry.start = year(start);
  }
  const end = confirmed(raw, state, 'end_year');
  if (end !== undefined && year(end) !== undefined) {
    entry.end = year(end);
  }
  addEndDate(entry, state);
  const mandate = confirmed(raw, state, 'authorizing_resolution');
  if (mandate) {
    entry.mandate = String(mandate);
  }
  const headquarters = confirmed(raw, state, 'headquarters');
  if (headquarters) {
    entry.headquarters = String(headquarters);
  }
  const description = confirmed(raw, state, 'description');
  if (description) {
    entry.description = String(description);
  }
  entry.sources = withSources((raw.sources ?? []).map(String), state.verified);
  if (mandate) {
    noteResolutions(mandate, acronym, entry.sources);
  }
  state.verified?.done();
  entries.push(entry);
}

/** `endDate` from a verified `end_date`; its year must agree with the confirmed end year, or gives it. */
function addEndDate(entry, state) {
  const date = state.verified?.take('end_date');
  if (date === undefined) {
    return;
  }
  const dateYear = Number(String(date).slice(0, 4));
  if (entry.end === undefined) {
    entry.end = dateYear;
  } else if (entry.end !== dateYear) {
    throw new Error(`${verifiedPath}: ${state.key}: end_date ${date} disagrees with the confirmed end year ${entry.end}`);
  }
  entry.endDate = String(date);
}

/** The entry's sources followed by the verified facts' sources, without duplicates. */
function withSources(sources, verifiedEntity) {
  const all = [...sources];
  for (const source of verifiedEntity?.sources() ?? []) {
    if (!all.includes(source)) {
      all.push(source);
    }
  }
  return all;
}

function addOfficial(raw, group) {
  const name = String(raw.name);
  const state = status(raw, ['title', 'since', 'until', 'nationality'], verified.claim(name, group));
  const entry = { id: uniqueId(slug(name)), type: 'official', names: [name] };
  const title = confirmed(raw, state, 'title');
  if (title) {
    entry.title = String(title);
  }
  for (const field of ['organisation', 'mission']) {
    if (raw[field] !== undefined) {
      confirmed(raw, state, field);
    }
  }
  const since = confirmed(raw, state, 'since');
  if (since !== undefined && year(since) !== undefined) {
    entry.since = year(since);
  }
  const until = confirmed(raw, state, 'until');
  if (until !== undefined && year(until) !== undefined) {
    entry.until = year(until);
  }
  const aliases = state.verified?.takeAll('alias') ?? [];
  if (aliases.length > 0) {
    entry.aliases = aliases;
  }
  entry.sources = withSources((raw.sources ?? []).map(String), state.verified);
  state.verified?.done();
  entries.push(entry);
  return { raw, title: entry.title };
}

for (const raw of reference.peacekeeping_operations) {
  addMission(raw, 'peacekeeping-operation');
}
for (const raw of reference.special_political_missions) {
  addMission(raw, 'political-mission');
}
const officials = [];
for (const [group, list] of Object.entries(reference.officials)) {
  for (const raw of list) {
    officials.push(addOfficial(raw, group));
  }
}

// Departments: DOS is named in a confirmed title (Atul Khare's); kb-verified.yaml adds its name and the
// other departments. DPO and DPPA appear only in unconfirmed reference titles.
const departments = [
  {
    id: 'dos',
    acronym: 'DOS',
    pattern: /\bfor Field Support \(DFS\), then for Operational Support \(DOS\) from (\d{4})/,
    description: (since) => `Department headed by the Under-Secretary-General for Operational Support since ${since}; before that, Field Support (DFS).`,
  },
  { id: 'dpo', acronym: 'DPO', pattern: /\bfor Peace Operations \(DPO\b/, description: () => undefined },
  { id: 'dppa', acronym: 'DPPA', pattern: /\bfor Political and Peacebuilding Affairs \(DPPA\b/, description: () => undefined },
];
const skippedDepartments = [];
for (const department of departments) {
  const citing = officials.find((o) => o.title && department.pattern.test(o.title));
  if (!citing) {
    skippedDepartments.push(department.acronym);
    continue;
  }
  const since = department.pattern.exec(citing.title)?.[1];
  const entry = { id: uniqueId(department.id), type: 'department', acronyms: [department.acronym] };
  if (since) {
    entry.start = Number(since);
  }
  const description = department.description(since);
  if (description) {
    entry.description = description;
  }
  entry.sources = (citing.raw.sources ?? []).map(String);
  entries.push(entry);
}

// kb-verified.yaml entities that the reference does not hold: facts for derived entries (DOS,
// resolutions cited as mandates) and new entries.
const resolutionSymbol = /^S\/RES\/(\d+) \((\d{4})\)$/;
for (const item of verified.unclaimed()) {
  const symbol = resolutionSymbol.exec(item.entity);
  if (symbol) {
    const number = Number(symbol[1]);
    const known = resolutions.get(number);
    if (!known && !item.new) {
      throw new Error(`${verifiedPath}: ${item.entity} is not cited by any entry; give it \`new: {id, type: resolution}\``);
    }
    if (item.new && (item.new.type !== 'resolution' || item.new.id !== `s-res-${number}`)) {
      throw new Error(`${verifiedPath}: ${item.entity}: a resolution's new entry is {id: s-res-${number}, type: resolution}`);
    }
    const handle = verified.claim(item.entity, undefined);
    const adopted = handle.take('start_year');
    if (adopted !== undefined && adopted !== Number(symbol[2])) {
      throw new Error(`${verifiedPath}: ${item.entity}: start_year ${adopted} disagrees with the symbol's year`);
    }
    const entry = known ?? { number, year: Number(symbol[2]), citedBy: [], sources: [] };
    entry.description = handle.take('description');
    entry.aliases = handle.takeAll('alias');
    entry.sources = withSources(entry.sources, handle);
    handle.done();
    resolutions.set(number, entry);
    continue;
  }
  const handle = verified.claim(item.entity, item.group);
  let entry = entries.find((e) => e.acronyms?.includes(item.entity) || e.names?.includes(item.entity));
  if (entry === undefined) {
    if (!item.new) {
      throw new Error(`${verifiedPath}: unknown entity "${item.entity}" (not in the reference); give it \`new: {id, type}\``);
    }
    entry = { id: uniqueId(item.new.id), type: item.new.type, sources: [] };
    if (entry.id !== item.new.id) {
      throw new Error(`${verifiedPath}: ${item.entity}: the id "${item.new.id}" is already used`);
    }
    if (item.new.type === 'official') {
      entry.names = [item.entity];
    } else {
      entry.acronyms = [item.entity];
    }
    entries.push(entry);
    stats.verifiedNewEntries++;
  } else if (item.new) {
    throw new Error(`${verifiedPath}: ${item.entity} already exists as ${entry.id}; drop its \`new\``);
  }
  applyVerified(entry, handle);
}

/** Merges one verified entity's facts into an entry the reference did not give them to. */
function applyVerified(entry, handle) {
  const name = handle.take('name_en');
  if (name !== undefined) {
    entry.names = [String(name), ...(entry.names ?? []).filter((n) => n !== name)];
  }
  const aliases = [...(entry.aliases ?? [])];
  const french = handle.take('name_fr');
  if (french !== undefined) {
    aliases.push(String(french));
  }
  aliases.push(...handle.takeAll('alias'));
  if (aliases.length > 0) {
    entry.aliases = aliases;
  }
  const fields = { location: 'region', headquarters: 'headquarters', authorizing_resolution: 'mandate', description: 'description', title: 'title' };
  for (const [field, key] of Object.entries(fields)) {
    const value = handle.take(field);
    if (value !== undefined) {
      entry[key] = String(value);
    }
  }
  for (const [field, key] of Object.entries({ start_year: 'start', end_year: 'end', since: 'since', until: 'until' })) {
    const value = handle.take(field);
    if (value !== undefined) {
      entry[key] = year(value);
    }
  }
  addEndDate(entry, { verified: handle, key: handle.entity });
  entry.sources = withSources(entry.sources ?? [], handle);
  handle.done();
}

for (const resolution of [...resolutions.values()].sort((a, b) => a.number - b.number)) {
  const entry = {
    id: uniqueId(`s-res-${resolution.number}`),
    type: 'resolution',
    names: [`Security Council resolution ${resolution.number} (${resolution.year})`],
    acronyms: [`S/RES/${resolution.number} (${resolution.year})`],
  };
  if (resolution.aliases?.length > 0) {
    entry.aliases = resolution.aliases;
  }
  entry.start = resolution.year;
  entry.description = resolution.description ?? `Security Council resolution cited as the mandate of ${resolution.citedBy.join(', ')}.`;
  entry.sources = resolution.sources;
  entries.push(entry);
}

// One key order for every entry (the loader's documented order), whatever built it.
const keyOrder = ['id', 'type', 'names', 'acronyms', 'aliases', 'country', 'region', 'start', 'end', 'endDate', 'mandate', 'headquarters', 'description', 'title', 'organisation', 'since', 'until', 'sources'];
entries.forEach((entry, i) => {
  const unknown = Object.keys(entry).filter((key) => !keyOrder.includes(key));
  if (unknown.length > 0) {
    throw new Error(`internal: ${entry.id} has fields outside the schema: ${unknown.join(', ')}`);
  }
  entries[i] = Object.fromEntries(keyOrder.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
});

for (const entry of entries) {
  stats.entries[entry.type] = (stats.entries[entry.type] ?? 0) + 1;
}

const header = [
  '# Bundled knowledge base: GENERATED by scripts/build-kb.mjs from ../shared/data/entities-reference.yaml',
  '# and scripts/kb-verified.yaml. Do not edit by hand; fix an input and re-run `node scripts/build-kb.mjs`.',
  '# Only facts that the cited sources confirmed are kept; fields the reference flags as uncertain are left out',
  '# unless kb-verified.yaml confirms them.',
  '',
].join('\n');
const output = header + stringify({ version: 1, entries }, { lineWidth: 0 });

if (check) {
  const current = readFileSync(outputPath, 'utf8');
  if (current !== output) {
    console.error(`${outputPath} is out of date: run node scripts/build-kb.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(outputPath, output);
}
console.log(
  JSON.stringify(
    {
      entries: entries.length,
      byType: stats.entries,
      droppedUncertain: stats.droppedUncertain,
      droppedUnconfirmed: stats.droppedUnconfirmed,
      droppedVerify: stats.droppedVerify,
      droppedByField: stats.droppedByField,
      skippedDepartments,
      verified: { entities: verified.count, facts: verified.factCount, newEntries: stats.verifiedNewEntries, overridesOfReferenceValues: stats.verifiedOverrides },
    },
    null,
    2,
  ),
);

/**
 * Reads kb-verified.yaml strictly and returns a ledger: `claim(entity, group)` hands out one entity's
 * facts (`take`, `takeAll`, `sources`, `done`), and `unclaimed()` lists the entities no reference entry
 * claimed. `done()` fails on a fact that the entry could not use, so nothing listed is silently lost.
 */
function readVerified(text) {
  const where = (item, fact) => `${verifiedPath}: ${item?.entity ?? '?'}${fact ? `.${fact.field ?? '?'}` : ''}`;
  const data = parse(text);
  if (data === null || typeof data !== 'object' || !Array.isArray(data.entities)) {
    throw new Error(`${verifiedPath}: expected a mapping with an \`entities\` list`);
  }
  const fields = new Set(['name_en', 'name_fr', 'location', 'start_year', 'end_year', 'end_date', 'authorizing_resolution', 'headquarters', 'description', 'title', 'since', 'until', 'alias']);
  const types = new Set(['department', 'initiative', 'resolution', 'official', 'peacekeeping-operation', 'political-mission']);
  const items = [];
  let factCount = 0;
  for (const raw of data.entities) {
    const item = { entity: raw?.entity, group: raw?.group, new: raw?.new, facts: new Map(), claimed: false };
    const unknownKeys = Object.keys(raw ?? {}).filter((key) => !['entity', 'group', 'new', 'facts'].includes(key));
    if (typeof item.entity !== 'string' || item.entity.trim() === '' || unknownKeys.length > 0 || !Array.isArray(raw.facts) || raw.facts.length === 0) {
      throw new Error(`${where(item)}: each item has a text \`entity\`, optional \`group\` and \`new\`, and a non-empty \`facts\` list${unknownKeys.length ? ` (unknown: ${unknownKeys.join(', ')})` : ''}`);
    }
    if (item.new !== undefined && (typeof item.new?.id !== 'string' || !types.has(item.new?.type))) {
      throw new Error(`${where(item)}: \`new\` is {id, type} with type one of ${[...types].join(', ')}`);
    }
    for (const fact of raw.facts) {
      const extra = Object.keys(fact ?? {}).filter((key) => !['field', 'value', 'sources', 'note'].includes(key));
      if (!fields.has(fact?.field) || extra.length > 0) {
        throw new Error(`${where(item, fact)}: unknown field or key (fields: ${[...fields].join(', ')}; keys: field, value, sources, note)`);
      }
      const value = fact.value;
      if (value === undefined || value === null || (typeof value === 'string' && (value.trim() === '' || /verify/i.test(value)))) {
        throw new Error(`${where(item, fact)}: a fact needs a value (and no "verify")`);
      }
      if (!Array.isArray(fact.sources) || fact.sources.length === 0 || !fact.sources.every((u) => typeof u === 'string' && /^https?:\/\/\S+$/.test(u))) {
        throw new Error(`${where(item, fact)}: a fact needs one or more http(s) sources`);
      }
      if (fact.field === 'end_date' && !isIsoDate(value)) {
        throw new Error(`${where(item, fact)}: end_date must be a calendar date written YYYY-MM-DD, quoted`);
      }
      if (['start_year', 'since'].includes(fact.field) && !Number.isInteger(value)) {
        throw new Error(`${where(item, fact)}: must be a year`);
      }
      if (['end_year', 'until'].includes(fact.field) && !Number.isInteger(value) && value !== 'active') {
        throw new Error(`${where(item, fact)}: must be a year or "active"`);
      }
      const list = item.facts.get(fact.field) ?? [];
      if (list.length > 0 && fact.field !== 'alias') {
        throw new Error(`${where(item, fact)}: the field is given twice`);
      }
      list.push({ value, sources: fact.sources });
      item.facts.set(fact.field, list);
      factCount++;
    }
    if (items.some((other) => other.entity === item.entity && other.group === item.group)) {
      throw new Error(`${where(item)}: the entity is listed twice`);
    }
    items.push(item);
  }
  const used = new Set();
  return {
    count: items.length,
    factCount,
    claim(entity, group) {
      const matches = items.filter((item) => item.entity === entity && (item.group === undefined || item.group === group));
      const item = matches[0];
      if (item === undefined) {
        return undefined;
      }
      if (item.claimed) {
        throw new Error(`${where(item)}: matches two reference entries; add \`group\``);
      }
      item.claimed = true;
      const taken = new Set();
      return {
        entity,
        take(field) {
          taken.add(field);
          const value = item.facts.get(field)?.[0]?.value;
          if (value !== undefined) {
            stats.verifiedFacts++;
          }
          return value;
        },
        takeAll(field) {
          taken.add(field);
          const values = (item.facts.get(field) ?? []).map((f) => String(f.value));
          stats.verifiedFacts += values.length;
          return values;
        },
        sources() {
          return [...item.facts.values()].flat().flatMap((f) => f.sources.map(String));
        },
        done() {
          const unused = [...item.facts.keys()].filter((field) => !taken.has(field));
          if (unused.length > 0) {
            throw new Error(`${where(item)}: ${unused.join(', ')} cannot be used for this entry`);
          }
          used.add(item);
        },
      };
    },
    unclaimed() {
      return items.filter((item) => !item.claimed);
    },
  };
}

function isIsoDate(value) {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) {
    return false;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}
