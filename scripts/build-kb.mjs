// Builds the bundled knowledge base, src/core/kb/bundled.yaml, from the researched reference
// ../shared/data/entities-reference.yaml (or the path given as the first argument).
//
//   node scripts/build-kb.mjs [REFERENCE] [--check]
//
// The rule is "never ship a guess as fact":
// * a fact (where, years, mandate, headquarters, description, title, years in post) is kept only when
//   the entry's `checked_in_retrieved_text` lists it AND `uncertain_fields` does not;
// * an official marked `uncertain: true` without `uncertain_fields` is unconfirmed in title, since,
//   until and nationality (the reference's header says so);
// * values that still say "verify" are dropped even when listed as checked;
// * names are identity, not facts: the English name is kept unless listed as uncertain; the French
//   name only when confirmed;
// * `organisation`, `mission`, `nationality` and `note` are not carried over (the first two are never
//   confirmed in the reference, the last two are not in our schema);
// * resolution entries are made only from confirmed `authorizing_resolution` values (Security Council
//   `S/RES/N (YYYY)` citations), with the citing entries' sources;
// * departments (DPO, DPPA, DOS) are identity entries built from the confirmed titles that name them;
//   A4P/A4P+ do not appear in the reference and are left out.
// With --check, exits 1 if the committed file differs from what the reference gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const referencePath = args.find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'data', 'entities-reference.yaml');
const outputPath = join(root, 'src', 'core', 'kb', 'bundled.yaml');

const reference = parse(readFileSync(referencePath, 'utf8'));

/** The reference names the same fact two ways (`start` in lists, `start_year` as a key). */
const canonicalField = { start: 'start_year', end: 'end_year', resolution: 'authorizing_resolution', name: 'name_en' };
const canonical = (field) => canonicalField[field] ?? field;

const stats = { entries: {}, droppedUncertain: 0, droppedUnconfirmed: 0, droppedVerify: 0, droppedByField: {} };
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
function status(raw, officialFields) {
  const checked = new Set((raw.checked_in_retrieved_text ?? []).map(canonical));
  const uncertain = new Set((raw.uncertain_fields ?? []).map(canonical));
  if (raw.uncertain === true && raw.uncertain_fields === undefined && officialFields) {
    for (const field of officialFields) {
      uncertain.add(field);
    }
  }
  return { checked, uncertain };
}

/** Returns the value of a fact field when it is confirmed, else undefined (and counts why). */
function confirmed(raw, state, field) {
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
  const state = status(raw, null);
  const acronym = String(raw.acronym);
  const entry = { id: uniqueId(slug(acronym)), type };
  const names = [];
  const acronyms = [acronym];
  const aliases = [];
  if (raw.name_en && !state.uncertain.has('name_en')) {
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
  entry.sources = (raw.sources ?? []).map(String);
  if (mandate) {
    noteResolutions(mandate, acronym, entry.sources);
  }
  entries.push(entry);
}

function addOfficial(raw) {
  const state = status(raw, ['title', 'since', 'until', 'nationality']);
  const name = String(raw.name);
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
  entry.sources = (raw.sources ?? []).map(String);
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
for (const group of Object.values(reference.officials)) {
  for (const raw of group) {
    officials.push(addOfficial(raw));
  }
}

// Departments: only what a confirmed title says.
// Only DOS is named in a confirmed title; its expansion is not in the reference, so the entry holds the
// acronym and what that title says. DPO and DPPA appear only in unconfirmed titles and are skipped.
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

for (const resolution of [...resolutions.values()].sort((a, b) => a.number - b.number)) {
  entries.push({
    id: uniqueId(`s-res-${resolution.number}`),
    type: 'resolution',
    names: [`Security Council resolution ${resolution.number} (${resolution.year})`],
    acronyms: [`S/RES/${resolution.number} (${resolution.year})`],
    start: resolution.year,
    description: `Security Council resolution cited as the mandate of ${resolution.citedBy.join(', ')}.`,
    sources: resolution.sources,
  });
}

for (const entry of entries) {
  stats.entries[entry.type] = (stats.entries[entry.type] ?? 0) + 1;
}

const header = [
  '# Bundled knowledge base: GENERATED by scripts/build-kb.mjs from ../shared/data/entities-reference.yaml.',
  '# Do not edit by hand; fix the reference and re-run `node scripts/build-kb.mjs`.',
  '# Only facts that the cited sources confirmed are kept; fields the reference flags as uncertain are left out.',
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
console.log(JSON.stringify({ entries: entries.length, byType: stats.entries, droppedUncertain: stats.droppedUncertain, droppedUnconfirmed: stats.droppedUnconfirmed, droppedVerify: stats.droppedVerify, droppedByField: stats.droppedByField, skippedDepartments }, null, 2));
