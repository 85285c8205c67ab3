import { ExitCode } from '../errors.js';
import type { RocketChatClient } from './client.js';
import { isRecord } from '../lib/values.js';
import { ApiError, errorFromResponse, isJsonType, notRocketChat, parseJsonBody } from './errors.js';

/** What a successful POST /api/v1/login gives back. */
export interface LoginResult {
  userId: string;
  authToken: string;
  /** The caller's own user (getUserInfo), when the server included it. */
  me?: Record<string, unknown>;
}

/**
 * Why a login failed, as far as the server says. `ambiguous` is 9.0's collapsed body
 * (`{"success":false,"error":"unauthorized"}`): wrong password and "2FA code needed" look the same.
 */
export type LoginFailure =
  | 'bad-credentials'
  | 'ambiguous'
  | 'totp-required'
  | 'totp-invalid'
  | 'totp-max-attempts'
  | 'blocked-user'
  | 'blocked-ip'
  | 'not-activated'
  | 'app-user'
  | 'no-roles'
  | 'email-unverified'
  | 'forbidden'
  | 'other';

/** details of a totp-required answer: which second factor, and for e-mail, to whom the code went. */
export interface TwoFactorDetails {
  method?: string;
  emailOrUsername?: string;
  codeGenerated?: boolean;
  availableMethods?: string[];
}

export class LoginError extends ApiError {
  readonly failure: LoginFailure;
  readonly details?: TwoFactorDetails;
  constructor(
    message: string,
    failure: LoginFailure,
    serverMessage: string,
    details?: TwoFactorDetails,
    hint?: string,
  ) {
    super(message, 401, serverMessage, { exitCode: ExitCode.auth, hint });
    this.failure = failure;
    this.details = details;
  }
}

const BY_ERROR: Record<string, LoginFailure> = {
  'totp-required': 'totp-required',
  'totp-invalid': 'totp-invalid',
  'totp-max-attempts': 'totp-max-attempts',
  'error-login-blocked-for-user': 'blocked-user',
  'error-login-blocked-for-ip': 'blocked-ip',
  'error-user-is-not-activated': 'not-activated',
  'error-app-user-is-not-allowed-to-login': 'app-user',
  'error-user-has-no-roles': 'no-roles',
  'error-invalid-email': 'email-unverified',
};

/**
 * POST /api/v1/login in the documented REST form `{"user", "password"[, "code"]}`: the plain
 * password, because LDAP servers need it (which is why plain http to remote hosts is refused).
 * `user` may be a username or an e-mail address; the server tells them apart.
 */
export async function passwordLogin(
  client: RocketChatClient,
  creds: { user: string; password: string; code?: string },
): Promise<LoginResult> {
  const what = 'POST /api/v1/login';
  const body = JSON.stringify({
    user: creds.user,
    password: creds.password,
    ...(creds.code ? { code: creds.code } : {}),
  });
  const res = await client.send(
    { method: 'POST', path: '/api/v1/login', headers: { 'content-type': 'application/json' }, body },
    false,
  );
  if (res.status === 401 && isJsonType(res.contentType))
    throw loginError(parseJsonBody(res, client.server, what), client.server, creds.user);
  if (res.status !== 200) throw errorFromResponse(res, client.server, what);
  const parsed = parseJsonBody(res, client.server, what);
  const data = parsed.data as Record<string, unknown> | undefined;
  const userId = data?.userId;
  const authToken = data?.authToken;
  if (typeof userId !== 'string' || typeof authToken !== 'string' || !userId || !authToken)
    throw notRocketChat(res, client.server, what);
  const me = isRecord(data?.me) ? data.me : undefined;
  return { userId, authToken, me };
}

function loginError(body: Record<string, unknown>, server: string, user: string): LoginError {
  const error = typeof body.error === 'string' ? body.error : '';
  const message = typeof body.message === 'string' ? body.message : error;
  const failure: LoginFailure =
    (Object.hasOwn(BY_ERROR, error) ? BY_ERROR[error] : undefined) ??
    // Meteor's own fallback when a login hook says no without a reason: a numeric 403.
    (body.error === 403 || message === 'Login forbidden' ? 'forbidden' : undefined) ??
    (error === 'unauthorized' && body.message === undefined
      ? 'ambiguous'
      : error === 'Unauthorized' || message === 'Unauthorized'
        ? 'bad-credentials'
        : 'other');
  const d = isRecord(body.details) ? body.details : undefined;
  const details: TwoFactorDetails | undefined = d && {
    method: typeof d.method === 'string' ? d.method : undefined,
    emailOrUsername: typeof d.emailOrUsername === 'string' ? d.emailOrUsername : undefined,
    codeGenerated: typeof d.codeGenerated === 'boolean' ? d.codeGenerated : undefined,
    availableMethods: Array.isArray(d.availableMethods)
      ? d.availableMethods.filter((m): m is string => typeof m === 'string')
      : undefined,
  };
  const [text, hint] = describe(failure, server, message || 'HTTP 401');
  const ldap = (failure === 'bad-credentials' || failure === 'ambiguous') && isEmailAddress(user);
  return new LoginError(text, failure, message, details, ldap ? `${hint}\n  ${LDAP_HINT}` : hint);
}

