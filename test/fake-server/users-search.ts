/**
 * The search endpoints a regular user can reach (rocketchat-api.md §10): users.autocomplete,
 * spotlight and directory. Cases replayed from apps/meteor/tests/end-to-end/api/users.ts
 * ("[/users.autocomplete]") and miscellaneous.ts ("/directory", "[/spotlight]").
 */
import type { Ctx } from './context.js';
import { json, queryObject, type Reply } from './http.js';
import { escapeRegExp, matches, page, pagination, parseSort, project, sortDocs } from './query.js';
import type { Doc } from './seed.js';
import type { FakeState } from './state.js';
import { invalidParams } from './users-info.js';
import { isPre7 } from './versions.js';

const failure = (error: string): Reply => json(400, { success: false, error });

/** Users who share a room with `caller`: all a caller without view-outside-room may find. */
function contactsOf(state: FakeState, caller: Doc): Set<string> {
  const mine = new Set((state.rooms.get(caller._id as string) ?? []).map((s) => s.rid));
  const out = new Set<string>();
  for (const [userId, subs] of state.rooms)
    if (userId !== caller._id && subs.some((s) => mine.has(s.rid))) out.add(userId);
  return out;
}

function onlyKeys(ctx: Ctx, allowed: string[], required: string): Reply | undefined {
  const q = queryObject(ctx.query);
  if (!(required in q)) return invalidParams(ctx.version, `must have required property '${required}'`);
  if (Object.keys(q).some((k) => !allowed.includes(k)))
    return invalidParams(ctx.version, 'must NOT have additional properties');
  if (Array.isArray(q[required])) return invalidParams(ctx.version, 'must be string');
  return undefined;
}

export const autocompleteValidate = (ctx: Ctx): Reply | undefined => onlyKeys(ctx, ['selector'], 'selector');

/** Operators users.autocomplete accepts in `selector.conditions`; the e2e test shows $nor refused. */
const CONDITION_OPERATORS = ['$and', '$or', '$eq', '$ne', '$in', '$nin', '$exists'];

function badOperator(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.map(badOperator).find(Boolean);
  if (!v || typeof v !== 'object') return undefined;
  for (const [k, inner] of Object.entries(v)) {
    if (k.startsWith('$') && !CONDITION_OPERATORS.includes(k)) return k;
    const bad = badOperator(inner);
    if (bad) return bad;
  }
  return undefined;
}

/** Users `caller` has a direct-message room with (Subscriptions.findConnectedUsersExcept with type 'd'). */
function directContactsOf(state: FakeState, caller: Doc): Set<string> {
  const mine = new Set((state.rooms.get(caller._id as string) ?? []).filter((s) => s.t === 'd').map((s) => s.rid));
  const out = new Set<string>();
  for (const [userId, subs] of state.rooms)
    if (userId !== caller._id && subs.some((s) => s.t === 'd' && mine.has(s.rid))) out.add(userId);
  return out;
}

/**
 * GET users.autocomplete?selector={"term","exceptions","conditions"}, as findUsersToAutocomplete
 * (app/api/server/lib/users.ts): first the users the caller has direct messages with (up to 10),
 * then, with view-outside-room, active users by username (10 in all); without it, the caller's other
 * room mates (up to 10 more). Contacts are matched on Accounts_SearchFields (default username and
 * name; bio is not modelled), the rest on username, name and nickname.
 */
export function usersAutocomplete(ctx: Ctx): Reply {
  const { state } = ctx;
  const caller = ctx.auth!.user;
  let selector: { term?: unknown; exceptions?: unknown; conditions?: unknown };
  try {
    selector = JSON.parse(ctx.query.get('selector') ?? '') as typeof selector;
  } catch {
    return failure('Invalid selector [error-invalid-params]'); // UNVERIFIED wording
  }
  if (!selector || typeof selector !== 'object') selector = {};
  const bad = badOperator(selector.conditions);
  if (bad)
    return json(400, {
      success: false,
      error: `Invalid query: operator ${bad} is not allowed [error-invalid-query]`,
      errorType: 'error-invalid-query',
    }); // wording UNVERIFIED
  const term = typeof selector.term === 'string' ? selector.term : '';
  const re = { $regex: escapeRegExp(term), $options: 'i' };
  const exceptions = Array.isArray(selector.exceptions) ? [...selector.exceptions] : [];
  const conditions = (selector.conditions as Record<string, unknown>) ?? {};
  const query = (fields: string[]) => ({
    $and: [
      { active: true, username: { $exists: true, $nin: exceptions } },
      conditions,
      { $or: fields.map((f) => ({ [f]: re })) },
    ],
  });
  const fields = ['name', 'username', 'nickname', 'status', 'avatarETag'];
  const direct = directContactsOf(state, caller);
  const contacts = sortDocs(
    state.users.filter((u) => direct.has(u._id as string) && matches(u, query(['username', 'name']))),
    { username: 1 },
  ).slice(0, 10);
  if (contacts.length >= 10) return json(200, { items: contacts.map((u) => project(u, fields)), success: true });
  exceptions.push(...contacts.map((u) => u.username));
  let rest: Doc[];
  if (!state.hasPermission(caller, 'view-outside-room')) {
    const mates = contactsOf(state, caller);
    rest = sortDocs(
      state.users.filter((u) => mates.has(u._id as string) && matches(u, query(['username', 'name']))),
      { username: 1 },
    ).slice(0, 10);
  } else {
    rest = sortDocs(
      state.users.filter((u) => matches(u, query(['username', 'name', 'nickname']))),
      { username: 1 },
    ).slice(0, 10 - contacts.length);
  }
  return json(200, { items: [...contacts, ...rest].map((u) => project(u, fields)), success: true });
}

