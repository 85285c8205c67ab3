import { ExitCode, InterruptedError } from '../../errors.js';
import { runOrdered } from '../../lib/ordered.js';
import { ndjsonLine } from '../../render/ndjson.js';
import type { SummaryRow } from '../../render/summary.js';
import { openClient, resolveTarget } from '../../cmdutil/client-factory.js';
import { addErrorNote, type Context } from '../../cmdutil/context.js';
import { streamLines } from '../../lib/lines.js';
import { EveryLineFails, fromList, fromStdin, lookupOne, type BatchItem, type BatchResult } from './batch-lookup.js';
import { BatchWatch, countIdentifiers } from './batch-watch.js';
import { roomsWithheldNotice, teamsPartialNotice } from './notices.js';
import { assertTeamsSupported } from './teams.js';
import type { InfoOptions } from './options.js';
import { assertStdinNotDirectory, canRedrawStderr } from '../../iostreams/io.js';
import type { User } from '../../api/types.js';
import type { OutputChoice } from '../../export/choose.js';
import { pickAll } from '../../export/fields.js';
import { clean } from '../../render/text.js';

/** The batch was stopped (Ctrl-C): lookups still running are dropped. */
class BatchStopped extends Error {}

/**
 * Several users: `rcuser info a b c` or `rcuser info -`. Exit code: 1 if any line failed for a
 * reason other than "not found" (1 beats 3), else 3 if any user was not found, else 0. A 401 stops
 * everything with exit 4; lines already printed stay printed.
 */
