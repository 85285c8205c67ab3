/**
 * GET /api/v1/users.list (every version) and GET /api/v1/users.listByStatus (6.8+), after
 * rocketchat-api.md §10 and Rocket.Chat's e2e tests (apps/meteor/tests/end-to-end/api/users.ts,
 * "[/users.list]" and "[/users.listByStatus]").
 */
import type { Ctx } from './context.js';
import { json, queryObject, type Reply } from './http.js';
import { escapeRegExp, forbidden, matches, page, pagination, parseSort, project, sortDocs } from './query.js';
import type { Doc } from './seed.js';
import { invalidParams } from './users-info.js';
import { atLeast, checksListQuery, isPre7 } from './versions.js';

/** Settings the finding endpoints read; tests flip them with setSetting(). */
export const SETTING_VIEW_OUTSIDE_ROOM_ON_LIST = 'API_Apply_permission_view-outside-room_on_users-list';
/** An environment variable on the real server, a setting here: 7.0+ honours query/fields again. */
export const SETTING_UNSAFE_QUERY = 'ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS';

const LIST_FIELDS_REGULAR = ['name', 'username', 'status', 'active', 'avatarETag', 'type'];
const LIST_FIELDS_PRIVILEGED = [...LIST_FIELDS_REGULAR, 'emails', 'roles', 'lastLogin'];
/** API.v1.defaultFieldsToExclude plus limitedUserFieldsToExclude (or its privileged variant). */
const NOT_QUERYABLE_DEFAULT = ['joinCode', 'members', 'importIds', 'e2e'];
const NOT_QUERYABLE_REGULAR = [
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'services',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'statusDefault',
  '_updatedAt',
  'settings',
  'inviteToken',
];
const NOT_QUERYABLE_PRIVILEGED = ['services', 'inviteToken'];

/** The projection of users.listByStatus, for everyone (findPaginatedUsersByStatus). */
const BY_STATUS_FIELDS = [
  'name',
  'username',
  'emails',
  'roles',
  'status',
  'active',
  'avatarETag',
  'lastLogin',
  'type',
  'reason',
  'federated',
];

/** The handler's own check behind the setting (the route's view-d-room is checked by the router). */
function listPermission(ctx: Ctx): Reply | undefined {
  const { state } = ctx;
  const caller = ctx.auth!.user;
  if (
    state.settings.get(SETTING_VIEW_OUTSIDE_ROOM_ON_LIST) === true &&
    !state.hasPermission(caller, 'view-outside-room')
  )
    return forbidden();
  return undefined;
}

/** `sort` plus the keys the server adds: status also sorts by active, name by nameInsensitive. */
function actualSort(sort: Record<string, number> | undefined): Record<string, number> {
  const s = { ...(sort ?? { username: 1 }) };
  if (sort?.status) s.active = sort.status;
  if (sort?.name) s.nameInsensitive = sort.name;
  return s;
}

const withNameInsensitive = (doc: Doc): Doc & { nameInsensitive: string } => ({
  ...doc,
  nameInsensitive: typeof doc.name === 'string' ? doc.name.toLowerCase() : '',
});

/**
 * The deprecated `query` of 6.x (parseJsonQuery + cleanQuery): top-level operators other than
 * $or/$and are dropped (cleanQuery's recursion discards its result, so nested ones stay), and so are
 * top-level fields the caller may not query (roles, lastLogin, emails… for regular callers).
 */
function legacyQuery(ctx: Ctx, privileged: boolean): { query: Record<string, unknown>; error?: Reply } {
  const raw = ctx.query.get('query');
  if (!raw) return { query: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      query: {},
      error: json(400, {
        success: false,
        error: `Invalid query parameter provided: "${raw}" [error-invalid-query]`,
        errorType: 'error-invalid-query',
        details: { helperMethod: 'parseJsonQuery' },
      }),
    };
  }
  const hidden = new Set([
    ...NOT_QUERYABLE_DEFAULT,
    ...(privileged ? NOT_QUERYABLE_PRIVILEGED : NOT_QUERYABLE_REGULAR),
  ]);
  const query: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (k.startsWith('$') && k !== '$or' && k !== '$and') continue;
    if (hidden.has(k.split('.')[0]!)) continue;
    query[k] = v;
  }
  return { query };
}

function legacyFields(ctx: Ctx, allowed: string[]): string[] {
  const raw = ctx.query.get('fields');
  if (!raw) return allowed;
  try {
    const asked = Object.entries(JSON.parse(raw) as Record<string, number>)
      .filter(([, v]) => v === 1)
      .map(([k]) => k);
    const kept = asked.filter((k) => allowed.includes(k));
    return kept.length > 0 ? kept : allowed;
  } catch {
    return allowed;
  }
}

