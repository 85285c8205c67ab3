import { createHash } from 'node:crypto';
import type { Ctx } from './context.js';
import { header, json, type Reply } from './http.js';
import { checkSecondFactor } from './twofactor.js';
import { isPre7, shortVersion } from './versions.js';

/** GET /api/info: major.minor for everyone; full version and `info` for view-statistics holders. */
export function serverInfo(ctx: Ctx): Reply {
  const { version: v, state } = ctx;
  const privileged = state.hasPermission(ctx.auth?.user, 'view-statistics');
  const info = {
    version: v.full,
    build: {
      date: '2025-11-20T12:00:00.000Z',
      nodeVersion: 'v22.16.0',
      arch: 'x64',
      platform: 'linux',
      osRelease: '6.1.0',
      totalMemory: 8_000_000_000,
      freeMemory: 4_000_000_000,
      cpus: 4,
    },
    commit: {
      hash: 'f4ce5e27f4ce5e27f4ce5e27f4ce5e27f4ce5e27',
      date: '2025-11-20T11:00:00.000Z',
      author: 'Fake Server',
      subject: `Release ${v.full}`,
      tag: v.full,
      branch: 'master',
    },
    marketplaceApiVersion: '1.66.0',
  };
  // A proxy or WAF in front may strip or rewrite the version (rocketchat-api.md §11).
  const version = ctx.infoVersion === undefined ? (privileged ? v.full : shortVersion(v)) : ctx.infoVersion;
  const shown = version === null ? {} : { version };
  if (isPre7(v)) {
    // Older servers answered little more than the version.
    return json(200, { ...(privileged && { info }), ...shown, success: true });
  }
  const workspaceUrl = `${ctx.baseUrl}/`;
  return json(200, {
    ...(privileged && { info }),
    workspaceUrl,
    hashedWorkspaceUrl: createHash('sha256').update(workspaceUrl).digest('hex'),
    ...shown,
    minimumClientVersions: { desktop: '4.0.0', mobile: '4.50.0' },
    cloudWorkspaceId: '6f4a1f2e-fake-4e1a-9b1c-52c3a4d5e6f7',
    success: true,
  });
}

/** Always succeeds (never discloses whether the user exists); sends a fresh code to a known user. */
export function sendEmailCode(ctx: Ctx): Reply {
  const who = ctx.body.emailOrUsername;
  if (typeof who === 'string' && who !== '') {
    const user = who.includes('@') ? ctx.state.byEmail(who) : ctx.state.byUsernameLoose(who);
    if (user) ctx.state.generateEmailCode(user._id as string);
  }
  return json(200, { success: true });
}

/** A failure as `API.v1.failure(message, errorType, ..., details)` builds it. */
const failure = (error: string, errorType?: string, details?: Record<string, unknown>): Reply =>
  json(400, {
    success: false,
    error: errorType ? `${error} [${errorType}]` : error,
    ...(errorType && { errorType }),
    ...(details && { details }),
  });

/** POST users.generatePersonalAccessToken: a twoFactorRequired endpoint. */
export function generatePersonalAccessToken(ctx: Ctx): Reply {
  const { state } = ctx;
  const { user, token } = ctx.auth!;
  if (!token.bypassTwoFactor) {
    const second = checkSecondFactor(state, user, header(ctx.req, 'x-2fa-code'), {
      passwordFallback: true,
      method: header(ctx.req, 'x-2fa-method'),
    });
    if (!second.ok) return failure(second.message, second.error, second.details);
  }
  const { tokenName, bypassTwoFactor } = ctx.body;
  if (typeof tokenName !== 'string' || tokenName === '') return failure("The 'tokenName' param is required");
  if (!state.hasPermission(user, 'create-personal-access-tokens')) return failure('Not Authorized', 'not-authorized');
  if (state.patNames(user._id as string).includes(tokenName)) {
    return failure('A token with this name already exists', 'error-token-already-exists');
  }
  const rec = state.issueToken(user._id as string, 'personalAccessToken', {
    name: tokenName,
    bypassTwoFactor: bypassTwoFactor === true,
  });
  return json(200, { token: rec.token, success: true });
}
