// Parses large feed documents in a worker thread, so one huge feed (megabytes of XML take seconds)
// never stalls the polling of the others; small ones, the usual case, are parsed in place. The
// worker's heap is capped and a parse is timed out: a hostile document costs its feed a rejection.
import { Worker } from 'node:worker_threads';
import { parseFeed } from './parse-feed.ts';
import type { ParseResult } from './parse-result.ts';

/** Bodies up to this size parse in place (well under 100 ms). */
export const IN_PLACE_MAX_BYTES = 512 * 1024;
const PARSE_TIMEOUT_MS = 60_000;
const WORKER_HEAP_MB = 512;

interface Pending {
  readonly resolve: (result: ParseResult) => void;
  readonly timer: NodeJS.Timeout;
}

let worker: Promise<Worker> | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/** parseFeed, off the main thread for large bodies; `body` must not be used afterwards. */
export async function parseFeedOffThread(body: Buffer, contentType: string | null): Promise<ParseResult> {
  if (body.length <= IN_PLACE_MAX_BYTES) return parseFeed(body, contentType);
  const thread = await (worker ??= startWorker());
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => failAll(`parsing took longer than ${PARSE_TIMEOUT_MS / 1000} s`), PARSE_TIMEOUT_MS);
    pending.set(id, { resolve, timer });
    thread.ref(); // keep the process alive while a parse is in flight
    // Moved, not copied: the caller is done with the body (above the pool size, it owns its memory).
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    thread.postMessage({ id, body: bytes, contentType }, [bytes.buffer as ArrayBuffer]);
  });
}

/** The worker runs the TypeScript sources through tsx when this module is TypeScript, else the built file. */
function startWorker(): Promise<Worker> {
  const self = import.meta.url;
  const typescript = self.endsWith('.ts');
  const file = new URL(`./parse-feed-worker.${typescript ? 'ts' : 'js'}`, self).href;
  const code = typescript
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`
    : `import(${JSON.stringify(file)})`;
  const thread = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 } });
  return new Promise((resolve, reject) => {
    thread.on('message', (message: { id: number; ready?: boolean; result?: ParseResult }) => {
      if (message.ready === true) {
        thread.unref();
        resolve(thread);
        return;
      }
      const job = pending.get(message.id);
      if (job === undefined || message.result === undefined) return;
      pending.delete(message.id);
      clearTimeout(job.timer);
      if (pending.size === 0) thread.unref();
      job.resolve(message.result);
    });
    thread.once('error', (error: Error) => {
      reject(error);
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      failAll(outOfMemory ? `the document needs more than ${WORKER_HEAP_MB} MB to parse` : `parser failed: ${error.message}`);
    });
  });
}

/** Rejects every parse in flight with `reason` and drops the worker (the next parse starts a new one). */
function failAll(reason: string): void {
  const current = worker;
  worker = null;
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    pending.delete(id);
    job.resolve({ kind: 'rejected', reason });
  }
  void current?.then((thread) => thread.terminate(), () => undefined);
}
