import { ApiError } from '../../api/errors.js';
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { toJson } from '../../render/json.js';
import { clean } from '../../render/text.js';
import { openClient, resolveTarget, type GlobalOptions } from '../../session.js';
import { reloginCommand } from '../login/relogin.js';
import { ageDays, ageWarning, renderWhoami, tokenEnd, type WhoamiInfo } from './render.js';

export interface WhoamiOptions extends GlobalOptions {
  json?: boolean;
}

export async function runWhoami(ctx: Context, opts: WhoamiOptions): Promise<void> {
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const auth = target.auth!;
  const client = openClient(ctx, opts, target);
  // The version is a nicety: a server that hides /api/info still answers whoami.
  const version = client.serverVersion().then(
    (v) => v.raw,
    () => target.profile?.serverVersion ?? null,
  );
  let me: Record<string, unknown>;
  try {
    me = await client.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw rejected(target.source === 'environment' ? undefined : target.profile?.name, target.server);
    throw err;
  }
  const p = target.source === 'profile' ? target.profile : undefined;
  const info: WhoamiInfo = {
    username: typeof me.username === 'string' ? me.username : null,
    name: typeof me.name === 'string' ? me.name : null,
    userId: typeof me._id === 'string' ? me._id : auth.userId,
    server: target.server,
    serverVersion: await version,
    profile: p?.name ?? null,
    credentials: target.source === 'environment' ? 'environment' : 'profile',
    tokenKind: p?.tokenKind ?? null,
    tokenEnd: tokenEnd(auth.token),
    tokenStoredAt: p?.storedAt || null,
    tokenAgeDays: p?.tokenKind === 'login' ? ageDays(p.storedAt, ctx.now()) : null,
    ...(p?.caFile ? { caFile: p.caFile } : {}),
  };
  ctx.io.stdout.write(opts.json ? toJson(info) + '\n' : renderWhoami(info));
  const warning = ageWarning(info);
  if (warning) ctx.io.stderr.write(`rcuser: warning: ${warning}\n`);
}

function rejected(profile: string | undefined, server: string): AuthError {
  if (profile === undefined) {
    return new AuthError(`${server} rejected RCUSER_USER_ID and RCUSER_TOKEN (expired, revoked, or not a pair)`, 'set valid credentials, or unset both and run `rcuser login`');
  }
  return new AuthError(`the token of profile "${clean(profile, 200)}" is no longer valid on ${server} (expired or revoked)`, `run \`${reloginCommand(server, profile)}\` to sign in again`);
}
