import type { RocketChatClient } from '../../api/client.js';
import { PAGE_CONCURRENCY, repeatedPageError, userKey, type FoundUser, type UsersPage } from '../../api/finding.js';
import { openClient, resolveTarget, type Target } from '../../cmdutil/client-factory.js';
import type { Context } from '../../cmdutil/context.js';
import { ExitCode } from '../../errors.js';
import { canRedrawStderr } from '../../iostreams/io.js';
import { fetchPages } from '../../lib/paging.js';
import type { ListingOptions } from '../../cmdutil/flags.js';
import { catchInterrupt, jsonSink, tableSink, type UserSink } from './user-sink.js';
import { ListProgress } from '../../iostreams/progress.js';
import { countLine } from '../../render/user-list.js';

/** What `list` and `search` both start from: the server, a client for parallel pages, where users go, the progress line. */
export interface Listing {
  target: Target;
  client: RocketChatClient;
  sink: UserSink;
  progress?: ListProgress;
}

export async function startListing(ctx: Context, opts: ListingOptions): Promise<Listing> {
  const { io } = ctx;
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target, { connections: PAGE_CONCURRENCY, maxWait: opts.maxWait });
  const json = Boolean(opts.json);
  const sink = json ? jsonSink(ctx) : tableSink(ctx, { pager: opts.pager !== false });
  // Not when --json goes to the terminal: the lines themselves show progress.
  const progress = canRedrawStderr(io, ctx.env) && !(json && io.stdoutIsTTY) ? new ListProgress((s) => io.stderr.write(s), () => ctx.now()) : undefined;
  return { target, client, sink, progress };
}

/** How a listing's paging ended: the server's total, where a page repeated, or Ctrl-C. */
export interface Paged {
  total?: number;
  repeatedAt?: number;
  interrupted: boolean;
}

/**
 * Page into the listing's sink until the end, --limit or Ctrl-C, with the progress line kept up to
 * date. `check` sees each page before it is shown and may throw to stop the listing. `keep` drops
 * users the server could not filter out (6.0–6.7 cannot ask for "has logged in"); once it has dropped
 * one, the server's total counts users not shown, so it is left out, and --limit counts shown users.
 */
export async function pageInto(
  ctx: Context,
  listing: Listing,
  fetchPage: (offset: number) => Promise<UsersPage>,
  opts: { limit?: number; check?: (users: FoundUser[]) => void; keep?: (user: FoundUser) => boolean },
): Promise<Paged> {
  const { sink, progress } = listing;
  const paged: Paged = { interrupted: false };
  const stop = catchInterrupt(ctx, () => progress?.clear());
  const { keep, limit } = opts;
  let dropped = 0;
  const full = {};
  try {
    const paging = fetchPages(fetchPage, {
      limit: keep ? undefined : limit,
      concurrency: PAGE_CONCURRENCY,
      key: userKey,
      onPage: (users, pageTotal) => {
        if (stop.stopped) return;
        opts.check?.(users);
        let shown = keep ? users.filter(keep) : users;
        dropped += users.length - shown.length;
        paged.total = dropped > 0 ? undefined : pageTotal;
        if (limit !== undefined && shown.length > limit - sink.count) shown = shown.slice(0, limit - sink.count);
        sink.add(shown);
        progress?.update(sink.count, paged.total);
        // Enough shown: end the paging (fetchPages only knows the pages' own counts).
        if (keep && limit !== undefined && sink.count >= limit) throw full;
      },
    });
    const result = await Promise.race([paging.catch((err: unknown) => (err === full ? { total: paged.total, repeatedAt: undefined } : Promise.reject(err))), stop.signal]);
    if (result === 'interrupted') paging.catch(() => undefined);
    else {
      paged.total = dropped > 0 ? undefined : result.total;
      paged.repeatedAt = result.repeatedAt;
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
  if (paged.repeatedAt !== undefined) throw repeatedPageError(listing.target.server, paged.repeatedAt, listing.sink.count);
}

/** Ctrl-C ended the listing: say how far it got. */
export function interruptedListing(ctx: Context, listing: Listing, paged: Paged, what = ''): number {
  ctx.io.stderr.write(`rcuser: interrupted after ${countLine(listing.sink.count, paged.total)}${what}\n`);
  return ExitCode.interrupted;
}
