// The body of the parser's worker thread (see parse-feed-off-thread.ts): parses each document it is
// sent and answers with the result, so a large feed never holds the main thread's event loop.
import { parentPort } from 'node:worker_threads';
import { parseFeed } from './parse-feed.ts';

interface ParseJob {
  readonly id: number;
  readonly body: Uint8Array;
  readonly contentType: string | null;
}

const port = parentPort;
if (port === null) throw new Error('feeds/parse-feed-worker: must run in a worker thread');
port.on('message', (job: ParseJob) => {
  void parseFeed(Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength), job.contentType).then((result) => port.postMessage({ id: job.id, result }));
});
port.postMessage({ id: 0, ready: true });
