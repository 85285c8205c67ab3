/**
 * Finding users (rocketchat-api.md §10): users.listByStatus (6.8+), users.list with the 6.x `query`,
 * the directory and users.autocomplete. Never prints; every failure is a typed error. Each user comes
 * with the raw JSON text the server sent for it (credentials redacted), for NDJSON output.
 */
import { rawArrayItems, rawMember } from '../lib/rawjson.js';
import { redactedUser, type RocketChatClient } from './client.js';
import { ApiError, parseJsonBody } from './errors.js';
import { versionAtLeast, type ServerVersion, type User } from './types.js';

/** A user as the server sent it: parsed, and the exact text of its object. */
export interface FoundUser {
  user: User;
  /** Its exact text, credentials under `services` redacted. */
  raw: string;
}

export interface UsersPage {
  users: FoundUser[];
  offset: number;
  /** How many match in all, when the endpoint says (autocomplete does not). */
  total?: number;
}

/** API_Upper_Count_Limit's default: ask for this many, then read count/total (a server may cap lower). */
export const PAGE_SIZE = 100;

/** Pages in flight at once, once the first page has said how many there are. */
export const PAGE_CONCURRENCY = 4;

const LISTING_HINT =
  'listing users needs the view-d-room permission (and view-outside-room where the server applies it to user lists); ask an administrator';

export type UserType = 'user' | 'bot' | 'app';

