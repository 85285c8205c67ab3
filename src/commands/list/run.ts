import { hasListByStatus, legacyFiltersIgnored, legacyKeep, legacyListPage, listByStatusPage, listingPages } from '../../api/finding.js';
import { describeVersion } from '../../api/types.js';
import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode } from '../../errors.js';
import { finishListing, interruptedListing, pageInto, startListing } from '../shared/listing.js';
import type { ListOptions } from './options.js';

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const { filters } = opts;
  const listing = await startListing(ctx, opts);
  const { client, target, sink } = listing;
  const version = await client.serverVersion();
  let legacy = !hasListByStatus(version);
  const pages = listingPages(
    version,
    (offset) => listByStatusPage(client, filters, offset),
    (offset) => legacyListPage(client, filters, offset),
    () => void (legacy = true),
  );
  const keep = legacyKeep(filters);
  let first = true;
  const paged = await pageInto(ctx, listing, pages, {
    limit: opts.limit,
    keep: keep && ((u) => !legacy || keep(u)),
    check: (users) => {
      if (first && legacy) {
        // Checked before anything is printed: a filter the server dropped would list everyone.
        const ignored = legacyFiltersIgnored(filters, users);
        if (ignored.length > 0) {
          throw new CliError(
            `${describeVersion(version)} on ${target.server} cannot apply ${ignored.join(' and ')} for you: before 6.8, users.list only filters on roles and logins for callers with the view-full-other-user-info permission`,
            ExitCode.failure,
            `drop ${ignored.join(' and ')} (the other filters work), or run it as an administrator`,
          );
        }
        if (keep) {
          ctx.io.stderr.write(
            `rcuser: note: before 6.8, users.list cannot be asked for users who have logged in; rcuser reads every page of ${target.server} and keeps them itself\n`,
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
