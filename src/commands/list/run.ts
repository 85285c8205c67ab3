import { hasListByStatus, legacyFiltersIgnored, legacyListPage, listByStatusPage, type ListFilters, type UserType } from '../../api/finding.js';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { openClient, resolveTarget, type GlobalOptions } from '../../session.js';
import { findingError } from '../finding/errors.js';
import { jsonSink, tableSink } from '../finding/output.js';
import { fetchPages } from '../finding/pages.js';
import { ListProgress } from '../finding/progress.js';

export interface ListOptions extends GlobalOptions {
  active?: boolean;
  deactivated?: boolean;
  role?: string[];
  type?: UserType;
  loggedIn?: boolean;
  neverLoggedIn?: boolean;
  search?: string;
  json?: boolean;
  limit?: number;
  /** false with --no-pager. */
  pager?: boolean;
  maxWait?: number;
}

/** Pages in flight at once once the total is known (a page is up to 100 users). */
export const LIST_CONCURRENCY = 4;

export function listFilters(o: ListOptions): ListFilters {
  const f: ListFilters = {};
  if (o.active) f.active = true;
  if (o.deactivated) f.active = false;
  if (o.role?.length) f.roles = [...new Set(o.role)];
  if (o.type) f.type = o.type;
  if (o.loggedIn) f.loggedIn = true;
  if (o.neverLoggedIn) f.loggedIn = false;
  if (o.search !== undefined && o.search.trim() !== '') f.search = o.search.trim();
  return f;
}

export function countLine(shown: number, total: number | undefined, noun = 'users'): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const word = shown === 1 ? noun.replace(/s$/, '') : noun;
  return total !== undefined && total > shown ? `${n(shown)} of ${n(total)} ${noun}` : `${n(shown)} ${word}`;
}

export async function runList(ctx: Context, opts: ListOptions): Promise<number> {
  const { io } = ctx;
  const filters = listFilters(opts);
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target, { connections: LIST_CONCURRENCY, maxWait: opts.maxWait });
  const json = Boolean(opts.json);
  const sink = json ? jsonSink(ctx) : tableSink(ctx, { pager: opts.pager !== false });
  const progress = io.stderrIsTTY && !(json && io.stdoutIsTTY) ? new ListProgress((s) => io.stderr.write(s), () => ctx.now()) : undefined;
  let total: number | undefined;
  try {
    const version = await client.serverVersion();
    const legacy = !hasListByStatus(version);
    let first = true;
    const result = await fetchPages((offset) => (legacy ? legacyListPage(client, filters, offset) : listByStatusPage(client, filters, offset)), {
      limit: opts.limit,
      concurrency: LIST_CONCURRENCY,
      onPage: (page, pageTotal) => {
        if (first && legacy) {
          // Before anything is printed: a filter the server dropped would list everyone instead.
          const ignored = legacyFiltersIgnored(filters, page);
          if (ignored.length > 0) {
            throw new CliError(
              `Rocket.Chat ${version.raw} on ${target.server} cannot apply ${ignored.join(' and ')} for you: before 6.8, users.list only filters on roles and logins for callers with the view-full-other-user-info permission`,
              ExitCode.failure,
              `drop ${ignored.join(' and ')} (the other filters work), or run it as an administrator`,
            );
          }
        }
        first = false;
        sink.add(page.users);
        progress?.update(sink.count, pageTotal);
      },
    });
    total = result.total;
  } catch (err) {
    progress?.clear();
    throw findingError(err, target, 'list users');
  }
  progress?.clear();
  if (sink.count === 0) {
    io.stderr.write(`rcuser: no users ${Object.keys(filters).length ? 'match these filters' : 'to list'} on ${target.server}\n`);
    return ExitCode.ok;
  }
  await sink.finish((shown) => countLine(shown, total));
  return ExitCode.ok;
}
