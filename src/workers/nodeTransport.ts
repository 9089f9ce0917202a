// The core worker as a Node worker thread (desktop VS Code). Its heap is bounded so that a file that
// needs more memory than any transcript should kills the worker, not the extension host.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CoreWorkerTransportFactory } from './client';

/** The worker's old-generation heap limit in MB: a 100 MB archive parses in well under this. */
const workerHeapLimitMb = 2048;

/** Starts `script` (dist/coreWorker.js) on demand; throws when it is missing, so callers fall back. */
export function nodeCoreWorkerFactory(script: string): CoreWorkerTransportFactory {
  return (events) => {
    if (!existsSync(script)) {
      throw new Error(`missing ${script}`);
    }
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: workerHeapLimitMb } });
    // The worker never keeps a process alive (the CLI's tests, a host shutting down).
    worker.unref();
    let stopped = false;
    const stop = (reason: string): void => {
      if (!stopped) {
        stopped = true;
        events.onFailure(reason);
      }
    };
    worker.on('message', (message) => {
      if (!stopped) {
        events.onMessage(message);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : error.message));
    worker.on('exit', (code) => stop(`worker stopped (exit code ${code})`));
    return {
      post: (request, transfer) => worker.postMessage(request, transfer as ArrayBuffer[] | undefined),
      terminate: () => {
        stopped = true;
        void worker.terminate();
      },
    };
  };
}
