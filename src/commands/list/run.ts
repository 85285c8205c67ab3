import { hasListByStatus, legacyFiltersIgnored, legacyListPage, listByStatusPage } from '../../api/finding.js';
import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode } from '../../errors.js';
import { finishListing, interruptedListing, pageInto, startListing } from '../shared/listing.js';
import type { ListOptions } from './options.js';

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const { filters } = opts;
  const listing = await startListing(ctx, opts);
  const { client, target, sink } = listing;
  const version = await client.serverVersion();
  const legacy = !hasListByStatus(version);
  let first = true;
  const paged = await pageInto(ctx, listing, (offset) => (legacy ? legacyListPage(client, filters, offset) : listByStatusPage(client, filters, offset)), {
    limit: opts.limit,
    check: (users) => {
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
    },
  });
  if (paged.interrupted) return interruptedListing(ctx, listing, paged);
  if (sink.count === 0) {
    ctx.io.stderr.write(`rcuser: no users ${Object.keys(filters).length ? 'match these filters' : 'to list'} on ${target.server}\n`);
    return ExitCode.ok;
  }
  await finishListing(listing, paged);
  return ExitCode.ok;
}
