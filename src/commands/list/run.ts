import { hasListByStatus, legacyFiltersIgnored, legacyListPage, listByStatusPage, PAGE_CONCURRENCY } from '../../api/finding.js';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { fetchPages } from '../../lib/paging.js';
import { startListing } from '../../listing.js';
import { countLine } from '../../render/user-list.js';
import type { ListOptions } from './options.js';

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const { io } = ctx;
  const { filters } = opts;
  const { target, client, sink, progress } = await startListing(ctx, opts);
  let total: number | undefined;
  try {
    const version = await client.serverVersion();
    const legacy = !hasListByStatus(version);
    let first = true;
    const result = await fetchPages((offset) => (legacy ? legacyListPage(client, filters, offset) : listByStatusPage(client, filters, offset)), {
      limit: opts.limit,
      concurrency: PAGE_CONCURRENCY,
      onPage: (users, pageTotal) => {
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
    total = result.total;
  } finally {
    progress?.clear();
  }
  if (sink.count === 0) {
    io.stderr.write(`rcuser: no users ${Object.keys(filters).length ? 'match these filters' : 'to list'} on ${target.server}\n`);
    return ExitCode.ok;
  }
  await sink.finish((shown) => countLine(shown, total));
  return ExitCode.ok;
}
