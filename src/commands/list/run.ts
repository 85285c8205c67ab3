import {
  hasListByStatus,
  idleFilters,
  LEGACY_UNSORTABLE,
  legacyFiltersIgnored,
  legacyKeep,
  legacyListPage,
  listByStatusPage,
  listingPages,
  neverLoggedIn,
  pastCutoff,
  type UsersPage,
} from '../../api/finding.js';
import { listRoles, type Role } from '../../api/roles.js';
import { describeVersion } from '../../api/types.js';
import { clean } from '../../render/text.js';
import { wrapLine } from '../../render/wrap.js';
import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode } from '../../errors.js';
import { finishListing, interruptedListing, pageInto, startListing } from '../shared/listing.js';
import { idleCutoff, type ListOptions } from './options.js';

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const idle = opts.idle ? idleCutoff(opts.idle, ctx.now()) : undefined;
  const listing = await startListing(ctx, opts);
  const { client, target, sink } = listing;
  const version = await client.serverVersion();
  // Known from the version, or learnt when a server of unknown version has no users.listByStatus.
  let legacy = !hasListByStatus(version);
  const filters = idle === undefined ? opts.filters : idleFilters(opts.filters);
  const sortField = filters.sort?.field;
  const checkSortable = (): void => {
    if (idle === undefined && sortField && LEGACY_UNSORTABLE.includes(sortField)) {
      throw new CliError(
        `${describeVersion(version)} on ${target.server} cannot sort users by ${sortField}: before 6.8, users.list sorts only by the fields it returns`,
        ExitCode.failure,
        'sort by username, name, status or lastLogin there, or upgrade the server to 6.8 or later',
      );
    }
  };
  if (legacy) checkSortable();
  // users.list cannot leave out users who never logged in (rocketchat-api.md §11): they sort first
  // and are skipped here, so the request goes without the filter. Nor can it be asked for users who
  // have logged in (legacyQuery): those are kept from the pages here, and the server's total, which
  // counts the others too, is dropped.
  const legacyFilters = idle !== undefined ? { ...filters, loggedIn: undefined } : filters;
  const keep = idle === undefined ? legacyKeep(filters) : undefined;
  const older = async (offset: number): Promise<UsersPage> => {
    if (offset === 0) checkSortable();
    const page = await legacyListPage(client, legacyFilters, offset);
    if (offset === 0) {
      // Checked before anything is printed: a filter the server dropped would list everyone.
      const ignored = legacyFiltersIgnored(filters, page.users, idle !== undefined);
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
    return withoutTotal(page, idle !== undefined || keep !== undefined);
  };
  const newer = async (offset: number): Promise<UsersPage> =>
    withoutTotal(await listByStatusPage(client, filters, offset), idle !== undefined);
  const fetchPage = listingPages(version, newer, older, () => void (legacy = true));
  const skipLegacy = idle !== undefined ? neverLoggedIn : keep && ((u: Parameters<typeof keep>[0]) => !keep(u));
  const paged = await pageInto(ctx, listing, fetchPage, {
    limit: opts.limit,
    ...(idle !== undefined ? { until: pastCutoff(idle) } : {}),
    ...(skipLegacy ? { skip: (u: Parameters<typeof skipLegacy>[0]) => legacy && skipLegacy(u) } : {}),
  });
  if (paged.interrupted) throw interruptedListing(listing, paged);
  if (sink.count === 0) {
    const what =
      idle !== undefined
        ? `idle since ${new Date(idle).toISOString().replace('.000Z', 'Z')}`
        : Object.keys(opts.filters).length
          ? 'match these filters'
          : 'to list';
    ctx.io.stderr.write(`${wrapLine(`rcuser: no users ${what} on ${target.server}`, ctx.io.stderrColumns, 0, 2)}\n`);
    if (opts.filters.roles?.length)
      ctx.io.stderr.write(roleNote(opts.filters.roles, target.server, await listRoles(client), ctx.io.stderrColumns));
    sink.finishEmpty?.();
    return ExitCode.ok;
  }
  await finishListing(listing, paged);
  return ExitCode.ok;
}

/** Rocket.Chat's built-in role ids (app/authorization/server/functions/upsertPermissions.ts, defaultRoles). */
const BUILT_IN_ROLES: Role[] = [
  'admin',
  'user',
  'bot',
  'guest',
  'anonymous',
  'app',
  'livechat-agent',
  'livechat-manager',
  'owner',
  'moderator',
  'leader',
].map((id) => ({ id, name: id }));

/**
 * `--role Admin` matched nobody: role ids are case-sensitive. With the server's roles (asked only
 * now, after an empty listing; undefined when it would not say), the one each differs from in case
 * or by its display name, and the whole list; else the built-in role it differs from in case. A
 * role the server has, spelt right, needs no note: nobody holds it.
 */
function roleNote(asked: readonly string[], server: string, known: Role[] | undefined, columns?: number): string {
  const roles = known ?? BUILT_IN_ROLES;
  if (known && asked.every((a) => known.some((r) => r.id === a))) return '';
  const near = asked.flatMap((a) =>
    roles
      .filter((r) => r.id !== a && (r.id.toLowerCase() === a.toLowerCase() || r.name.toLowerCase() === a.toLowerCase()))
      .map(roleWords),
  );
  const fix = near.length ? ` (did you mean ${near.map((r) => `--role ${r}`).join(', ')}?)` : '';
  const list = known
    ? `\n${wrapLine(
        `roles on ${server}: ${[...known]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map(roleWords)
          .join(', ')}`,
        columns,
        2,
        4,
      )}`
    : '';
  return `${wrapLine(`rcuser: note: role names are case-sensitive${fix}`, columns, 0, 4)}${list}\n`;
}

/** A role as --role takes it (its id), with the name the admin UI shows when that differs. */
const roleWords = (r: Role): string =>
  r.name === r.id ? clean(r.id, 100) : `${clean(r.id, 100)} (${clean(r.name, 100)})`;

/**
 * A listing's total when the pages are cut here (an idle listing's cutoff, users.list's logins) is
 * not what is shown; without it the pages are read one at a time, so none is asked for needlessly.
 */
function withoutTotal(page: UsersPage, drop: boolean): UsersPage {
  return drop ? { ...page, total: undefined } : page;
}
