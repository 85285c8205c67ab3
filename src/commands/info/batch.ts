import type { Context } from '../../context.js';
import { ExitCode } from '../../errors.js';
import { runOrdered } from '../../lib/ordered.js';
import { ndjsonLine } from '../../render/ndjson.js';
import type { SummaryRow } from '../../render/summary.js';
import { openClient, resolveTarget } from '../../client-factory.js';
import { fromList, fromStdin, lookupOne, type BatchResult } from './batch-lookup.js';
import { roomsWithheldNotice } from './notices.js';
import type { InfoOptions } from './options.js';
import { Progress } from '../../progress.js';
import { assertStdinNotDirectory, canRedrawStderr } from '../../io.js';

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
  const progress = canRedrawStderr(io, ctx.env) && !(json && io.stdoutIsTTY) && !typing ? new Progress((s) => io.stderr.write(s), () => ctx.now()) : undefined;
  let withheld = 0;
  const emit = (r: BatchResult) => {
    count++;
    if (r.roomsWithheld) withheld++;
    if (r.exitCode === ExitCode.notFound) notFound++;
    else if (r.exitCode !== ExitCode.ok) failed++;
    if (json) io.stdout.write(ndjsonLine(r) + '\n');
    else rows.push(r.row ?? { query: r.query, error: r.error ?? 'unknown error', status: r.status, notFound: r.exitCode === ExitCode.notFound });
    progress?.update({ done: count, notFound, failed });
  };
  const summary = async () => {
    if (json || rows.length === 0) return;
    const { renderSummary } = await import('../../render/summary.js');
    io.stdout.write(renderSummary(rows, { color: io.colorStdout, columns: io.columns, rooms: Boolean(opts.rooms) }));
  };
  try {
    await runOrdered(items, concurrency, (item) => lookupOne(client, item, { rooms: Boolean(opts.rooms), json }), emit, () => io.flush());
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
  if (withheld > 0) io.stderr.write(roomsWithheldNotice({ withheld, of: count }));
  if (failed > 0) return ExitCode.failure;
  if (notFound > 0) return ExitCode.notFound;
  return ExitCode.ok;
}

