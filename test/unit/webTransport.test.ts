// The core worker's Web Worker transport (src/workers/webTransport.ts) and the worker side it talks to
// (responder.ts), in plain Node with a stand-in for the browser's Worker: the ready handshake, requests
// queued until then, and the difference between a worker that never started (the client becomes
// unavailable, callers fall back) and one that died on a request (that request fails, the next gets a
// new worker). The real Web Worker runs in the web pass (test/web, npm run test:web).
import * as assert from 'node:assert/strict';
import { indexText } from '../../src/core/workspace/entries';
import { CoreWorkerClient } from '../../src/workers/client';
import type { CoreRequest } from '../../src/workers/requests';
import { coreResponder } from '../../src/workers/responder';
import { webCoreWorkerFactory, webWorkerReady } from '../../src/workers/webTransport';

const encoder = new TextEncoder();
const shotList = 'STORY: UN / FICTIONAL WEB DESK\nTRT: 01:00\n\n1. SOUNDBITE (English) Amara Okello, Patrol Commander:\n“The convoy left at dawn.”\n';

type Behaviour = 'answer' | 'fail-at-start' | 'die-on-request';

/** A stand-in Worker: answers with the real responder on a later turn, or fails as told. */
class FakeWorker {
  static behaviour: Behaviour[] = [];
  static started: string[] = [];
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onerror: ((event: { readonly message?: string; preventDefault?(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  readonly #behaviour: Behaviour;
  readonly #respond = coreResponder((message) => this.#later(() => this.onmessage?.({ data: message })));

  constructor(url: string) {
    FakeWorker.started.push(url);
    this.#behaviour = FakeWorker.behaviour.shift() ?? 'answer';
    this.#later(() => (this.#behaviour === 'fail-at-start'
      ? this.onerror?.({ message: 'blocked by policy', preventDefault: () => undefined })
      : this.onmessage?.({ data: webWorkerReady })));
  }

  postMessage(request: CoreRequest): void {
    if (this.#behaviour === 'die-on-request' && request.kind !== 'next') {
      this.#later(() => this.onerror?.({ message: 'out of memory' }));
      return;
    }
    this.#respond(request);
  }

  terminate(): void {
    this.terminated = true;
  }

  #later(action: () => void): void {
    setTimeout(() => {
      if (!this.terminated) {
        action();
      }
    }, 1);
  }
}

suite('core worker: the Web Worker transport', () => {
  const globals = globalThis as unknown as { Worker?: unknown };
  let saved: unknown;

  setup(() => {
    saved = globals.Worker;
    globals.Worker = FakeWorker;
    FakeWorker.behaviour = [];
    FakeWorker.started = [];
  });

  teardown(() => {
    globals.Worker = saved;
  });

  test('requests wait for the ready message, then answer as the core does; the script is read once', async () => {
    let reads = 0;
    const client = new CoreWorkerClient(webCoreWorkerFactory(async () => {
      reads++;
      return encoder.encode('/* the worker script */');
    }));
    try {
      const [first, second] = await Promise.all([client.index(encoder.encode(shotList), 'a.unifeed', false), client.knowledge('version: 1\nentries: []\n', 'k.yaml')]);
      assert.deepEqual(first, { entry: indexText(shotList, 'a.unifeed', { detect: false }), notices: [] });
      assert.deepEqual(second, { entries: [], problems: [] });
      assert.equal(reads, 1);
      assert.equal(FakeWorker.started.length, 1);
      assert.match(FakeWorker.started[0] ?? '', /^blob:/u);
      assert.equal(client.unavailable, undefined);
    } finally {
      client.dispose();
    }
  });

  test('a worker that fails before it is ready makes the client unavailable: no retry, callers fall back', async () => {
    FakeWorker.behaviour = ['fail-at-start'];
    const client = new CoreWorkerClient(webCoreWorkerFactory(async () => encoder.encode('')));
    try {
      const answers = await Promise.all([client.index(encoder.encode(shotList), 'a.unifeed', false), client.index(encoder.encode(shotList), 'b.unifeed', false)]);
      assert.deepEqual(answers, [{ error: 'blocked by policy' }, { error: 'blocked by policy' }]);
      assert.equal(client.unavailable, 'blocked by policy');
      assert.equal(FakeWorker.started.length, 1, 'no second worker');
    } finally {
      client.dispose();
    }
  });

  test('a script that cannot be read makes the client unavailable', async () => {
    const client = new CoreWorkerClient(webCoreWorkerFactory(() => Promise.reject(new Error('FileNotFound'))));
    try {
      const answer = await client.index(encoder.encode(shotList), 'a.unifeed', false);
      assert.ok('error' in answer);
      assert.match(client.unavailable ?? '', /could not be read \(FileNotFound\)/u);
      assert.equal(FakeWorker.started.length, 0);
    } finally {
      client.dispose();
    }
  });

  test('a worker that dies on a request fails that request alone; the next one gets a new worker', async () => {
    FakeWorker.behaviour = ['die-on-request', 'answer'];
    const client = new CoreWorkerClient(webCoreWorkerFactory(async () => encoder.encode('')));
    try {
      const first = client.index(encoder.encode(shotList), 'a.unifeed', false);
      const second = client.index(encoder.encode(shotList), 'b.unifeed', false);
      assert.deepEqual(await first, { error: 'out of memory' });
      assert.deepEqual(await second, { entry: indexText(shotList, 'b.unifeed', { detect: false }), notices: [] });
      assert.equal(client.unavailable, undefined);
      assert.equal(FakeWorker.started.length, 2);
    } finally {
      client.dispose();
    }
  });

  test('where there is no Worker at all, the factory throws and the client is unavailable at once', async () => {
    globals.Worker = undefined;
    const client = new CoreWorkerClient(webCoreWorkerFactory(async () => encoder.encode('')));
    const answer = await client.index(encoder.encode(shotList), 'a.unifeed', false);
    assert.ok('error' in answer);
    assert.match(client.unavailable ?? '', /cannot start a Web Worker/u);
    client.dispose();
  });
});