export const spotlightValidate = (ctx: Ctx): Reply | undefined => onlyKeys(ctx, ['query'], 'query');

/** GET spotlight?query=: users (exact username first) and the caller's rooms; at most 5 users. */
export function spotlight(ctx: Ctx): Reply {
  const { state } = ctx;
  const caller = ctx.auth!.user;
  const text = ctx.query.get('query') ?? '';
  const usersOnly = text.startsWith('@');
  const roomsOnly = text.startsWith('#');
  const term = usersOnly || roomsOnly ? text.slice(1) : text;
  const re = new RegExp(escapeRegExp(term), 'i');
  const outsideAllowed = state.hasPermission(caller, 'view-outside-room') && state.hasPermission(caller, 'view-d-room');
  const contacts = contactsOf(state, caller);
  let users: Doc[] = [];
  if (!roomsOnly && term !== '') {
    const found = state.users.filter(
      (u) =>
        u.active === true &&
        typeof u.username === 'string' &&
        (outsideAllowed || contacts.has(u._id as string)) &&
        (re.test(u.username) || (typeof u.name === 'string' && re.test(u.name))),
    );
    const exact = found.filter((u) => u.username === term);
    const rest = sortDocs(
      found.filter((u) => u.username !== term),
      { username: 1 },
    );
    users = [...exact, ...rest].slice(0, 5).map((u) => ({
      ...project(u, ['username', 'nickname', 'name', 'status', 'statusText', 'avatarETag']),
      outside: !contacts.has(u._id as string),
    }));
  }
  const rooms = usersOnly
    ? []
    : (state.rooms.get(caller._id as string) ?? [])
        .filter((s) => s.t !== 'd' && typeof s.name === 'string' && re.test(s.name))
        .map((s) => ({ _id: s.rid, name: s.name, t: s.t }));
  return json(200, { users, rooms, success: true });
}

/** 7.0+ takes plain parameters; 6.x put text/type/workspace inside a JSON `query`. */
export function directoryValidate(ctx: Ctx): Reply | undefined {
  // isDirectoryProps (rest-typings v1/misc): `query` stays allowed after 7.0, which just stops reading it.
  const allowed = isPre7(ctx.version)
    ? ['query', 'sort', 'count', 'offset']
    : ['text', 'type', 'workspace', 'sort', 'count', 'offset', 'query'];
  const q = queryObject(ctx.query);
  if (Object.keys(q).some((k) => !allowed.includes(k)))
    return invalidParams(ctx.version, 'must NOT have additional properties');
  if (Object.values(q).some(Array.isArray)) return invalidParams(ctx.version, 'must be string');
  return undefined;
}

/**
 * GET directory (app/api/server/v1/misc.ts): one sort key at most, `result`/`count`/`offset`/`total`;
 * for users, active users whose username or name contains the text, name descending by default.
 * A type it does not know, or users without view-outside-room, is "Please verify the parameters".
 */
export function directory(ctx: Ctx): Reply {
  const { state, version } = ctx;
  const caller = ctx.auth!.user;
  let params: { text?: unknown; type?: unknown; workspace?: unknown };
  if (isPre7(version)) {
    try {
      params = JSON.parse(ctx.query.get('query') ?? '{}') as typeof params;
    } catch {
      return json(400, {
        success: false,
        error: `Invalid query parameter provided: "${ctx.query.get('query')}" [error-invalid-query]`,
        errorType: 'error-invalid-query',
      });
    }
  } else {
    params = {
      text: ctx.query.get('text') ?? undefined,
      type: ctx.query.get('type') ?? undefined,
      workspace: ctx.query.get('workspace') ?? undefined,
    };
  }
  const { sort, error } = parseSort(ctx.query);
  if (error) return error;
  if (sort && Object.keys(sort).length > 1) return failure('This method support only one "sort" parameter');
  const { offset, count } = pagination(ctx.query);
  const limit = count > 0 ? count : 10;
  const type = params.type;
  if (type === 'channels' || type === 'teams')
    return json(200, { result: [], count: 0, offset, total: 0, success: true }); // rooms are not modelled
  if (type !== 'users') return failure('Please verify the parameters');
  if (!state.hasPermission(caller, 'view-outside-room') || !state.hasPermission(caller, 'view-d-room'))
    return failure('Please verify the parameters');
  const text = typeof params.text === 'string' ? params.text : '';
  const re = { $regex: escapeRegExp(text), $options: 'i' };
  const privileged = state.hasPermission(caller, 'view-full-other-user-info');
  const searchIn = ['username', 'name', ...(params.workspace === 'all' ? ['emails.address'] : [])];
  const found = state.users.filter((u) =>
    matches(u, { active: true, username: { $exists: true }, $or: searchIn.map((f) => ({ [f]: re })) }),
  );
  const [sortBy, dir] = sort ? Object.entries(sort)[0]! : ['name', -1];
  const fields = ['username', 'name', 'nickname', 'bio', 'createdAt', 'avatarETag', ...(privileged ? ['emails'] : [])];
  const result = page(sortDocs(found, { [sortBy]: dir }), offset, limit).map((u) => project(u, fields));
  return json(200, { result, count: result.length, offset, total: found.length, success: true });
}