/** GET users.list: everyone the caller may list, `count`/`offset`/`sort`; no search term. */
export function usersList(ctx: Ctx): Reply {
  const denied = listPermission(ctx);
  if (denied) return denied;
  const { state, version } = ctx;
  const privileged = state.hasPermission(ctx.auth!.user, 'view-full-other-user-info');
  const { sort, error } = parseSort(ctx.query);
  if (error) return error;
  const { offset, count } = pagination(ctx.query);
  const allowed = privileged ? LIST_FIELDS_PRIVILEGED : LIST_FIELDS_REGULAR;
  // 7.0 stopped reading query/fields (rocketchat-api.md §10) unless the server sets the variable.
  const legacy = isPre7(version) || state.settings.get(SETTING_UNSAFE_QUERY) === true;
  let query: Record<string, unknown> = {};
  let fields = allowed;
  if (legacy) {
    const q = legacyQuery(ctx, privileged);
    if (q.error) return q.error;
    query = q.query;
    fields = legacyFields(ctx, allowed);
  }
  query = nonEmptyQuery(query, privileged);
  if (checksListQuery(version)) {
    const errors = invalidQueryErrors(query, queryAttributes(fields), ['$or', '$and']);
    if (errors.length > 0)
      return json(400, {
        success: false,
        error: `${errors.join('\n')} [error-invalid-query]`,
        errorType: 'error-invalid-query',
      });
  }
  // The route's aggregate runs $match, $project, $addFields nameInsensitive, then $sort
  // (apps/meteor/app/api/server/v1/users.ts, 'users.list'): a sort by a field the projection left
  // out (createdAt always; lastLogin, roles, emails for regular callers) sorts by nothing.
  const found = state.users
    .filter((u) => matches(u, query))
    .map((u) => ({ ...project(u, fields), nameInsensitive: withNameInsensitive(u).nameInsensitive }));
  const users = page(sortDocs(found, actualSort(sort)), offset, count);
  return json(200, { users, count: users.length, offset, total: found.length, success: true });
}

/**
 * getNonEmptyQuery (app/api/server/lib/users.ts): the caller's query over a default `$or` that
 * matches every user with a username or a name (e-mails too for privileged callers); a query with
 * its own `$or` replaces the default one.
 */
function nonEmptyQuery(query: Record<string, unknown>, privileged: boolean): Record<string, unknown> {
  const any = { $regex: '', $options: 'i' };
  const $or: Array<Record<string, unknown>> = [{ username: any }, { name: any }];
  if (privileged) $or.push({ 'emails.address': any });
  return { $or, ...query };
}

/** What 6.x's users.list lets a query name: the projected fields, and paths under e-mail addresses, username and name. */
function queryAttributes(fields: string[]): string[] {
  const all = [
    ...new Set([
      ...fields,
      'name',
      'username',
      'emails',
      'roles',
      'status',
      'active',
      'avatarETag',
      'lastLogin',
      'type',
    ]),
  ];
  return [...all, ...(all.includes('emails') ? ['emails.address.*'] : []), 'username.*', 'name.*'];
}

/**
 * isValidQuery as 6.x has it (app/api/server/lib/isValidQuery.ts): a top-level `$` key must be an
 * allowed operation holding an array of sub-queries; every other key path must be an allowed
 * attribute (`x.*` allows anything under x); an object value extends the path, so an operator inside
 * a field is checked as `field.$op`: `{"roles":{"$in":[…]}}` is "Invalid attribute: roles.$in".
 * The route runs it over getNonEmptyQuery's result with queryOperations ['$or', '$and'].
 */
export function invalidQueryErrors(
  query: Record<string, unknown>,
  attributes: string[],
  operations: string[],
  parent = '',
): string[] {
  for (const [key, value] of Object.entries(query)) {
    const path = parent ? `${parent}.${key}` : key;
    if (parent === '' && path.startsWith('$')) {
      if (!operations.includes(path)) return [`Invalid operation: ${path}`];
      if (!Array.isArray(value)) return [`Invalid parameter for operation: ${path} : ${String(value)}`];
      for (const sub of value) {
        const errors = invalidQueryErrors(sub as Record<string, unknown>, attributes, operations);
        if (errors.length > 0) return errors;
      }
      continue;
    }
    const allowed = attributes.some((a) =>
      a.endsWith('.*') ? path.startsWith(a.replace('.*', '')) : a.endsWith('*') ? true : path === a,
    );
    if (!allowed) return [`Invalid attribute: ${path}`];
    if (value instanceof Object) {
      const errors = invalidQueryErrors(value as Record<string, unknown>, attributes, operations, path);
      if (errors.length > 0) return errors;
    }
  }
  return [];
}

