import type { Context } from '../../cmdutil/context.js';
import { ExitCode } from '../../errors.js';
import { toJson } from '../../render/json.js';
import { wrapLine } from '../../render/wrap.js';
import { summarizeServices } from '../../render/services.js';
import { openClient, resolveTarget } from '../../cmdutil/client-factory.js';
import type { WhoamiOptions } from './options.js';
import { ageDays, ageWarning, renderWhoami, tokenEnd, type WhoamiInfo } from './render.js';

export async function runWhoami(ctx: Context, opts: WhoamiOptions): Promise<number> {
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const auth = target.auth!;
  const client = openClient(ctx, opts, target);
  // The version is a nicety: a server that hides /api/info still answers whoami.
  const version = client.serverVersion().then(
    (v) => v.raw,
    () => target.profile?.serverVersion ?? null,
  );
  // /me reduces services to flags (and only github/gitlab of the providers); a self lookup has them
  // all. It is optional: a server that refuses it still answers whoami, from /me alone.
  const self = client.userInfo({ kind: 'userId', value: auth.userId }).then(
    (r) => r.user.services,
    () => undefined,
  );
  const me = await client.me();
  const p = target.source === 'profile' ? target.profile : undefined;
  // Never held up by it: a rate-limit wait on users.info is not worth waiting for here.
  const late = new Promise<undefined>((resolve) => setTimeout(resolve, 2_000, undefined).unref());
  const services = summarizeServices((await Promise.race([self, late])) ?? me.services);
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
    twoFactor: services?.twoFactor ?? null,
    signIn: services?.signIn ?? null,
    ...(p?.caFile ? { caFile: p.caFile } : {}),
  };
  ctx.io.stdout.write(opts.json ? `${toJson(info)}\n` : renderWhoami(info, ctx.io.columns, ctx.io.ascii));
  const warning = ageWarning(info);
  if (warning) ctx.io.stderr.write(`${wrapLine(`rcuser: warning: ${warning}`, ctx.io.stderrColumns, 0, 2)}\n`);
  return ExitCode.ok;
}
