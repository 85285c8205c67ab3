import { createInterface } from 'node:readline';
import { ApiError } from '../../api/errors.js';
import type { RocketChatClient } from '../../api/client.js';
import type { Lookup, User } from '../../api/types.js';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { formatJson } from '../../render/json.js';
import { openClient, resolveTarget } from '../../session.js';
import { isSkippable, parseIdentifier } from './lookup.js';
import type { InfoOptions } from './run.js';

export interface BatchItem {
  query: string;
  lookup: Lookup;
}

export interface BatchResult {
  query: string;
  user?: User;
  rawUser?: string;
  error?: string;
  status?: number;
  exitCode: number;
}

async function* fromStdin(ctx: Context): AsyncGenerator<BatchItem> {
  const rl = createInterface({ input: ctx.io.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (isSkippable(line)) continue;
    const query = line.trim();
    yield { query, lookup: parseIdentifier(query) };
  }
}

async function* fromList(queries: string[]): AsyncGenerator<BatchItem> {
  for (const q of queries) yield { query: q, lookup: { kind: 'username', value: q.startsWith('@') ? q.slice(1) : q } };
}

async function lookupOne(client: RocketChatClient, item: BatchItem, rooms: boolean): Promise<BatchResult> {
  if (item.lookup.value === '') return { query: item.query, error: 'empty identifier', exitCode: ExitCode.usage };
  try {
    const r = await client.userInfo(item.lookup, { rooms });
    return { query: item.query, user: r.user, rawUser: r.rawUser, exitCode: ExitCode.ok };
  } catch (err) {
    if (err instanceof ApiError && err.exitCode === ExitCode.auth) throw err;
    if (err instanceof ApiError) return { query: item.query, error: err.serverMessage || err.message, status: err.status, exitCode: err.exitCode };
    if (err instanceof CliError) return { query: item.query, error: err.message, exitCode: err.exitCode };
    throw err;
  }
}

/**
 * Run lookups with at most `concurrency` in flight and hand results to `emit` in input order.
 * Reading stops `window` items ahead of the output, so memory stays flat however long the input.
 */
export async function runOrdered(
  items: AsyncIterable<BatchItem>,
  concurrency: number,
  work: (item: BatchItem) => Promise<BatchResult>,
  emit: (r: BatchResult) => void,
): Promise<void> {
  const window = Math.max(concurrency * 4, 16);
  const done = new Map<number, BatchResult>();
  const iterator = items[Symbol.asyncIterator]();
  let nextIndex = 0;
  let emitted = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const flush = () => {
    while (done.has(emitted)) {
      const r = done.get(emitted)!;
      done.delete(emitted);
      emitted++;
      emit(r);
    }
  };
  let exhausted = false;
  const worker = async () => {
    while (!failure) {
      while (nextIndex - emitted >= window && !failure) await new Promise<void>((r) => (wake = chain(wake, r)));
      if (failure || exhausted) return;
      const index = nextIndex++;
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        nextIndex = Math.min(nextIndex, index);
        return;
      }
      try {
        done.set(index, await work(next.value));
      } catch (err) {
        failure ??= err;
        notify();
        return;
      }
      flush();
      notify();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) throw failure;
  flush();
}

function chain(prev: (() => void) | undefined, next: () => void): () => void {
  return prev ? () => (prev(), next()) : next;
}

export async function runBatch(ctx: Context, request: { mode: 'list'; queries: string[] } | { mode: 'stdin' }, opts: InfoOptions): Promise<number> {
  if (request.mode === 'stdin' && ctx.io.stdinIsTTY) {
    ctx.io.stderr.write('rcuser: reading identifiers from the terminal, one a line; end with Ctrl-D\n');
  }
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const concurrency = opts.concurrency ?? 8;
  const client = openClient(ctx, opts, target, { connections: concurrency });
  const items = request.mode === 'stdin' ? fromStdin(ctx) : fromList(request.queries);
  let worst: number = ExitCode.ok;
  const rows: BatchResult[] = [];
  const emit = (r: BatchResult) => {
    if (r.exitCode === ExitCode.failure || r.exitCode === ExitCode.usage) worst = ExitCode.failure;
    else if (r.exitCode === ExitCode.notFound && worst === ExitCode.ok) worst = ExitCode.notFound;
    if (opts.json) ctx.io.stdout.write(ndjsonLine(r) + '\n');
    else rows.push(r);
  };
  try {
    await runOrdered(items, concurrency, (item) => lookupOne(client, item, Boolean(opts.rooms)), emit);
  } finally {
    if (!opts.json && rows.length) {
      const { renderSummary } = await import('../../render/summary.js');
      ctx.io.stdout.write(renderSummary(rows, { color: ctx.io.colorStdout }));
    }
  }
  return worst;
}

/** `{"query":…,"user":{…}}` with the server's object untouched, or `{"query":…,"error":…,"status":…}`. */
export function ndjsonLine(r: BatchResult): string {
  const q = JSON.stringify(r.query);
  if (r.rawUser !== undefined) return `{"query":${q},"user":${formatJson(r.rawUser, 0)}}`;
  return `{"query":${q},"error":${JSON.stringify(r.error ?? 'unknown error')}${r.status !== undefined ? `,"status":${r.status}` : ''}}`;
}
