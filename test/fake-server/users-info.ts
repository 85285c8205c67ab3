import { json, queryObject, type Reply } from './http.js';
import type { Ctx } from './context.js';
import type { Doc } from './seed.js';
import type { FakeState } from './state.js';
import {
  isBreaking9,
  isPre7,
  lookupKeys,
  optionalInfoKeys,
  stripsSelfSecrets,
  type ServerVersion,
} from './versions.js';

/** Fields every caller sees (getFullUserData's defaultFields, union of the 7.x and newest lists). */
const DEFAULT_FIELDS = new Set([
  '_id',
  'name',
  'username',
  'nickname',
  'status',
  'utcOffset',
  'type',
  'active',
  'bio',
  'reason',
  'statusText',
  'avatarETag',
  'federated',
  'statusLivechat',
  'freeSwitchExtension',
  'extension',
  'statusSource',
  'statusExpiresAt',
]);
/** Added when canViewAllInfo (myself or view-full-other-user-info). */
const FULL_FIELDS = new Set([
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'importIds',
]);

/**
 * The query schema, checked the way ajv does with allErrors off: one error per anyOf branch
 * (required, then additionalProperties, then property types), joined with "\n ".
 */
export function validateUsersInfoQuery(v: ServerVersion, query: Record<string, string | string[]>): string | undefined {
  const optional = optionalInfoKeys(v);
  const branchErrors: string[] = [];
  for (const key of lookupKeys(v)) {
    const allowed = [key, ...optional];
    let error: string | undefined;
    if (!(key in query)) error = `must have required property '${key}'`;
    else if (Object.keys(query).some((k) => !allowed.includes(k))) error = 'must NOT have additional properties';
    else if (allowed.some((k) => Array.isArray(query[k]))) error = 'must be string';
    if (!error) return undefined;
    branchErrors.push(error);
  }
  return [...branchErrors, 'must match a schema in anyOf'].join('\n ');
}

export function invalidParams(v: ServerVersion, message: string): Reply {
  if (isBreaking9(v)) return json(400, { success: false, errorType: 'error-invalid-params', error: message });
  return json(400, { success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });
}

export function usersInfoValidate(ctx: Ctx): Reply | undefined {
  const message = validateUsersInfoQuery(ctx.version, queryObject(ctx.query));
  return message === undefined ? undefined : invalidParams(ctx.version, message);
}

export function usersInfo(ctx: Ctx): Reply {
  const { state, version } = ctx;
  const caller = ctx.auth!.user;
  const q = Object.fromEntries(ctx.query) as Record<string, string>;
  // Precedence of the handler's `||` chain; the schema already guarantees a single key.
  const term = lookupKeys(version)
    .map((k) => [k, q[k] ?? ''] as const)
    .find(([, value]) => !!value);
  if (!term) return failure('Invalid search query.');
  const [key, value] = term;

  const myself =
    (key === 'userId' && value === caller._id) ||
    (key === 'username' && value === caller.username) ||
    (key === 'importId' && Array.isArray(caller.importIds) && caller.importIds.includes(value)) ||
    (key === 'freeSwitchExtension' && value === caller.freeSwitchExtension) ||
    (key === 'email' && hasEmail(caller, value));
  const canViewAllInfo = myself || state.hasPermission(caller, 'view-full-other-user-info');

  let target: Doc | undefined;
  if (key === 'userId' || key === 'username') target = state.byIdOrUsername(value);
  else if (!canViewAllInfo)
    target = undefined; // importId/email lookups are for privileged callers only
  else if (key === 'importId') target = state.byImportId(value);
  else if (key === 'email') target = state.byEmail(value);
  else target = state.users.find((u) => u.freeSwitchExtension === value);
  if (!target) return failure('User not found.');

  const user: Doc = { ...project(state, version, target, canViewAllInfo, myself), canViewAllInfo };
  const wantsRooms = isPre7(version) ? fieldsAskForRooms(q.fields) : q.includeUserRooms === 'true';
  if (wantsRooms && (target._id === caller._id || state.hasPermission(caller, 'view-other-user-channels'))) {
    user.rooms = roomsOf(state, target._id as string);
  }
  return json(200, { user, success: true });
}

const failure = (error: string): Reply => json(400, { success: false, error });

function hasEmail(user: Doc, value: string): boolean {
  const want = value.trim().toLowerCase();
  return Array.isArray(user.emails) && user.emails.some((e: { address?: string }) => e.address?.toLowerCase() === want);
}

function fieldsAskForRooms(fields: string | undefined): boolean {
  if (!fields) return false;
  try {
    return (JSON.parse(fields) as Record<string, unknown>)?.userRooms === 1;
  } catch {
    return false;
  }
}

/** A Mongo-style projection: keeps the document's key order, drops what the caller may not see. */
function project(state: FakeState, version: ServerVersion, doc: Doc, canViewAllInfo: boolean, myself: boolean): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) {
    if (DEFAULT_FIELDS.has(k) || (canViewAllInfo && FULL_FIELDS.has(k))) out[k] = v;
    else if (k === 'customFields' && v && typeof v === 'object') {
      const visible = Object.entries(v).filter(([cf]) => canViewAllInfo || state.publicCustomFields.has(cf));
      if (visible.length > 0) out[k] = Object.fromEntries(visible);
    } else if (k === 'services' && myself && v && typeof v === 'object') {
      out[k] = selfServices(state, doc, version);
    }
  }
  return out;
}

/**
 * Own services (rocketchat-api.md §9). 7.x/8.x (apps/meteor/app/lib/server/functions/getFullUserData.ts)
 * only turn the password hash into `true`: TOTP secret, backup hashes, login-token hashes, password
 * history, e-mail tokens and codes and OAuth tokens all come back. The newest line
 * (apps/meteor/server/lib/users/getFullUserData.ts) also drops resume, passwordHistory and email.
 */
function selfServices(state: FakeState, user: Doc, version: ServerVersion): Doc {
  // Meteor $push/$set append to the stored doc, so the state kept outside the doc comes last.
  const services: Doc = { ...(user.services as Doc) };
  const id = user._id as string;
  const resume = state.resumeOf(id);
  if (resume && !('resume' in services)) services.resume = resume;
  const emailCode = state.emailCodeOf(id);
  if (emailCode) services.emailCode = emailCode;
  const out: Doc = {};
  for (const [k, v] of Object.entries(services)) {
    if (stripsSelfSecrets(version) && (k === 'resume' || k === 'passwordHistory' || k === 'email')) continue;
    out[k] = k === 'password' ? true : v;
  }
  return out;
}

/** Subscriptions sorted by t then name with plain code-unit comparison (MongoDB's binary order). */
export function roomsOf(state: FakeState, userId: string): Doc[] {
  const cmp = (a: unknown, b: unknown): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  return [...(state.rooms.get(userId) ?? [])].sort((a, b) => cmp(a.t, b.t) || cmp(a.name, b.name));
}
