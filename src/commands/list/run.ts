import {
  hasListByStatus,
  idleFilters,
  LEGACY_UNSORTABLE,
  legacyFiltersIgnored,
  legacyListPage,
  listByStatusPage,
  neverLoggedIn,
  pastCutoff,
  type UsersPage,
} from '../../api/finding.js';
import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode } from '../../errors.js';
import { finishListing, interruptedListing, pageInto, startListing } from '../shared/listing.js';
import { idleCutoff, type ListOptions } from './options.js';

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const idle = opts.idle ? idleCutoff(opts.idle, ctx.now()) : undefined;
  const listing = await startListing(ctx, opts);
  const { client, target, sink } = listing;
  const version = await client.serverVersion();
  const legacy = !hasListByStatus(version);
  let filters = idle === undefined ? opts.filters : idleFilters(opts.filters);
  const sortField = filters.sort?.field;
  if (legacy && idle === undefined && sortField && LEGACY_UNSORTABLE.includes(sortField)) {
    throw new CliError(
      `Rocket.Chat ${version.raw} on ${target.server} cannot sort users by ${sortField}: before 6.8, users.list sorts only by the fields it returns`,
      ExitCode.failure,
      'sort by username, name, status or lastLogin there, or upgrade the server to 6.8 or later',
    );
  }
  // users.list cannot leave out users who never logged in (rocketchat-api.md §11): they sort first
  // and are skipped here, so the request goes without the filter.
  if (legacy && idle !== undefined) filters = { ...filters, loggedIn: undefined };
  const fetchPage = async (offset: number): Promise<UsersPage> => {
    if (!legacy) return withoutTotal(await listByStatusPage(client, filters, offset), idle);
    const page = await legacyListPage(client, filters, offset);
    if (offset === 0) {
      // Checked before anything is printed: a filter the server dropped would list everyone.
      const ignored = legacyFiltersIgnored(filters, page.users, idle !== undefined);
      if (ignored.length > 0) {
        throw new CliError(
          `Rocket.Chat ${version.raw} on ${target.server} cannot apply ${ignored.join(' and ')} for you: before 6.8, users.list only filters on roles and logins for callers with the view-full-other-user-info permission`,
          ExitCode.failure,
          `drop ${ignored.join(' and ')} (the other filters work), or run it as an administrator`,
        );
      }
    }
    return withoutTotal(page, idle);
  };
  const paged = await pageInto(ctx, listing, fetchPage, {
    limit: opts.limit,
    ...(idle !== undefined ? { until: pastCutoff(idle), skip: legacy ? neverLoggedIn : undefined } : {}),
  });
  if (paged.interrupted) return interruptedListing(ctx, listing, paged);
  if (sink.count === 0) {
    const what = idle !== undefined ? `idle since ${new Date(idle).toISOString().replace('.000Z', 'Z')}` : Object.keys(opts.filters).length ? 'match these filters' : 'to list';
    ctx.io.stderr.write(`rcuser: no users ${what} on ${target.server}\n`);
    sink.finishEmpty?.();
    return ExitCode.ok;
  }
  await finishListing(listing, paged);
  return ExitCode.ok;
}

/**
 * An idle listing's total is everyone the server matched, not the idle ones; without it the pages
 * are read one at a time, so none is asked for past the cutoff.
 */
function withoutTotal(page: UsersPage, idle: number | undefined): UsersPage {
  return idle === undefined ? page : { ...page, total: undefined };
}
