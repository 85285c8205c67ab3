import type { Ctx } from './context.js';
import { header, json, type Reply } from './http.js';
import { BLOCK_MESSAGES } from './login-block.js';
import type { Doc } from './seed.js';
import { emailsOf, servicesOf, type FakeState } from './state.js';
import { checkSecondFactor, sha256Hex } from './twofactor.js';
import { isBreaking9, isPre7, logoutBodyIsEmpty, type ServerVersion } from './versions.js';

const NOT_LOGGED_IN = 'You must be logged in to do this.';
/** details of every refusal validateLoginAttemptAsync throws (apps/meteor/app/authentication/server/startup/index.js). */
const VALIDATE = { function: 'Accounts.validateLoginAttempt' };

/** 401 for a missing, unknown or expired token, in the version's shape. */
export function unauthorized(v: ServerVersion): Reply {
  if (isPre7(v)) return json(401, { status: 'error', message: NOT_LOGGED_IN });
  if (isBreaking9(v)) return json(401, { success: false, error: NOT_LOGGED_IN });
  return json(401, { success: false, error: NOT_LOGGED_IN, status: 'error', message: NOT_LOGGED_IN });
}

/** A failed login: the REST layer's `unauthorized()` plus the compat status/details/message keys. */
function loginFailure(
  v: ServerVersion,
  error: string | number,
  message: string,
  details?: Record<string, unknown>,
): Reply {
  if (isBreaking9(v)) return json(401, { success: false, error: 'unauthorized' });
  const rest = { status: 'error', ...(details && { details }), message };
  return json(
    401,
    isPre7(v) ? { status: 'error', error, ...(details && { details }), message } : { success: false, error, ...rest },
  );
}

// Wrong password and unknown user look the same: the server does not disclose which one it was.
const badCredentials = (v: ServerVersion): Reply => loginFailure(v, 'Unauthorized', 'Unauthorized');

/**
 * The REST convenience forms become Meteor login arguments; anything else (resume, native
 * `{user:{...}}`, `{totp:{...}}`) is passed through unchanged.
 */
export function loginCompatibility(
  body: Record<string, unknown>,
  headerCode: string | undefined,
): Record<string, unknown> {
  const { user, username, email, password, code: bodyCode } = body;
  if (password == null) return body;
  if (Object.keys(body).some((k) => !['user', 'username', 'email', 'password', 'code'].includes(k))) return body;
  let selector: Record<string, unknown> | undefined;
  if (typeof user === 'string') selector = user.includes('@') ? { email: user } : { username: user };
  else if (username) selector = { username };
  else if (email) selector = { email };
  if (!selector) return body;
  const auth = { user: selector, password };
  const code = bodyCode || headerCode;
  return code ? { totp: { code, login: auth } } : auth;
}

export function login(ctx: Ctx): Reply {
  const { state, version: v } = ctx;
  const args = loginCompatibility(ctx.body, header(ctx.req, 'x-2fa-code'));

  if (typeof args.resume === 'string') {
    const rec = state.tokenRecord(args.resume);
    const user = rec && state.byId(rec.userId);
    return user ? loginSuccess(ctx, user, args.resume) : badCredentials(v);
  }

  let creds = args;
  let code: string | undefined;
  if (args.totp && typeof args.totp === 'object') {
    const t = args.totp as Record<string, unknown>;
    code = t.code == null ? undefined : String(t.code);
    creds = (t.login && typeof t.login === 'object' ? t.login : {}) as Record<string, unknown>;
  }
  const selector = creds.user as Record<string, unknown> | undefined;
  if (!selector || typeof selector !== 'object' || creds.password == null) return badCredentials(v);

  const user = findLoginUser(state, selector);
  const userKey = (user?._id as string | undefined) ?? JSON.stringify(selector).toLowerCase();
  const blocked = ctx.blocker?.check(userKey, ctx.ip);
  // Checked before the password's verdict (login.allowed), so a block holds even for the right one.
  if (blocked) return loginFailure(v, blocked, BLOCK_MESSAGES[blocked], VALIDATE);

  if (!user || !passwordMatches(state.passwordOf(user._id as string), creds.password)) {
    ctx.blocker?.fail(userKey, ctx.ip);
    return badCredentials(v);
  }
  const refusal = validateLoginAttempt(ctx, user);
  if (refusal) return refusal;

  const second = checkSecondFactor(state, user, code, { passwordFallback: false });
  if (!second.ok) return loginFailure(v, second.error, second.message, second.details);

  ctx.blocker?.succeed(userKey, ctx.ip);
  // lastLogin is deliberately left alone so fixtures stay byte-for-byte predictable.
  return loginSuccess(ctx, user, state.issueToken(user._id as string).token);
}

