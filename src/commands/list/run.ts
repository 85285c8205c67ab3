import { hasListByStatus, legacyFiltersIgnored, legacyListPage, listByStatusPage, PAGE_CONCURRENCY, repeatedPageError, userKey } from '../../api/finding.js';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { fetchPages } from '../../lib/paging.js';
import { startListing } from '../../listing.js';
import { catchInterrupt } from '../../output.js';
import { countLine } from '../../render/user-list.js';
import type { ListOptions } from './options.js';

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const { io } = ctx;
  const { filters } = opts;
  const { target, client, sink, progress } = await startListing(ctx, opts);
  let total: number | undefined;
  let repeatedAt: number | undefined;
  const stop = catchInterrupt(ctx, () => progress?.clear());
  try {
    const version = await client.serverVersion();
    const legacy = !hasListByStatus(version);
    let first = true;
    const paging = fetchPages((offset) => (legacy ? legacyListPage(client, filters, offset) : listByStatusPage(client, filters, offset)), {
      limit: opts.limit,
      concurrency: PAGE_CONCURRENCY,
      key: userKey,
      onPage: (users, pageTotal) => {
        if (stop.stopped) return;
        total = pageTotal;
        if (first && legacy) {
          // Checked before anything is printed: a filter the server dropped would list everyone.
          const ignored = legacyFiltersIgnored(filters, users);
          if (ignored.length > 0) {
            throw new CliError(
              `Rocket.Chat ${version.raw} on ${target.server} cannot apply ${ignored.join(' and ')} for you: before 6.8, users.list only filters on roles and logins for callers with the view-full-other-user-info permission`,
              ExitCode.failure,
              `drop ${ignored.join(' and ')} (the other filters work), or run it as an administrator`,
            );
          }
        }
        first = false;
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
  } finally {
    progress?.clear();
    stop.release();
  }
  if (stop.stopped) {
    io.stderr.write(`rcuser: interrupted after ${countLine(sink.count, total)}\n`);
    return ExitCode.interrupted;
  }
  if (sink.count === 0) {
    io.stderr.write(`rcuser: no users ${Object.keys(filters).length ? 'match these filters' : 'to list'} on ${target.server}\n`);
    return ExitCode.ok;
  }
  await sink.finish((shown) => countLine(shown, total));
  // What came is printed first; the exit code says it is not all.
  if (repeatedAt !== undefined) throw repeatedPageError(target.server, repeatedAt, sink.count);
  return ExitCode.ok;
}
