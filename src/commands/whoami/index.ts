import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { WHOAMI_FLAGS, type WhoamiOptions } from './options.js';

/** Does the work of `rcuser whoami`; returns the exit code. Tests pass their own to check flag parsing. */
export type WhoamiRun = (opts: WhoamiOptions) => Promise<number>;

export function makeWhoamiCommand(
  ctx: Context,
  runF: WhoamiRun = async (opts) => (await import('./run.js')).runWhoami(ctx, opts),
): Command {
  const cmd = new Command('whoami').description('who am I, on which server, with which credentials');
  return addFlags(cmd, WHOAMI_FLAGS)
    .addHelpText(
      'after',
      `
Examples:
  rcuser whoami                          user, server, profile, where the token came from
  rcuser whoami --profile work           check another stored profile
  rcuser whoami --json | jq -r .username

Only the last 4 characters of the token are shown. Exit codes: 0 valid, 4 not logged in or the
token expired or was revoked, 1 other failures.`,
    )
    .action(async (_opts: unknown, c: Command) => {
      ctx.exitCode = await runF(readCommandFlags(c, WHOAMI_FLAGS, ctx.env));
    });
}
