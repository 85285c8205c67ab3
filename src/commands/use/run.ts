import type { Context } from '../../cmdutil/context.js';
import { ExitCode } from '../../errors.js';
import type { UseOptions } from './options.js';
import { noProfileNamed } from '../../cmdutil/hints.js';
import { clean } from '../../render/text.js';

export async function runUse(ctx: Context, { name, envProfile }: UseOptions): Promise<number> {
  const store = await ctx.store();
  const profile = store.get(name);
  if (!profile) {
    throw noProfileNamed(
      name,
      store.list().map((p) => p.name),
    );
  }
  await store.setActive(profile.name);
  ctx.io.stderr.write(
    `Now using profile "${clean(profile.name, 200)}" (${clean(profile.username ?? profile.userId, 200)} on ${clean(profile.server, 300)}).\n`,
  );
  if (envProfile && envProfile !== profile.name) {
    ctx.io.stderr.write(
      `rcuser: note: RCUSER_PROFILE=${clean(envProfile, 100)} still overrides the active profile in this shell\n`,
    );
  }
  return ExitCode.ok;
}
