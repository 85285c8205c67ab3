import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { LOGOUT_FLAGS, type LogoutOptions } from './options.js';

/** Does the work of `rcuser logout`; returns the exit code. Tests pass their own to check flag parsing. */
export type LogoutRun = (opts: LogoutOptions) => Promise<number>;

export function makeLogoutCommand(
  ctx: Context,
  runF: LogoutRun = async (opts) => (await import('./run.js')).runLogout(ctx, opts),
): Command {
  const cmd = new Command('logout').description('end the session on the server and forget it here');
  return addFlags(cmd, LOGOUT_FLAGS)
    .addHelpText(
      'after',
      `
Examples:
  rcuser logout                    the active profile
  rcuser logout --profile work     another stored profile

A login token is revoked on the server (POST /api/v1/logout), then forgotten. A personal access
token is only forgotten here: revoking it would break every script that uses it; remove it in
Rocket.Chat (My Account → Personal Access Tokens) if you no longer need it.`,
    )
    .action(async (_opts: unknown, c: Command) => {
      ctx.exitCode = await runF(readCommandFlags(c, LOGOUT_FLAGS, ctx.env));
    });
}