export async function runBatch(
  ctx: Context,
  request: { mode: 'list'; queries: string[] } | { mode: 'stdin' },
  opts: InfoOptions,
  output: OutputChoice,
): Promise<number> {
  const { io } = ctx;
  if (request.mode === 'stdin')
    assertStdinNotDirectory(
      io,
      'list of users',
      'redirect a file of identifiers, one a line: `rcuser info - < names.txt`',
    );
  if (request.mode === 'stdin' && io.stdinIsTTY) {
    io.stderr.write(
      'rcuser: reading identifiers from the terminal, one a line (id:, import:, email: prefixes work); end with Ctrl-D\n',
    );
  }
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const { concurrency } = opts;
  const client = openClient(ctx, opts, target, { connections: concurrency, maxWait: opts.maxWait });
  if (opts.teams) await assertTeamsSupported(client);
  const items = request.mode === 'stdin' ? fromStdin(ctx) : fromList(request.queries);
  const json = output.format === 'server-json';
  // --fields as a table: the picked values of each user, one table at the end.
  const fieldRows =
    output.format === 'table' && output.fields ? { fields: output.fields, rows: [] as unknown[][] } : undefined;
  // CSV, TSV, JSON of --fields, jq: written as users come, in input order.
  const writer =
    output.format !== 'table' && output.format !== 'server-json'
      ? new (await import('../../export/writer.js')).ExportWriter(output, {
          out: (s) => void io.stdout.write(s),
          err: (s) => void io.stderr.write(s),
        })
      : undefined;
  const keep = fieldRows
    ? (user: User) => pickAll(user, fieldRows.fields)
    : writer
      ? (user: User, raw: string) => writer.item(user, raw)
      : undefined;
  // What is only written at the end (a table, the rest of a jq run) is written on Ctrl-C too.
  const holdsOutput = !json && (!writer || output.format === 'jq');
  let notFound = 0;
  let failed = 0;
  let count = 0;
  const rows: SummaryRow[] = [];
  // With --json on a terminal the lines themselves show progress, and a person typing names at the
  // terminal sees their own lines: a progress line would tear either. TERM=dumb cannot redraw a line.
  const typing = request.mode === 'stdin' && io.stdinIsTTY;
  const watch = new BatchWatch(ctx, canRedrawStderr(io, ctx.env) && !((json || writer) && io.stdoutIsTTY) && !typing);
  if (request.mode === 'list') watch.knowTotal(request.queries.length);
  else {
    const file = typing ? undefined : io.stdinFile?.();
    if (file) watch.knowTotal(countIdentifiers(streamLines(file)));
  }
  let withheld = 0;
  let teamsPartial = 0;
  const emit = (r: BatchResult) => {
    count++;
    if (r.roomsWithheld) withheld++;
    if (r.teamsPartial) teamsPartial++;
    if (r.exitCode === ExitCode.notFound) notFound++;
    else if (r.exitCode !== ExitCode.ok) failed++;
    if (json) io.stdout.write(`${ndjsonLine(r)}\n`);
    else if (writer?.isJson) writer.emit([ndjsonLine(r.kept === undefined ? r : { ...r, rawUser: r.kept as string })]);
    else if (writer || fieldRows) {
      // A row per user found; who was not is said on stderr (cli-contract.md: never a row).
      if (r.kept === undefined) {
        watch.clear();
        const why =
          r.exitCode === ExitCode.notFound
            ? 'not found'
            : `${clean(r.error, 200)}${r.status !== undefined ? ` (HTTP ${r.status})` : ''}`;
        io.stderr.write(`rcuser: ${clean(r.query, 200)}: ${why}\n`);
      } else if (writer) writer.emit([r.kept as string]);
      else fieldRows!.rows.push(r.kept as unknown[]);
    } else
      rows.push(
        r.row ?? {
          query: r.query,
          error: r.error ?? 'unknown error',
          status: r.status,
          notFound: r.exitCode === ExitCode.notFound,
        },
      );
  };
  let finished = false;
  /** The end of the output, for the users looked up so far: the table, or the end of a format. */
  const summary = async (complete: boolean) => {
    if (finished) return;
    finished = true;
    // A batch that failed before any user was printed prints no CSV header either.
    writer?.end({ headerIfEmpty: complete });
    if (fieldRows && fieldRows.rows.length > 0) {
      const { renderFieldTable } = await import('../../export/table.js');
      io.stdout.write(
        `${renderFieldTable(fieldRows.fields, fieldRows.rows, { color: io.colorStdout, ascii: io.ascii, columns: io.columns })}\n`,
      );
    }
    if (json || writer || fieldRows || rows.length === 0) return;
    const { renderSummary } = await import('../../render/summary.js');
    io.stdout.write(
      renderSummary(rows, {
        color: io.colorStdout,
        ascii: io.ascii,
        columns: io.columns,
        rooms: Boolean(opts.rooms),
        teams: Boolean(opts.teams),
      }),
    );
  };
  // Ctrl-C in a table batch: the rows done so far are printed (in order), not thrown away.
  let stop = false;
  let interrupted!: () => void;
  const interrupt = new Promise<'interrupted'>((resolve) => (interrupted = () => resolve('interrupted')));
  const unlisten = holdsOutput ? io.onInterrupt?.(() => ((stop = true), interrupted())) : undefined;
  const work = async (item: BatchItem) => {
    if (stop) throw new BatchStopped();
    const r = await lookupOne(client, item, {
      rooms: Boolean(opts.rooms),
      json,
      keep,
      teams: Boolean(opts.teams),
      callerId: target.auth?.userId,
    });
    if (stop) throw new BatchStopped();
    watch.finished(r.exitCode);
    return r;
  };
  let interruptedAfter: string | undefined;
  try {
    // With --json or an export format each result carries its answer (up to 32 MiB): no more than
    // --concurrency of them are held, in flight or in line. A table's rows are small, and reading
    // further ahead keeps one slow lookup from holding up the rest.
    const window = json || writer ? concurrency : undefined;
    const run = runOrdered(items, concurrency, work, emit, () => io.flush(), { window });
    if ((await Promise.race([run, interrupt])) === 'interrupted') {
      run.catch(() => undefined);
      // Nothing more is read: a pipe still open must not keep the process alive.
      if (request.mode === 'stdin') io.stdin.destroy();
      watch.clear();
      await summary(true);
      await watch.settled();
      interruptedAfter = watch.howFar(count);
    }
  } catch (err) {
    stop = true;
    watch.clear();
    // The rows looked up before the failure are still worth a table.
    await summary(count > 0);
    if (err instanceof EveryLineFails) {
      await watch.settled();
      addErrorNote(ctx, watch.notLookedUp(count));
      throw err.cause;
    }
    throw err;
  } finally {
    unlisten?.();
  }
  if (interruptedAfter !== undefined) throw new InterruptedError(`interrupted after ${interruptedAfter}`);
  watch.clear();
  await summary(true);
  // Nothing to look up is not an error (a filter upstream may have found nobody), but say so.
  if (count === 0) io.stderr.write('rcuser: no identifiers on stdin: nothing to look up\n');
  if (withheld > 0) io.stderr.write(roomsWithheldNotice({ withheld, of: count }));
  if (teamsPartial > 0) io.stderr.write(teamsPartialNotice({ partial: teamsPartial, of: count }));
  const jqFailure = writer?.failure();
  if (jqFailure) throw jqFailure;
  if (failed > 0) return ExitCode.failure;
  if (notFound > 0) return ExitCode.notFound;
  return ExitCode.ok;
}