/**
 * The refusals after a right password, in the server's order (validateLoginAttemptAsync in
 * apps/meteor/app/authentication/server/startup/index.js); the blocks were checked before.
 */
function validateLoginAttempt(ctx: Ctx, user: Doc): Reply | undefined {
  const v = ctx.version;
  if (user.type === 'app')
    return loginFailure(v, 'error-app-user-is-not-allowed-to-login', 'App user is not allowed to login', VALIDATE);
  // Deactivated, or new and waiting for an administrator's approval (Accounts_ManuallyApproveNewUsers).
  if (user.active !== true) return loginFailure(v, 'error-user-is-not-activated', 'User is not activated', VALIDATE);
  if (!Array.isArray(user.roles)) return loginFailure(v, 'error-user-has-no-roles', 'User has no roles', VALIDATE);
  const isAdmin = (user.roles as string[]).includes('admin');
  if (ctx.emailVerification && !isAdmin && !emailsOf(user).some((e) => e.verified)) {
    // The placeholder is never filled in by the server, and this one has no details.
    return loginFailure(v, 'error-invalid-email', 'Invalid email __email__');
  }
  // A hook that returns false without throwing: Meteor's own Meteor.Error(403, 'Login forbidden').
  if (user.username === 'forbid.den') return loginFailure(v, 403, 'Login forbidden');
  return undefined;
}

function findLoginUser(state: FakeState, selector: Record<string, unknown>): Doc | undefined {
  if (typeof selector.username === 'string') return state.byUsernameLoose(selector.username);
  if (typeof selector.email === 'string') return state.byEmail(selector.email);
  if (typeof selector.id === 'string') return state.byId(selector.id);
  return undefined;
}

/** A plain string, or Meteor's pre-hashed `{digest: <sha256 hex>, algorithm: 'sha-256'}`. */
function passwordMatches(stored: string | undefined, given: unknown): boolean {
  if (stored === undefined) return false;
  if (typeof given === 'string') return given === stored;
  if (given && typeof given === 'object') {
    const { digest, algorithm } = given as Record<string, unknown>;
    return algorithm === 'sha-256' && typeof digest === 'string' && digest.toLowerCase() === sha256Hex(stored);
  }
  return false;
}

function loginSuccess(ctx: Ctx, user: Doc, authToken: string): Reply {
  const body: Record<string, unknown> = {
    status: 'success',
    data: { userId: user._id, authToken, me: userInfo(user, ctx.baseUrl) },
  };
  if (!isPre7(ctx.version)) body.success = true;
  return json(200, body);
}

/** getUserInfo: the own doc plus email, settings, avatarUrl, and services reduced to flags (kept in place). */
export function userInfo(user: Doc, baseUrl: string): Doc {
  const out: Doc = { ...user };
  if ('services' in user) {
    const s = servicesOf(user);
    // apps/meteor/app/api/server/helpers/getUserInfo.ts: github and gitlab pass through whole.
    out.services = {
      ...(s.github && { github: s.github }),
      ...(s.gitlab && { gitlab: s.gitlab }),
      ...(s.email2fa?.enabled && { email2fa: { enabled: true } }),
      ...(s.totp?.enabled && { totp: { enabled: true } }),
      password: { exists: Boolean(s.password?.bcrypt) },
    };
  }
  const verified = emailsOf(user).find((e) => e.verified);
  if (verified) out.email = verified.address;
  out.settings = { preferences: {} };
  out.avatarUrl = `${baseUrl}/avatar/${encodeURIComponent(String(user.username))}`;
  out.isOAuthUser = false;
  return out;
}

export function me(ctx: Ctx): Reply {
  return json(200, { ...userInfo(ctx.auth!.user, ctx.baseUrl), success: true });
}

export function logout(ctx: Ctx): Reply {
  ctx.state.removeToken(ctx.auth!.token.token);
  // 7.4+ routers drop the handler's plain-object answer: 200, JSON content type, empty body.
  if (logoutBodyIsEmpty(ctx.version)) return json(200);
  return json(200, { status: 'success', data: { message: "You've been logged out!" } });
}
