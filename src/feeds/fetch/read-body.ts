// Reads a response body under a byte cap applied to the bytes on the wire AND to the decoded
// bytes (so a small gzip/br "zip bomb" is stopped mid-way), decoding gzip, deflate and br, and a
// gzip body sent without Content-Encoding (a .xml.gz served as is) under the same cap.
import { Transform, Writable } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gunzip = promisify(zlib.gunzip);

export type BodyResult =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'too-large' }
  | { kind: 'bad-encoding'; reason: string };

/** Raised inside the pipeline to stop it; never escapes readBody. */
class TooLargeError extends Error {}

/**
 * Drains `stream` into one Buffer. Resolves too-large as soon as either count passes `maxBytes`
 * (the stream is destroyed, which closes the connection); resolves bad-encoding for an unknown
 * Content-Encoding or corrupt compressed data. Network errors reject, for the caller to describe.
 */
export async function readBody(stream: Readable, contentEncoding: string | null, maxBytes: number): Promise<BodyResult> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  const decoder = createDecoder(encoding);
  if (decoder === 'unsupported') {
    stream.destroy();
    return { kind: 'bad-encoding', reason: `unsupported Content-Encoding "${contentEncoding}"` };
  }
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  try {
    if (decoder) {
      await pipeline(stream, limitBytes(maxBytes), decoder, limitBytes(maxBytes), collect);
    } else {
      await pipeline(stream, limitBytes(maxBytes), collect);
    }
  } catch (error) {
    if (error instanceof TooLargeError) return { kind: 'too-large' };
    if (isDecompressionError(error)) {
      return { kind: 'bad-encoding', reason: `could not decode the ${encoding} body: ${(error as Error).message}` };
    }
    throw error;
  }
  return inflateUnlabelledGzip(Buffer.concat(chunks), maxBytes);
}

/**
 * A body that is still gzip after any declared Content-Encoding was undone (RFC 1952 magic bytes) is
 * inflated off the main thread, its output counting against `maxBytes` like any other body.
 */
export async function inflateUnlabelledGzip(body: Buffer, maxBytes: number): Promise<BodyResult> {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return { kind: 'ok', body };
  try {
    return { kind: 'ok', body: await gunzip(body, { maxOutputLength: maxBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH }) };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too-large' };
    return { kind: 'bad-encoding', reason: `could not decode the gzip body sent without Content-Encoding: ${(error as Error).message}` };
  }
}

/** zlib reports corrupt data with codes like Z_DATA_ERROR; brotli with ERR__ERROR_FORMAT_…. */
function isDecompressionError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^(Z_|ERR__)/.test(code);
}

function limitBytes(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new TooLargeError());
      else done(null, chunk);
    },
  });
}

function createDecoder(encoding: string): Transform | null | 'unsupported' {
  // Truncated compressed bodies still yield what arrived, as browsers do.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(lenient);
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return 'unsupported';
  }
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110 §8.4.1.2) but some servers send raw deflate;
 * the first two bytes tell them apart (RFC 1950 §2.2: CM = 8 and the header is a multiple of 31).
 */
class DeflateDecoder extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | null = null;
  #head: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let input = chunk;
    let inner = this.#inner;
    if (!inner) {
      this.#head = Buffer.concat([this.#head, chunk]);
      if (this.#head.length < 2) return done();
      input = this.#head;
      inner = this.#start();
    }
    if (inner.write(input)) done();
    else inner.once('drain', () => done());
  }

  override _flush(done: TransformCallback): void {
    let inner = this.#inner;
    if (!inner) {
      inner = this.#start();
      inner.write(this.#head);
    }
    inner.once('end', () => done());
    inner.end();
  }

  override _read(size: number): void {
    this.#inner?.resume();
    super._read(size);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    done(error);
  }

  #start(): zlib.Inflate | zlib.InflateRaw {
    const [b0 = 0, b1 = 0] = this.#head;
    const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
    const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
    const inner = zlibWrapped ? zlib.createInflate(options) : zlib.createInflateRaw(options);
    inner.on('data', (data: Buffer) => {
      if (!this.push(data)) inner.pause();
    });
    inner.on('error', (error: Error) => this.destroy(error));
    this.#inner = inner;
    return inner;
  }
}
