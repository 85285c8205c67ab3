import { StringDecoder } from 'node:string_decoder';
import { ApiError } from '../../api/errors.js';
import type { RocketChatClient } from '../../api/client.js';
import type { Lookup } from '../../api/types.js';
import type { Context } from '../../context.js';
import { AuthError, CliError, ExitCode } from '../../errors.js';
import { formatJson } from '../../render/json.js';
import type { SummaryRow } from '../../render/summary.js';
import { openClient, resolveTarget, type Target } from '../../session.js';
import { assertStdinNotDirectory } from '../../stdin-check.js';
import { isSkippable, parseIdentifier } from './lookup.js';
import { authHint, ROOMS_WITHHELD_NOTICE, type InfoOptions } from './run.js';

export interface BatchItem {
  query: string;
  lookup: Lookup;
}

export interface BatchResult {
  query: string;
  /** The exact text of the server's user object. */
  rawUser?: string;
  /** Only what the summary table shows (kept small: table mode holds every row until the end). */
  row?: SummaryRow;
  /** Rooms were asked for and the server left them out. */
  roomsWithheld?: boolean;
  error?: string;
  status?: number;
  exitCode: number;
}

/**
 * The lines of a stream, read as the consumer asks for them (so a full window stops the pipe).
 * Not readline: its async iterator throws "readline was closed" on Node 24 when the pipe ends
 * while the consumer is still behind, which is exactly what a large batch does.
 */
export async function* streamLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const parts = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk))).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

async function* fromStdin(ctx: Context): AsyncGenerator<BatchItem> {
  for await (const line of streamLines(ctx.io.stdin)) {
    if (isSkippable(line)) continue;
    const query = line.trim();
    yield { query, lookup: parseIdentifier(query) };
  }
}

async function* fromList(queries: string[]): AsyncGenerator<BatchItem> {
  for (const q of queries) yield { query: q, lookup: { kind: 'username', value: q.startsWith('@') ? q.slice(1) : q } };
}

async function lookupOne(client: RocketChatClient, item: BatchItem, opts: { rooms: boolean; json: boolean }, target: Target): Promise<BatchResult> {
  const { query } = item;
  if (item.lookup.value.trim() === '') return { query, error: 'empty identifier', exitCode: ExitCode.failure };
  try {
    const r = await client.userInfo(item.lookup, { rooms: opts.rooms });
    if (opts.json) return { query, rawUser: r.rawUser, roomsWithheld: r.roomsWithheld, exitCode: ExitCode.ok };
    // Only what the summary shows is kept: a batch's table must not hold every whole user.
    const { _id, username, name, status, type, active, roles, rooms } = r.user;
    const roomCount = Array.isArray(rooms) ? rooms.length : undefined;
    return { query, row: { query, user: { _id, username, name, status, type, active, roles }, roomCount }, roomsWithheld: r.roomsWithheld, exitCode: ExitCode.ok };
  } catch (err) {
    // A rejected token fails every line alike: stop the batch (exit 4) instead of printing N errors.
    if (err instanceof ApiError && err.exitCode === ExitCode.auth) throw new AuthError(err.message, authHint(target), { cause: err });
    if (err instanceof ApiError) return { query, error: err.serverMessage || err.message, status: err.status, exitCode: err.exitCode };
    if (err instanceof CliError) return { query, error: err.message, exitCode: err.exitCode };
    throw err;
  }
}

/**
 * Run `work` over `items` with at most `concurrency` in flight and hand results to `emit` in input
 * order, as soon as each one and all before it are done. Reading stops `window` items ahead of the
 * output, so memory stays flat however long the input. If `work` throws, the run rejects at once,
 * emits nothing more and starts nothing new (requests in flight are the caller's to cancel).
 * `drain` (optional) is awaited between items, so a slow reader of the output slows the input.
 */
export async function runOrdered<I, R>(
  items: AsyncIterable<I>,
  concurrency: number,
  work: (item: I) => Promise<R>,
  emit: (r: R) => void,
  drain?: () => Promise<void>,
): Promise<void> {
  const window = Math.max(concurrency * 4, 16);
  const done = new Map<number, R>();
  const iterator = items[Symbol.asyncIterator]();
  let nextIndex = 0;
  let emitted = 0;
  let exhausted = false;
  let failed = false;
  let fail!: (err: unknown) => void;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  // Workers blocked on a full window; woken whenever the output moves on.
  let waiters: Array<() => void> = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const flush = () => {
    while (!failed && done.has(emitted)) {
      const r = done.get(emitted)!;
      done.delete(emitted);
      emitted++;
      emit(r);
    }
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      while (!failed && !exhausted && nextIndex - emitted >= window) await new Promise<void>((r) => waiters.push(r));
      if (failed || exhausted) return;
      const index = nextIndex++;
      const next = await iterator.next();
      if (failed) return;
      if (next.done) {
        exhausted = true;
        wakeAll();
        return;
      }
      const result = await work(next.value);
      if (failed) return;
      done.set(index, result);
      flush();
      wakeAll();
      if (drain) await drain();
    }
  };
  const workers = Array.from({ length: concurrency }, () =>
    worker().catch((err: unknown) => {
      if (!failed) {
        failed = true;
        wakeAll();
        fail(err);
      }
    }),
  );
  await Promise.race([Promise.all(workers), failure]);
  flush();
}

