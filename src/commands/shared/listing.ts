import type { RocketChatClient } from '../../api/client.js';
import { PAGE_CONCURRENCY, repeatedPageError, userKey, type FoundUser, type UsersPage } from '../../api/finding.js';
import { openClient, resolveTarget, type Target } from '../../cmdutil/client-factory.js';
import type { Context } from '../../cmdutil/context.js';
import { InterruptedError } from '../../errors.js';
import { chooseOutput } from '../../export/choose.js';
import { DEFAULT_FIELDS } from '../../export/fields.js';
import { canRedrawStderr } from '../../iostreams/io.js';
import { fetchPages } from '../../lib/paging.js';
import type { ListingOptions } from '../../cmdutil/flags.js';
import { catchInterrupt, exportSink, fieldTableSink, jsonSink, tableSink, type UserSink } from './user-sink.js';
import { ListProgress } from '../../iostreams/progress.js';
import { countLine } from '../../render/user-list.js';

/** What `list` and `search` both start from: the server, a client for parallel pages, where users go, the progress line. */
export interface Listing {
  target: Target;
  client: RocketChatClient;
  sink: UserSink;
  progress?: ListProgress;
  /** A warning line on stderr. */
  warn?: (message: string) => void;
}

export async function startListing(ctx: Context, opts: ListingOptions): Promise<Listing> {
  const { io } = ctx;
  // Before any request: a mistyped field or a bad jq program is a usage error with nothing sent.
  const output = await chooseOutput(opts, DEFAULT_FIELDS.list);
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target, { connections: PAGE_CONCURRENCY, maxWait: opts.maxWait });
  const pager = { pager: opts.pager !== false };
  let sink: UserSink;
  if (output.format === 'server-json') sink = jsonSink(ctx);
  else if (output.format === 'table')
    sink = output.fields ? fieldTableSink(ctx, output.fields, pager) : tableSink(ctx, pager);
  else {
    const { ExportWriter } = await import('../../export/writer.js');
    sink = exportSink(
      new ExportWriter(output, { out: (s) => void io.stdout.write(s), err: (s) => void io.stderr.write(s) }),
    );
  }
  // Not when a stream of lines goes to the terminal: the lines themselves show progress.
  const streaming = output.format !== 'table';
  const progress =
    canRedrawStderr(io, ctx.env) && !(streaming && io.stdoutIsTTY)
      ? new ListProgress(
          (s) => io.stderr.write(s),
          () => ctx.now(),
        )
      : undefined;
  return { target, client, sink, progress, warn: (m) => void io.stderr.write(`rcuser: warning: ${m}\n`) };
}

/** How a listing's paging ended: the server's total, where a page repeated, or Ctrl-C. */
export interface Paged {
  total?: number;
  repeatedAt?: number;
  /** The total the server claimed when its pages ran out before it. */
  claimed?: number;
  interrupted: boolean;
}

/**
 * Page into the listing's sink until the end, --limit or Ctrl-C, with the progress line kept up to
 * date. `check` sees each page before it is shown and may throw to stop the listing.
 */
export async function pageInto(
  ctx: Context,
  listing: Listing,
  fetchPage: (offset: number) => Promise<UsersPage>,
  opts: {
    limit?: number;
    check?: (users: FoundUser[]) => void;
    until?: (u: FoundUser) => boolean;
    skip?: (u: FoundUser) => boolean;
  },
): Promise<Paged> {
  const { sink, progress } = listing;
  const paged: Paged = { interrupted: false };
  const stop = catchInterrupt(ctx, () => progress?.clear());
  try {
    const paging = fetchPages(fetchPage, {
      limit: opts.limit,
      concurrency: PAGE_CONCURRENCY,
      key: userKey,
      until: opts.until,
      skip: opts.skip,
      // Backpressure: the next pages wait while stdout lags (a slow `| reader` grew rcuser to 600 MB).
      drain: () => ctx.io.flush(),
      onPage: (users, pageTotal) => {
        if (stop.stopped) return;
        paged.total = pageTotal;
        opts.check?.(users);
        sink.add(users);
        progress?.update(sink.count, pageTotal);
      },
    });
    const result = await Promise.race([paging, stop.signal]);
    if (result === 'interrupted') paging.catch(() => undefined);
    else {
      paged.total = result.total;
      paged.repeatedAt = result.repeatedAt;
      paged.claimed = result.claimed;
    }
  } finally {
    progress?.clear();
    stop.release();
    paged.interrupted = stop.stopped;
  }
  return paged;
}

/**
 * The end of a listing with users in it: the output and its count line (`what` follows the count),
 * then, if the server repeated a page, the error that says the list is not all of it.
 */
export async function finishListing(listing: Listing, paged: Paged, what = ''): Promise<void> {
  await listing.sink.finish((shown) => `${countLine(shown, paged.total)}${what}`);
  if (paged.claimed !== undefined) {
    const n = (x: number) => x.toLocaleString('en-US');
    listing.warn?.(
      `${listing.target.server} said ${n(paged.claimed)} users match, but its pages ran out after ${n(listing.sink.count)}: the list may be incomplete`,
    );
  }
  if (paged.repeatedAt !== undefined)
    throw repeatedPageError(listing.target.server, paged.repeatedAt, listing.sink.count);
}

/** Ctrl-C ended the listing: main says how far it got, with exit code 130. */
export function interruptedListing(listing: Listing, paged: Paged, what = ''): InterruptedError {
  listing.sink.stopped?.();
  return new InterruptedError(`interrupted after ${countLine(listing.sink.count, paged.total)}${what}`);
}
