// Big and hostile files in a real VS Code: a transcript over `shotlist.index.maxFileSizeMB` is skipped
// with one line in the Output channel and a count in the Soundbites view, while the rest of the
// workspace is indexed (by the core worker); raising the limit indexes it. A knowledge file over its
// limit is one clear problem, unread; one with a thousand mistakes lists 200 and a summary.
// The big files are generated here (nothing of this size is committed) and removed afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ShotlistApi } from '../../src/extension';
import { EXTENSION_ID, fixtureIn, waitFor } from './helpers';

const encoder = new TextEncoder();

/** A synthetic archive of about `megabytes` MB: stories of ten soundbites. Returns the text and its soundbite count. */
function archive(megabytes: number): { text: string; soundbites: number } {
  const out: string[] = [];
  let length = 0;
  let soundbites = 0;
  for (let story = 0; length < megabytes * 1024 * 1024; story++) {
    const block = [`STORY: UN / FICTIONAL GRAIN CONVOY ${story}`, 'DATELINE: 9 JUNE 2026, MALAKAL, SOUTH SUDAN', 'SHOTLIST'];
    for (let n = 1; n <= 10; n++) {
      block.push(`${n}. SOUNDBITE (English) Tamsin Orrell-Ibe, Convoy Lead:`, `“Truck ${story}-${n} crossed the river before the rain, and the grain is dry.”`);
      soundbites++;
    }
    const text = block.join('\n');
    out.push(text);
    length += text.length + 1;
  }
  return { text: out.join('\n'), soundbites };
}

async function setGlobal(section: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('shotlist').update(section, value, vscode.ConfigurationTarget.Global);
}

suite('big and hostile files', () => {
  let shotlist: ShotlistApi;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<ShotlistApi>(EXTENSION_ID);
    assert.ok(extension);
    shotlist = await extension.activate();
  });

  test('a transcript over the size limit is skipped with one Output line and a count; the rest is indexed; a higher limit reads it', async function () {
    this.timeout(120_000);
    const big = fixtureIn('integration', 'oversized-by-test.unifeed');
    const { text, soundbites } = archive(1.5);
    const relative = vscode.workspace.asRelativePath(big);
    try {
      await setGlobal('index.maxFileSizeMB', 1);
      await vscode.workspace.fs.writeFile(big, encoder.encode(text));
      await shotlist.index.rebuild();
      assert.ok(await waitFor(() => shotlist.index.skipped.has(big.toString()), 15_000), 'the big file is skipped');
      assert.equal(shotlist.index.file(big), undefined);
      assert.match(shotlist.index.skipped.get(big.toString()) ?? '', /^1\.5 MB, over the 1 MB limit \(shotlist\.index\.maxFileSizeMB\)$/u);
      const lines = shotlist.log.recent.filter((line) => line.includes(relative));
      assert.deepEqual(lines, [`Not indexed: ${relative} (1.5 MB, over the 1 MB limit (shotlist.index.maxFileSizeMB))`]);
      assert.equal(shotlist.index.stats.skipped, 1);
      assert.ok(shotlist.index.stats.files >= 5, 'the other transcripts are indexed');
      assert.ok(shotlist.index.file(fixtureIn('integration', 'hover.unifeed')), 'a small transcript beside it is indexed');

      // Raising the limit reads it (in the core worker), with every soundbite.
      await setGlobal('index.maxFileSizeMB', 4);
      assert.ok(await waitFor(() => shotlist.index.file(big)?.entry.soundbites.length === soundbites, 30_000), 'the big file indexed under a higher limit');
      assert.equal(shotlist.index.skipped.has(big.toString()), false);
      assert.ok(shotlist.index.stats.longestSliceMs < 50, `longest slice ${shotlist.index.stats.longestSliceMs} ms`);
    } finally {
      await setGlobal('index.maxFileSizeMB', undefined);
      await vscode.workspace.fs.delete(big).then(undefined, () => undefined);
    }
    assert.ok(await waitFor(() => shotlist.index.file(big) === undefined && !shotlist.index.skipped.has(big.toString()), 15_000), 'gone from the index');
  });

  suite('knowledge files', () => {
    const tooBig = (): vscode.Uri => fixtureIn('integration', 'knowledge/too-big-by-test.yaml');
    const noisy = (): vscode.Uri => fixtureIn('integration', 'knowledge/noisy-by-test.yaml');

    teardown(async () => {
      await setGlobal('knowledge.files', undefined);
      for (const uri of [tooBig(), noisy()]) {
        await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      }
      assert.ok(await waitFor(() => vscode.languages.getDiagnostics(tooBig()).length === 0 && vscode.languages.getDiagnostics(noisy()).length === 0, 10_000));
    });

    test('a file over 2 MB is one clear error and is not read', async () => {
      const entry = '  - id: fictional-office\n    type: department\n    names: [Fictional Office]\n';
      await vscode.workspace.fs.writeFile(tooBig(), encoder.encode(`entries:\n${entry.repeat(Math.ceil((2.2 * 1024 * 1024) / entry.length))}`));
      await setGlobal('knowledge.files', ['integration/knowledge/too-big-by-test.yaml']);
      assert.ok(await waitFor(() => vscode.languages.getDiagnostics(tooBig()).length > 0, 15_000), 'a problem on the big file');
      const problems = vscode.languages.getDiagnostics(tooBig());
      assert.deepEqual(problems.map((problem) => [problem.code, problem.severity, problem.range.start.line]), [['too-large', vscode.DiagnosticSeverity.Error, 0]]);
      assert.match(problems[0]?.message ?? '', /^This knowledge file is 2253 KB, over the 2048 KB limit: it was not read\./u);
      assert.equal(shotlist.knowledge.current().byId.has('fictional-office'), false);
      assert.ok(shotlist.log.recent.some((line) => line.startsWith('Knowledge file not read: integration/knowledge/too-big-by-test.yaml')));
    });

    test('a thousand mistakes: 200 listed and one summary, the entries still read', async () => {
      const entries = Array.from({ length: 1000 }, (_, n) => `  - id: fictional-${n}\n    type: department\n    names: [Fictional Unit ${n}]\n    colour: blue\n`);
      await vscode.workspace.fs.writeFile(noisy(), encoder.encode(`entries:\n${entries.join('')}`));
      await setGlobal('knowledge.files', ['integration/knowledge/noisy-by-test.yaml']);
      assert.ok(await waitFor(() => vscode.languages.getDiagnostics(noisy()).length > 0, 15_000), 'problems on the noisy file');
      const problems = vscode.languages.getDiagnostics(noisy());
      assert.equal(problems.length, 201);
      assert.ok(problems.slice(0, 200).every((problem) => problem.code === 'unknown-field'));
      assert.equal(problems[200]?.code, 'more-problems');
      assert.equal(problems[200]?.message, '…and 800 more problems in this file (only the first 200 are listed).');
      assert.ok(await waitFor(() => shotlist.knowledge.current().byId.has('fictional-999'), 5_000), 'the entries are read');
    });
  });
});