/** "1,234 done · 3 not found · 1 failed", redrawn in place on a terminal's stderr, at most 10 times a second. */
class Progress {
  private shown = false;
  private last = 0;
  private readonly started: number;
  constructor(
    private readonly write: (s: string) => unknown,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  update(done: number, notFound: number, failed: number): void {
    const t = this.now();
    // Short batches finish before anyone wonders; only show it after a second.
    if (t - this.started < 1000 || t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    const parts = [`${done.toLocaleString('en-US')} done`];
    if (notFound) parts.push(`${notFound.toLocaleString('en-US')} not found`);
    if (failed) parts.push(`${failed.toLocaleString('en-US')} failed`);
    this.write(`\r\x1b[2K${parts.join(' · ')}`);
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}

/**
 * Several users: `rcuser info a b c` or `rcuser info -`. Exit code: 1 if any line failed for a
 * reason other than "not found" (1 beats 3), else 3 if any user was not found, else 0. A 401 stops
 * everything with exit 4; lines already printed stay printed.
 */
export async function runBatch(ctx: Context, request: { mode: 'list'; queries: string[] } | { mode: 'stdin' }, opts: InfoOptions): Promise<number> {
  const { io } = ctx;
  if (request.mode === 'stdin') assertStdinNotDirectory(io, 'list of users', 'redirect a file of identifiers, one a line: `rcuser info - < names.txt`');
  if (request.mode === 'stdin' && io.stdinIsTTY) {
    io.stderr.write('rcuser: reading identifiers from the terminal, one a line (id:, import:, email: prefixes work); end with Ctrl-D\n');
  }
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const concurrency = opts.concurrency ?? 8;
  const client = openClient(ctx, opts, target, { connections: concurrency, maxWait: opts.maxWait });
  const items = request.mode === 'stdin' ? fromStdin(ctx) : fromList(request.queries);
  const json = Boolean(opts.json);
  let notFound = 0;
  let failed = 0;
  let count = 0;
  const rows: SummaryRow[] = [];
  // With --json on a terminal the lines themselves show progress, and a person typing names at the
  // terminal sees their own lines: a progress line would tear either.
  const typing = request.mode === 'stdin' && io.stdinIsTTY;
  // TERM=dumb: a terminal that cannot move the cursor gets no redrawn progress line.
  const progress = io.stderrIsTTY && ctx.env.TERM !== 'dumb' && !(json && io.stdoutIsTTY) && !typing ? new Progress((s) => io.stderr.write(s), () => ctx.now()) : undefined;
  let withheld = 0;
  const emit = (r: BatchResult) => {
    count++;
    if (r.roomsWithheld) withheld++;
    if (r.exitCode === ExitCode.notFound) notFound++;
    else if (r.exitCode !== ExitCode.ok) failed++;
    if (json) io.stdout.write(ndjsonLine(r) + '\n');
    else rows.push(r.row ?? { query: r.query, error: r.error ?? 'unknown error', status: r.status, notFound: r.exitCode === ExitCode.notFound });
    progress?.update(count, notFound, failed);
  };
  const summary = async () => {
    if (json || rows.length === 0) return;
    const { renderSummary } = await import('../../render/summary.js');
    io.stdout.write(renderSummary(rows, { color: io.colorStdout, columns: io.columns, rooms: Boolean(opts.rooms) }));
  };
  try {
    await runOrdered(items, concurrency, (item) => lookupOne(client, item, { rooms: Boolean(opts.rooms), json }, target), emit, () => io.flush());
  } catch (err) {
    progress?.clear();
    // The rows looked up before the failure are still worth a table.
    await summary();
    throw err;
  }
  progress?.clear();
  await summary();
  // Nothing to look up is not an error (a filter upstream may have found nobody), but say so.
  if (count === 0) io.stderr.write('rcuser: no identifiers on stdin: nothing to look up\n');
  if (withheld > 0) io.stderr.write(ROOMS_WITHHELD_NOTICE.replace('left the rooms out', `left the rooms out for ${withheld} of ${count} users`));
  if (failed > 0) return ExitCode.failure;
  if (notFound > 0) return ExitCode.notFound;
  return ExitCode.ok;
}

/** `{"query":…,"user":{…}}` with the server's object untouched, or `{"query":…,"error":…,"status":…}`. */
export function ndjsonLine(r: Pick<BatchResult, 'query' | 'rawUser' | 'error' | 'status'>): string {
  const q = JSON.stringify(r.query);
  if (r.rawUser !== undefined) return `{"query":${q},"user":${isCompact(r.rawUser) ? r.rawUser : formatJson(r.rawUser, 0)}}`;
  return `{"query":${q},"error":${JSON.stringify(r.error ?? 'unknown error')}${r.status !== undefined ? `,"status":${r.status}` : ''}}`;
}

/**
 * Whether JSON text has no whitespace outside its strings. Servers send compact JSON, and then the
 * text can be copied as it is: re-formatting it builds a string piece by piece, which at thousands of
 * users a second is most of a batch's garbage.
 */
export function isCompact(json: string): boolean {
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      return false;
    }
  }
  return true;
}