/**
 * With LDAP on, the server searches the directory for exactly what was typed (loginCompatibility in
 * ApiClass.ts, rocketchat-api.md §11), so an LDAP user who types an e-mail address is refused like a
 * wrong password.
 */
export const LDAP_HINT =
  'accounts that sign in through LDAP use their directory username: try it instead of the e-mail address';

/** name@host, not a Matrix id (@name:server). */
const isEmailAddress = (s: string): boolean => /^[^@\s]+@[^@\s]+$/.test(s.trim());

/**
 * The line for accounts without a password here: SAML, OAuth and CAS users fail the password check
 * exactly like a wrong password (rocketchat-api.md §9), and only a personal access token lets them in.
 */
export function ssoHint(server: string): string {
  return (
    'accounts that sign in through SSO (SAML, OAuth, CAS) have no password here: create a personal access token ' +
    `(My Account → Personal Access Tokens) and run:\n    rcuser login ${server} --token-stdin --user-id <your-user-id> < token.txt`
  );
}

/** A server's message may carry an unfilled placeholder (`Invalid email __email__`): never show one. */
function withoutPlaceholders(message: string): string {
  return message.replace(/\s*__[A-Za-z0-9_]+__/g, '').trim() || 'no reason given';
}

function describe(failure: LoginFailure, server: string, serverMessage: string): [string, string | undefined] {
  switch (failure) {
    case 'bad-credentials':
      return [
        'wrong username or password',
        `check both (the username may also be an e-mail address) and try again;\n  ${ssoHint(server)}`,
      ];
    case 'ambiguous':
      return [
        `${server} refused the login: wrong username or password, or a two-factor code is needed (the server does not say which)`,
        `check both; if your account uses two-factor authentication, pass the code with --code <code>;\n  ${ssoHint(server)}`,
      ];
    case 'app-user':
      return [
        `${server} refused the login: this is an app's user account, and app users may not log in`,
        'log in as a person or a bot account instead',
      ];
    case 'no-roles':
      return [
        `${server} refused the login: this account has no roles, and an account without roles may not log in`,
        'ask an administrator of the server to give it a role (usually `user`)',
      ];
    case 'email-unverified':
      return [
        `${server} refused the login: the account's e-mail address is not verified, and this server requires a verified one`,
        'open the verification link Rocket.Chat sent by e-mail (or ask an administrator to verify the address), then log in again',
      ];
    case 'forbidden':
      return [
        `${server} refused the login (Login forbidden): a rule on the server does not let this account log in`,
        'ask an administrator of the server why',
      ];
    case 'totp-required':
      return [`${server} asks for a two-factor code`, 'pass it with --code <code> (or RCUSER_2FA_CODE)'];
    case 'totp-invalid':
      return ['the two-factor code was not accepted', 'pass a current code with --code <code> (or RCUSER_2FA_CODE)'];
    case 'totp-max-attempts':
      return [
        'too many wrong two-factor codes: the server no longer accepts the code it sent',
        'log in again to get a new code',
      ];
    case 'blocked-user':
      return [
        `${server} has blocked logins for this user after too many failed attempts`,
        'wait a few minutes and try again, or ask an administrator',
      ];
    case 'blocked-ip':
      return [
        `${server} has blocked logins from this IP address after too many failed attempts`,
        'wait a few minutes and try again, or ask an administrator',
      ];
    case 'not-activated':
      // One code for both: a deactivated account, and a new one waiting for approval (Accounts_ManuallyApproveNewUsers).
      return [
        `${server} refused the login: this account is not active (deactivated, or new and waiting for an administrator's approval)`,
        'ask an administrator of the server to activate it',
      ];
    default:
      return [`${server} refused the login: ${withoutPlaceholders(serverMessage)}`, undefined];
  }
}

/**
 * POST /api/v1/logout with the client's credentials. 200 is success whatever the body: servers from
 * 7.4 send an empty one. A 401 means the token was already expired or revoked.
 */
export async function logout(client: RocketChatClient): Promise<'logged-out' | 'already-invalid'> {
  const res = await client.send({ method: 'POST', path: '/api/v1/logout' });
  if (res.status === 200) return 'logged-out';
  if (res.status === 401) return 'already-invalid';
  throw errorFromResponse(res, client.server, 'POST /api/v1/logout');
}
