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
  constructor(message: string, failure: LoginFailure, serverMessage: string, details?: TwoFactorDetails, hint?: string) {
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
};

/**
 * POST /api/v1/login in the documented REST form `{"user", "password"[, "code"]}`: the plain
 * password, because LDAP servers need it (which is why plain http to remote hosts is refused).
 * `user` may be a username or an e-mail address; the server tells them apart.
 */
export async function passwordLogin(client: RocketChatClient, creds: { user: string; password: string; code?: string }): Promise<LoginResult> {
  const what = 'POST /api/v1/login';
  const body = JSON.stringify({ user: creds.user, password: creds.password, ...(creds.code ? { code: creds.code } : {}) });
  const res = await client.send({ method: 'POST', path: '/api/v1/login', headers: { 'content-type': 'application/json' }, body }, false);
  if (res.status === 401 && isJsonType(res.contentType)) throw loginError(parseJsonBody(res, client.server, what), client.server);
  if (res.status !== 200) throw errorFromResponse(res, client.server, what);
  const parsed = parseJsonBody(res, client.server, what);
  const data = parsed.data as Record<string, unknown> | undefined;
  const userId = data?.userId;
  const authToken = data?.authToken;
  if (typeof userId !== 'string' || typeof authToken !== 'string' || !userId || !authToken) throw notRocketChat(res, client.server, what);
  const me = isRecord(data?.me) ? data.me : undefined;
  return { userId, authToken, me };
}

function loginError(body: Record<string, unknown>, server: string): LoginError {
  const error = typeof body.error === 'string' ? body.error : '';
  const message = typeof body.message === 'string' ? body.message : error;
  const failure: LoginFailure =
    (Object.hasOwn(BY_ERROR, error) ? BY_ERROR[error] : undefined) ?? (error === 'unauthorized' && body.message === undefined ? 'ambiguous' : error === 'Unauthorized' || message === 'Unauthorized' ? 'bad-credentials' : 'other');
  const d = isRecord(body.details) ? body.details : undefined;
  const details: TwoFactorDetails | undefined = d && {
    method: typeof d.method === 'string' ? d.method : undefined,
    emailOrUsername: typeof d.emailOrUsername === 'string' ? d.emailOrUsername : undefined,
    codeGenerated: typeof d.codeGenerated === 'boolean' ? d.codeGenerated : undefined,
    availableMethods: Array.isArray(d.availableMethods) ? d.availableMethods.filter((m): m is string => typeof m === 'string') : undefined,
  };
  const [text, hint] = describe(failure, server, message || 'HTTP 401');
  return new LoginError(text, failure, message, details, hint);
}

function describe(failure: LoginFailure, server: string, serverMessage: string): [string, string | undefined] {
  switch (failure) {
    case 'bad-credentials':
      return ['wrong username or password', 'check both (the username may also be an e-mail address) and try again'];
    case 'ambiguous':
      return [
        `${server} refused the login: wrong username or password, or a two-factor code is needed (the server does not say which)`,
        'check both; if your account uses two-factor authentication, pass the code with --code <code>',
      ];
    case 'totp-required':
      return [`${server} asks for a two-factor code`, 'pass it with --code <code> (or RCUSER_2FA_CODE)'];
    case 'totp-invalid':
      return ['the two-factor code was not accepted', 'pass a current code with --code <code> (or RCUSER_2FA_CODE)'];
    case 'totp-max-attempts':
      return ['too many wrong two-factor codes: the server no longer accepts the code it sent', 'log in again to get a new code'];
    case 'blocked-user':
      return [`${server} has blocked logins for this user after too many failed attempts`, 'wait a few minutes and try again, or ask an administrator'];
    case 'blocked-ip':
      return [`${server} has blocked logins from this IP address after too many failed attempts`, 'wait a few minutes and try again, or ask an administrator'];
    case 'not-activated':
      return ['this account is deactivated', 'ask an administrator of the server to activate it'];
    default:
      return [`${server} refused the login: ${serverMessage}`, undefined];
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
