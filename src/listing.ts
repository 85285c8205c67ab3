import type { RocketChatClient } from './api/client.js';
import { PAGE_CONCURRENCY } from './api/finding.js';
import { openClient, resolveTarget, type Target } from './client-factory.js';
import type { Context } from './context.js';
import { canRedrawStderr } from './io.js';
import type { ListingOptions } from './options.js';
import { jsonSink, tableSink, type UserSink } from './output.js';
import { ListProgress } from './progress.js';

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
