/**
 * Reading an answer's body with a ceiling. Without one, a server that never stops sending (or
 * promises 10 GB in Content-Length) grows one lookup until the machine runs out of memory.
 */
import { createRequire } from 'node:module';
import { UsageError } from '../errors.js';
import type { Env } from '../lib/env.js';
import { NetworkError } from './network-errors.js';

/**
 * A user in 50,000 rooms is about 6 MiB of JSON; 32 MiB leaves five times that. Reading up to the
 * limit holds the bytes read (plus what Node allocates around them: about 1.5x on Node 24), so a
 * larger default would take one lookup well past 100 MiB against a server that never stops.
 */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

const MIB = 1024 * 1024;
const MAX_MIB = 500;

/** RCUSER_MAX_RESPONSE_MB (MiB, whole or fractional), else the default. A bad value is a usage error. */
export function maxBodyBytes(env: Env): number {
  const raw = env.RCUSER_MAX_RESPONSE_MB;
  if (raw === undefined || raw === '') return DEFAULT_MAX_BODY_BYTES;
  const n = Number(raw);
  // Past 512 MiB V8 cannot hold the text as one string anyway ("Cannot create a string longer than …").
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_MIB) {
    throw new UsageError(
      `RCUSER_MAX_RESPONSE_MB takes a size in MiB above 0 and up to ${MAX_MIB}, not "${raw}"`,
      `the default is ${DEFAULT_MAX_BODY_BYTES / MIB}`,
    );
  }
  return Math.max(1, Math.floor(n * MIB));
}

export function formatSize(bytes: number): string {
  return bytes >= MIB
    ? `${+(bytes / MIB).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${+(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} bytes`;
}

/** The answer is over the ceiling: exit 1, and never retried (it would be as large again). */
export class ResponseTooLargeError extends NetworkError {
  constructor(server: string, what: string, limit: number) {
    super(
      `the answer of ${server} to ${what} is larger than ${formatSize(limit)}`,
      'if a user really has that much data, raise the limit with RCUSER_MAX_RESPONSE_MB=<MiB>',
      'ERESPONSETOOLARGE',
    );
  }
}

/** A compressed answer rcuser did not ask for and cannot decode. */
export class CompressedAnswerError extends NetworkError {
  constructor(server: string, what: string, encoding: string, cause?: unknown) {
    super(
      `${server} sent a compressed answer to ${what} (Content-Encoding: ${encoding}) that could not be decoded`,
      'check a proxy in between: rcuser does not ask for compression',
      'ECOMPRESSED',
      cause,
    );
  }
}

interface Body {
  destroy(err?: Error): unknown;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', fn: () => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
}

/** Drop the connection; the stream's own "aborted" error is expected and has nowhere to go. */
function discard(body: Body): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Content-Length, when the server gave exactly one sane value. */
function declaredLength(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (v === undefined || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v);
}

/**
 * The body as text, never more than `limit` bytes (on the wire and after decoding). Content-Length
 * is checked before a byte is read; otherwise reading stops at the limit and the connection is
 * dropped. An unasked Content-Encoding (gzip, deflate, br) is decoded, within the same limit.
 */
export function readBody(
  body: Body,
  headers: Record<string, string | string[] | undefined>,
  limit: number,
  tooLarge: () => Error,
  undecodable: (encoding: string, cause?: unknown) => Error,
): Promise<string> {
  const length = declaredLength(headers['content-length']);
  if (length !== undefined && length > limit) {
    discard(body);
    return Promise.reject(tooLarge());
  }
  const encoding = String(headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const compressed = encoding !== '' && encoding !== 'identity';
  // Stream events rather than `for await`: the async iterator (and the end-of-stream watcher behind
  // it) cost a batch ~4% of its CPU time, one per user. The first of end/error/close settles it.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Only for a sizeable answer: a small one is one or two chunks anyway.
    const whole = length !== undefined && length >= 1024 * 1024 ? Buffer.allocUnsafe(length) : undefined;
    let size = 0;
    let done = false;
    const fail = (err: unknown) => {
      if (done) return;
      done = true;
      reject(err);
    };
    body.on('data', (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        fail(tooLarge());
        discard(body);
        return;
      }
      // With the length known, each chunk is copied into one buffer as it comes and let go:
      // kept and joined at the end, the chunks and their join were both alive while the text was made.
      if (whole && size <= whole.length) chunk.copy(whole, size - chunk.length);
      else chunks.push(chunk);
    });
    body.on('error', fail);
    // A close before the end is a body cut short, which `for await` reported this way too.
    body.on('close', () => fail(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })));
    body.on('end', () => {
      if (done) return;
      done = true;
      try {
        const bytes =
          whole && size <= whole.length
            ? whole.subarray(0, size)
            : Buffer.concat(whole ? [whole.subarray(0, size - sum(chunks)), ...chunks] : chunks, size);
        chunks.length = 0;
        resolve(compressed ? decompress(bytes, encoding, limit, tooLarge, undecodable) : bytes.toString('utf8'));
      } catch (err) {
        reject(err);
      }
    });
  });
}

function sum(chunks: Buffer[]): number {
  return chunks.reduce((n, c) => n + c.length, 0);
}

function decompress(
  buf: Buffer,
  encoding: string,
  limit: number,
  tooLarge: () => Error,
  undecodable: (encoding: string, cause?: unknown) => Error,
): string {
  // Loaded here: no server rcuser talks to compresses unasked, so no start-up should pay for zlib.
  const zlib = createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
  const opts = { maxOutputLength: limit };
  let out: Buffer;
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') out = zlib.gunzipSync(buf, opts);
    // "deflate" should be zlib-wrapped; some servers send it raw.
    else if (encoding === 'deflate')
      out =
        buf[0] !== undefined && (buf[0] & 0x0f) === 8 ? zlib.inflateSync(buf, opts) : zlib.inflateRawSync(buf, opts);
    else if (encoding === 'br') out = zlib.brotliDecompressSync(buf, opts);
    else throw undecodable(encoding);
  } catch (err) {
    // A small body that inflates past the limit (a "zip bomb") is as large as any other.
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    if (err instanceof NetworkError) throw err;
    throw undecodable(encoding, err);
  }
  return out.toString('utf8');
}