/** The fields `list --sort` offers; the server sorts, so `--limit` takes the real top N. */
export const SORT_FIELDS = ['username', 'name', 'lastLogin', 'createdAt', 'status'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface ListSort {
  field: SortField;
  desc?: boolean;
}

/** The filters of `rcuser list`; each maps to one of the server's own. */
export interface ListFilters {
  active?: boolean;
  /** Any of these roles. */
  roles?: string[];
  type?: UserType;
  loggedIn?: boolean;
  search?: string;
  sort?: ListSort;
}

/**
 * The `sort` parameter. Any key but username repeats across users, and MongoDB pages through ties
 * in no fixed order (a user could show on two pages, or none): `_id` breaks them.
 */
function sortParam(sort: ListSort | undefined): string {
  const field = sort?.field ?? 'username';
  const dir = sort?.desc ? -1 : 1;
  return JSON.stringify(field === 'username' ? { username: dir } : { [field]: dir, _id: dir });
}

/**
 * `list --idle`: the users users.deactivateIdle would take for this cutoff (active, last login at or
 * before it), asked for oldest login first so the listing can stop at the first user past the cutoff.
 * users.listByStatus leaves out those who never logged in (hasLoggedIn=false); users.list cannot
 * (rocketchat-api.md §11), so there they come first and idleSkip() drops them.
 */
export function idleFilters(f: ListFilters): ListFilters {
  return { ...f, active: true, loggedIn: true, sort: { field: 'lastLogin' } };
}

const loginTime = (u: FoundUser): number | undefined => {
  const t = typeof u.user.lastLogin === 'string' ? Date.parse(u.user.lastLogin) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** The first user past the cutoff ends an idle listing (the pages are in lastLogin order). */
export const pastCutoff =
  (cutoff: number) =>
  (u: FoundUser): boolean =>
    (loginTime(u) ?? -Infinity) > cutoff;

/** Users without a last login, which users.list sorts first: not idle, never logged in. */
export const neverLoggedIn = (u: FoundUser): boolean => loginTime(u) === undefined;

/**
 * users.list (servers before 6.8) projects its fields before it sorts (the route's aggregate runs
 * $project, then $sort: apps/meteor/app/api/server/v1/users.ts), so it can only sort by what it
 * returns: never createdAt, and lastLogin only for callers with view-full-other-user-info.
 */
export const LEGACY_UNSORTABLE: readonly SortField[] = ['createdAt'];

/** users.listByStatus arrived with the admin Users page in 6.8; before it, users.list read `query`. */
export const hasListByStatus = (v: ServerVersion): boolean => versionAtLeast(v, 6, 8);

async function getUsers(client: RocketChatClient, path: string, itemsKey: string): Promise<UsersPage> {
  const what = `GET ${path.split('?')[0]}`;
  const res = await client.send({ method: 'GET', path });
  if (res.status !== 200) {
    const err = client.failure(res, what);
    if (err instanceof ApiError && err.status === 403) {
      throw new ApiError(`${client.server} refused ${what} (HTTP 403: ${err.serverMessage})`, 403, err.serverMessage, {
        hint: LISTING_HINT,
      });
    }
    throw err;
  }
  const body = parseJsonBody(res, client.server, what);
  const list = body[itemsKey];
  if (!Array.isArray(list)) {
    throw new ApiError(`${client.server} answered ${what} without a list of users`, res.status, '', {
      hint: 'this does not look like a Rocket.Chat server; check the server URL',
    });
  }
  const rawList = rawMember(res.text, itemsKey);
  const raws = rawList !== undefined ? rawArrayItems(rawList) : [];
  // Redacted here, at the source (the one call site for listings), as users.info's answers are:
  // no output of a listing can then print a credential a server put under `services`.
  const users: FoundUser[] = [];
  list.forEach((user: unknown, i) => {
    // `null` or a string is no user: a line of it would break `jq .username` and the table's rows.
    if (!user || typeof user !== 'object' || Array.isArray(user)) return;
    users.push({
      user: user as User,
      raw: redactedUser(
        () => (raws.length === list.length ? raws[i]! : JSON.stringify(user)),
        client.server,
        what,
        res.status,
      ),
    });
  });
  return {
    users,
    offset: typeof body.offset === 'number' ? body.offset : 0,
    total: typeof body.total === 'number' ? body.total : undefined,
  };
}

/** One page of users.listByStatus, every filter applied by the server. */
export function listByStatusPage(
  client: RocketChatClient,
  f: ListFilters,
  offset: number,
  count = PAGE_SIZE,
): Promise<UsersPage> {
  const q = new URLSearchParams();
  if (f.active !== undefined) q.set('status', f.active ? 'active' : 'deactivated');
  if (f.loggedIn !== undefined) q.set('hasLoggedIn', String(f.loggedIn));
  if (f.type) q.set('type', f.type);
  // roles[]=a&roles[]=b: how Rocket.Chat's own web client sends the array.
  for (const r of f.roles ?? []) q.append('roles[]', r);
  if (f.search !== undefined) q.set('searchTerm', f.search);
  if (f.sort) q.set('sort', sortParam(f.sort));
  q.set('count', String(count));
  q.set('offset', String(offset));
  return getUsers(client, `/api/v1/users.listByStatus?${q}`, 'users');
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The deprecated `query` of users.list before 6.8 (6.x honours it; 7.0 ignores it), in the only
 * shapes 6.x's isValidQuery lets through (rocketchat-api.md §11): plain equalities and top-level
 * `$or`/`$and`, no operator inside a field. So roles are an `$or` of equalities, "never logged in" is
 * `lastLogin: null`, two `$or`s (roles, search) go in an `$and`, and "has logged in", which needs
 * an operator, is not asked for: legacyKeep() drops those users from the pages. The server drops
 * top-level fields a caller may not query (lastLogin without view-full-other-user-info) instead of
 * matching on them: see legacyFiltersIgnored().
 */
export function legacyQuery(f: ListFilters): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (f.active !== undefined) q.active = f.active;
  if (f.type) q.type = f.type;
  if (f.loggedIn === false) q.lastLogin = null;
  const ors: Array<Record<string, unknown>> = [];
  if (f.roles?.length) ors.push({ $or: f.roles.map((role) => ({ roles: role })) });
  const term = f.search?.trim();
  if (term) {
    const re = { $regex: escapeRegExp(term), $options: 'i' };
    ors.push({ $or: [{ username: re }, { name: re }] });
  }
  if (ors.length === 1) Object.assign(q, ors[0]);
  else if (ors.length > 1) q.$and = ors;
  return q;
}

/** What legacyQuery() could not ask the server for, as a filter over the pages: "has logged in". */
export function legacyKeep(f: ListFilters): ((u: FoundUser) => boolean) | undefined {
  return f.loggedIn === true ? (u) => u.user.lastLogin !== undefined && u.user.lastLogin !== null : undefined;
}

/** One page of users.list, the filters in `query` (servers before 6.8). */
export function legacyListPage(
  client: RocketChatClient,
  f: ListFilters,
  offset: number,
  count = PAGE_SIZE,
): Promise<UsersPage> {
  const q = new URLSearchParams();
  const query = legacyQuery(f);
  if (Object.keys(query).length > 0) q.set('query', JSON.stringify(query));
  q.set('sort', sortParam(f.sort));
  q.set('count', String(count));
  q.set('offset', String(offset));
  return getUsers(client, `/api/v1/users.list?${q}`, 'users');
}

/**
 * The filters the server silently left out of a users.list answer: callers without
 * view-full-other-user-info get users without `roles`, and cannot filter on roles or lastLogin.
 */
export function legacyFiltersIgnored(f: ListFilters, firstPage: FoundUser[], idle = false): string[] {
  if (firstPage.length === 0 || firstPage.some((u) => 'roles' in u.user)) return [];
  if (idle) return [...(f.roles?.length ? ['--role'] : []), '--idle'];
  return [
    ...(f.roles?.length ? ['--role'] : []),
    ...(f.loggedIn === true ? ['--logged-in'] : f.loggedIn === false ? ['--never-logged-in'] : []),
    ...(f.sort?.field === 'lastLogin' ? ['--sort lastLogin'] : []),
  ];
}

type PageFn = (offset: number) => Promise<UsersPage>;

/** What a server that answered users.listByStatus with 404 is: before 6.8, whatever /api/info said. */
export const beforeListByStatus = (v: ServerVersion): ServerVersion => ({
  raw: v.raw,
  major: 6,
  minor: 7,
  unknown: v.unknown,
});

/**
 * The page source of a listing: users.listByStatus (`newer`) on 6.8 and later, `older` before. A
 * server of unknown version is taken for the newest; when it answers users.listByStatus with 404, it
 * is older than 6.8 and `older` takes over (`onFallback` says so once, before any page is shown).
 */
export function listingPages(version: ServerVersion, newer: PageFn, older: PageFn, onFallback?: () => void): PageFn {
  if (!hasListByStatus(version)) return older;
  if (!version.unknown) return newer;
  let settled: PageFn | undefined;
  return async (offset) => {
    if (settled) return settled(offset);
    try {
      const page = await newer(offset);
      settled = newer;
      return page;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
      settled = older;
      onFallback?.();
      return older(offset);
    }
  };
}

/** One page of the directory's users (7.0+ plain parameters; 6.x inside a JSON `query`). */
export function directoryPage(
  client: RocketChatClient,
  version: ServerVersion,
  text: string,
  offset: number,
  count = PAGE_SIZE,
): Promise<UsersPage> {
  const q = new URLSearchParams();
  if (versionAtLeast(version, 7)) {
    q.set('type', 'users');
    q.set('text', text);
  } else {
    q.set('query', JSON.stringify({ type: 'users', text }));
  }
  // A unique key, so that pages never overlap (the default sorts by name, which repeats).
  q.set('sort', JSON.stringify({ username: 1 }));
  q.set('count', String(count));
  q.set('offset', String(offset));
  return getUsers(client, `/api/v1/directory?${q}`, 'result');
}

/** users.autocomplete's fixed cap: no paging, at most this many users. */
export const AUTOCOMPLETE_LIMIT = 10;

/** Active users whose username, name or nickname contains `term`; at most 10; open to every caller. */
export async function autocompleteUsers(
  client: RocketChatClient,
  term: string,
  exceptions: string[] = [],
): Promise<FoundUser[]> {
  // `exceptions`: usernames left out, so a second call finds the next ten (rocketchat-api.md §10).
  const q = new URLSearchParams({ selector: JSON.stringify(exceptions.length ? { term, exceptions } : { term }) });
  return (await getUsers(client, `/api/v1/users.autocomplete?${q}`, 'items')).users;
}

/** A 403, or the directory's "Please verify the parameters" (its answer to a missing permission). */
export function isPermissionRefusal(err: unknown): boolean {
  return (
    err instanceof ApiError &&
    (err.status === 403 || (err.status === 400 && err.serverMessage === 'Please verify the parameters'))
  );
}

/** A listed user's identity for paging (lib/paging.ts): its id, else its whole text. */
export const userKey = (u: FoundUser): string => (typeof u.user._id === 'string' ? u.user._id : u.raw);

/** A page of users all seen before: the server (or a cache in front of it) ignores `offset`. */
export function repeatedPageError(server: string, offset: number, listed: number): ApiError {
  return new ApiError(
    `${server} sent the same users again for offset=${offset}, so the listing stopped after ${listed.toLocaleString('en-US')} users`,
    200,
    '',
    {
      hint: 'the server, or a proxy or cache in front of it, ignores the offset parameter; the list above is incomplete',
    },
  );
}
