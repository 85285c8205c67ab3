import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { clean } from '../../render/text.js';

export async function runUse(ctx: Context, name: string): Promise<void> {
  const store = await ctx.store();
  const profile = store.get(name);
  if (!profile) {
    const names = store.list().map((p) => clean(p.name, 100)).sort();
    throw new UsageError(`no profile named "${clean(name, 200)}"`, names.length ? `stored profiles: ${names.join(', ')}` : 'no profiles are stored; run `rcuser login <server>`');
  }
  await store.setActive(profile.name);
  ctx.io.stderr.write(`Now using profile "${clean(profile.name, 200)}" (${clean(profile.username ?? profile.userId, 200)} on ${profile.server}).\n`);
  if (ctx.env.RCUSER_PROFILE && ctx.env.RCUSER_PROFILE !== profile.name) {
    ctx.io.stderr.write(`rcuser: note: RCUSER_PROFILE=${clean(ctx.env.RCUSER_PROFILE, 100)} still overrides the active profile in this shell\n`);
  }
}
