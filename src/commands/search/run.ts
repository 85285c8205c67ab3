import { AUTOCOMPLETE_LIMIT, autocompleteUsers, directoryPage, hasListByStatus, isPermissionRefusal, listByStatusPage } from '../../api/finding.js';
import type { Context } from '../../context.js';
import { ExitCode, NotFoundError, UsageError } from '../../errors.js';
import { openClient, resolveTarget, type GlobalOptions } from '../../session.js';
import { clean } from '../../render/text.js';
import { findingError } from '../finding/errors.js';
import { jsonSink, tableSink } from '../finding/output.js';
import { fetchPages } from '../finding/pages.js';
import { ListProgress } from '../finding/progress.js';
import { countLine, LIST_CONCURRENCY } from '../list/run.js';

export interface SearchOptions extends GlobalOptions {
  json?: boolean;
  limit?: number;
  pager?: boolean;
  maxWait?: number;
}

export const AUTOCOMPLETE_NOTICE =
  'rcuser: your account may not list users (the view-d-room or view-outside-room permission), so this is users.autocomplete: active users only, at most 10, and only people you share a room with unless you have view-outside-room\n';

export async function runSearch(ctx: Context, rawTerm: string, opts: SearchOptions): Promise<number> {
  const { io } = ctx;
  const term = rawTerm.trim();
  if (term === '') throw new UsageError('the search term is empty', 'give a part of a username or name, e.g. `rcuser search john`; `rcuser list` lists everyone');
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target, { connections: LIST_CONCURRENCY, maxWait: opts.maxWait });
  const json = Boolean(opts.json);
  const sink = json ? jsonSink(ctx) : tableSink(ctx, { pager: opts.pager !== false });
  const progress = io.stderrIsTTY && !(json && io.stdoutIsTTY) ? new ListProgress((s) => io.stderr.write(s), () => ctx.now()) : undefined;
  let total: number | undefined;
  try {
    const version = await client.serverVersion();
    try {
      const result = await fetchPages(
        (offset) => (hasListByStatus(version) ? listByStatusPage(client, { search: term }, offset) : directoryPage(client, version, term, offset)),
        {
          limit: opts.limit,
          concurrency: LIST_CONCURRENCY,
          onPage: (page, pageTotal) => {
            sink.add(page.users);
            progress?.update(sink.count, pageTotal);
          },
        },
      );
      total = result.total;
    } catch (err) {
      // Nothing printed yet and the server refused the listing: the one search left to every caller.
      if (!isPermissionRefusal(err) || sink.count > 0) throw err;
      progress?.clear();
      const users = await autocompleteUsers(client, term);
      sink.add(users.slice(0, opts.limit ?? AUTOCOMPLETE_LIMIT));
      io.stderr.write(users.length >= AUTOCOMPLETE_LIMIT ? AUTOCOMPLETE_NOTICE.replace('at most 10', 'at most 10 (there may be more)') : AUTOCOMPLETE_NOTICE);
    }
  } catch (err) {
    progress?.clear();
    throw findingError(err, target, 'search users');
  }
  progress?.clear();
  if (sink.count === 0) throw new NotFoundError(`no user matches "${clean(term, 200)}" on ${target.server}`);
  await sink.finish((shown) => `${countLine(shown, total)} matching "${clean(term, 200)}"`);
  return ExitCode.ok;
}
