import { AUTOCOMPLETE_LIMIT, autocompleteUsers, directoryPage, hasListByStatus, isPermissionRefusal, listByStatusPage, PAGE_CONCURRENCY, repeatedPageError, userKey } from '../../api/finding.js';
import type { Context } from '../../context.js';
import { ExitCode, NotFoundError, UsageError } from '../../errors.js';
import { fetchPages } from '../../lib/paging.js';
import { startListing } from '../../listing.js';
import { catchInterrupt } from '../../output.js';
import { clean } from '../../render/text.js';
import { countLine } from '../../render/user-list.js';
import type { SearchOptions } from './options.js';

export const AUTOCOMPLETE_NOTICE =
  'rcuser: your account may not list users (the view-d-room or view-outside-room permission), so this is users.autocomplete: active users only, at most 10, and only people you share a room with unless you have view-outside-room\n';

export async function runSearch(ctx: Context, rawTerm: string, opts: SearchOptions): Promise<number> {
  const { io } = ctx;
  const term = rawTerm.trim();
  if (term === '') throw new UsageError('the search term is empty', 'give a part of a username or name, e.g. `rcuser search john`; `rcuser list` lists everyone');
  const { target, client, sink, progress } = await startListing(ctx, opts);
  let total: number | undefined;
  let repeatedAt: number | undefined;
  const stop = catchInterrupt(ctx, () => progress?.clear());
  try {
    const version = await client.serverVersion();
    try {
      const paging = fetchPages((offset) => (hasListByStatus(version) ? listByStatusPage(client, { search: term }, offset) : directoryPage(client, version, term, offset)), {
        limit: opts.limit,
        concurrency: PAGE_CONCURRENCY,
        key: userKey,
        onPage: (users, pageTotal) => {
          if (stop.stopped) return;
          total = pageTotal;
          sink.add(users);
          progress?.update(sink.count, pageTotal);
        },
      });
      const result = await Promise.race([paging, stop.signal]);
      if (result === 'interrupted') paging.catch(() => undefined);
      else {
        total = result.total;
        repeatedAt = result.repeatedAt;
      }
    } catch (err) {
      // Nothing printed yet and the server refused the listing: the one search left to every caller.
      if (!isPermissionRefusal(err) || sink.count > 0) throw err;
      const users = await autocompleteUsers(client, term);
      sink.add(users.slice(0, opts.limit ?? AUTOCOMPLETE_LIMIT));
      io.stderr.write(users.length >= AUTOCOMPLETE_LIMIT ? AUTOCOMPLETE_NOTICE.replace('at most 10', 'at most 10 (there may be more)') : AUTOCOMPLETE_NOTICE);
    }
  } finally {
    progress?.clear();
    stop.release();
  }
  if (stop.stopped) {
    io.stderr.write(`rcuser: interrupted after ${countLine(sink.count, total)} matching "${clean(term, 200)}"\n`);
    return ExitCode.interrupted;
  }
  if (sink.count === 0) throw new NotFoundError(`no user matches "${clean(term, 200)}" on ${target.server}`);
  await sink.finish((shown) => `${countLine(shown, total)} matching "${clean(term, 200)}"`);
  // What came is printed first; the exit code says it is not all.
  if (repeatedAt !== undefined) throw repeatedPageError(target.server, repeatedAt, sink.count);
  return ExitCode.ok;
}
