// `notes` and `selects` on the command line: annotations found again in the file as it is now, the
// sidecar never written, its problems named with line and column, the selects sheet in package order.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { AnnotationText } from '../../../src/core/annotations/placement';
import { updateSidecar, type SidecarChange } from '../../../src/core/annotations/sidecar';
import { parseTranscript } from '../../../src/core/parse';

const fixture = readFileSync(join(__dirname, '..', '..', 'fixtures', 'integration', 'annotations', 'ferry.unifeed'), 'utf8');
const coordinator = 'For the first time in two years, the morning ferry left on time and every seat was taken.';
const pilot = 'We check the channel every dawn. If the buoys drift, nobody sails.';

function run(...argv: string[]): { code: number; out: string; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err };
}

suite('CLI notes and selects', () => {
  let folder = '';
  let transcript = '';
  let sidecarText = '';

  suiteSetup(() => {
    folder = mkdtempSync(join(tmpdir(), 'shotlist-notes-'));
    transcript = join(folder, 'ferry.unifeed');
    const placement = new AnnotationText(fixture, parseTranscript(fixture));
    const changes: SidecarChange[] = [];
    const mark = (words: string, id: string, fields: { status?: 'selected' | 'maybe'; note?: string; tags?: string[]; order?: number }): void => {
      const start = fixture.indexOf(words);
      const captured = placement.capture(start, start + words.length);
      assert.ok(captured.ok);
      changes.push({ kind: 'add', annotation: { id, anchor: captured.anchor, ...fields } });
    };
    mark(coordinator, 'c0ffee000001', { status: 'selected', note: 'Opener.', tags: ['ferry'], order: 2 });
    mark(pilot, 'c0ffee000002', { status: 'selected', order: 1 });
    mark('The pilot said the channel is checked every dawn.', 'c0ffee000003', { status: 'maybe' });
    const written = updateSidecar(null, changes);
    assert.ok(written.text !== null);
    sidecarText = written.text;
    // The file changed since: two lines above, and the pilot's paraphrase in the story cut.
    writeFileSync(transcript, `SLUG: FERRY\n\n${fixture.replace('The pilot said the channel is checked every dawn.\n', '')}`);
    writeFileSync(`${transcript}.notes.yaml`, sidecarText);
  });

  suiteTeardown(() => rmSync(folder, { recursive: true, force: true }));

  test('notes --json: each annotation at its line now, the gone one orphaned; nothing written', () => {
    const { code, out } = run('notes', transcript, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(out) as { annotations: { id: string; line: number; text: string; status: string; tags: string[]; note: string | null; orphaned?: true }[] };
    const byId = new Map(report.annotations.map((note) => [note.id, note]));
    assert.equal(byId.get('c0ffee000001')?.line, 11);
    assert.equal(byId.get('c0ffee000001')?.text, coordinator);
    assert.deepEqual(byId.get('c0ffee000001')?.tags, ['ferry']);
    assert.equal(byId.get('c0ffee000002')?.line, 14);
    assert.equal(byId.get('c0ffee000003')?.orphaned, true);
    assert.equal(byId.get('c0ffee000003')?.text, 'The pilot said the channel is checked every dawn.');
    assert.equal(readFileSync(`${transcript}.notes.yaml`, 'utf8'), sidecarText, 'the sidecar is never written');
  });

  test('notes as text names the orphaned one; a broken sidecar is reported at its line and column', () => {
    const { out } = run('notes', folder);
    assert.match(out, /3 annotations/u);
    assert.match(out, /c0ffee000003 {2}maybe \(orphaned: its words are gone\)/u);
    writeFileSync(`${transcript}.notes.yaml`, `${sidecarText}  - id: [\n`);
    const broken = run('notes', transcript);
    assert.ok(broken.err.some((line) => /ferry\.unifeed\.notes\.yaml:\d+:\d+: YAML error/u.test(line)), broken.err.join('\n'));
    writeFileSync(`${transcript}.notes.yaml`, sidecarText);
  });

  test('selects: the package order, read times and attribution, in CSV', () => {
    const { code, out } = run('selects', transcript, '--format', 'csv', '--target', '0:15');
    assert.equal(code, 0);
    const rows = out.split('\r\n');
    assert.equal(rows.length, 3, out);
    assert.ok(rows[1]?.startsWith(`1,4,0:04,"${pilot}",Tomas Vellacourt,Harbour Pilot,`), rows[1]);
    assert.ok(rows[2]?.startsWith(`2,6,0:10,"${coordinator}",Mireille Okonkwo-Laar,`), rows[2]);
    assert.ok(rows[2]?.includes(',Opener.,ferry,'), rows[2]);
    const text = run('selects', transcript, '--target', '0:15');
    assert.match(text.out, /^Total 0:10 of 0:15\n/u);
    assert.equal(run('selects', transcript, '--target', 'soon').code, 1);
  });
});