const BY_STATUS_KEYS = ['status', 'hasLoggedIn', 'type', 'roles', 'searchTerm', 'sort', 'count', 'offset'];

/**
 * The query schema (additionalProperties false, compiled with coerceTypes 'array'). Express's qs
 * turns `roles[]=a` into an array named `roles`, which is how Rocket.Chat's web client sends it.
 */
export function listByStatusValidate(ctx: Ctx): Reply | undefined {
  const q = queryObject(ctx.query);
  const keys = Object.keys(q).map((k) => (k.endsWith('[]') ? k.slice(0, -2) : k));
  // The newest servers also take inactiveReason[] (rocketchat-api.md §10; first release UNVERIFIED).
  const allowed = atLeast(ctx.version, 8) ? [...BY_STATUS_KEYS, 'inactiveReason'] : BY_STATUS_KEYS;
  if (keys.some((k) => !allowed.includes(k))) return invalidParams(ctx.version, 'must NOT have additional properties');
  const one = (k: string): string | undefined =>
    Array.isArray(q[k]) ? (q[k] as string[])[0] : (q[k] as string | undefined);
  const status = one('status');
  if (status !== undefined && status !== 'active' && status !== 'deactivated')
    return invalidParams(ctx.version, 'must be equal to one of the allowed values');
  const logged = one('hasLoggedIn');
  if (logged !== undefined && logged !== 'true' && logged !== 'false')
    return invalidParams(ctx.version, 'must be boolean');
  for (const k of ['count', 'offset']) {
    const v = one(k);
    if (v !== undefined && (v.trim() === '' || !Number.isFinite(Number(v))))
      return invalidParams(ctx.version, 'must be number');
  }
  for (const k of ['status', 'hasLoggedIn', 'type', 'searchTerm', 'sort', 'count', 'offset']) {
    if (Array.isArray(q[k]))
      return invalidParams(
        ctx.version,
        k === 'hasLoggedIn' ? 'must be boolean' : k === 'count' || k === 'offset' ? 'must be number' : 'must be string',
      );
  }
  return undefined;
}

/** GET users.listByStatus: the admin Users page's endpoint, every filter applied by the server. */
export function usersListByStatus(ctx: Ctx): Reply {
  const denied = listPermission(ctx);
  if (denied) return denied;
  const { state } = ctx;
  const caller = ctx.auth!.user;
  const { sort, error } = parseSort(ctx.query);
  if (error) return error;
  const { offset, count } = pagination(ctx.query);
  const q = ctx.query;
  const match: Record<string, unknown> = {};
  const status = q.get('status');
  if (status === 'active') match.active = true;
  else if (status === 'deactivated') match.active = false;
  const hasLoggedIn = q.get('hasLoggedIn');
  if (hasLoggedIn !== null) match.lastLogin = { $exists: hasLoggedIn === 'true' };
  const type = q.get('type');
  if (type) match.type = type;
  const roles = [...q.getAll('roles'), ...q.getAll('roles[]')];
  if (roles.length > 0 && !roles.includes('all')) match.roles = { $in: roles };
  const reasons = q.getAll('inactiveReason[]').concat(q.getAll('inactiveReason'));
  if (reasons.length > 0) match.inactiveReason = { $in: reasons };
  const term = q.get('searchTerm')?.trim();
  if (term) {
    const re = { $regex: escapeRegExp(term), $options: 'i' };
    const fields = [
      'username',
      'name',
      ...(state.hasPermission(caller, 'view-full-other-user-info') ? ['emails.address'] : []),
    ];
    match.$or = fields.map((f) => ({ [f]: re }));
  }
  const found = state.users.filter((u) => matches(u, match)).map(withNameInsensitive);
  // findPaginatedUsersByStatus (app/api/server/lib/users.ts): canSeeExtension is
  // view-full-other-user-info or view-user-voip-extension.
  const canSeeExtension =
    state.hasPermission(caller, 'view-full-other-user-info') || state.hasPermission(caller, 'view-user-voip-extension');
  const fields = canSeeExtension ? [...BY_STATUS_FIELDS, 'freeSwitchExtension'] : BY_STATUS_FIELDS;
  const users = page(sortDocs(found, actualSort(sort)), offset, count).map((u) => project(u, fields));
  return json(200, { users, count: users.length, offset, total: found.length, success: true });
}
