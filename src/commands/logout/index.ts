import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { readGlobals, type GlobalOptions, type ParsedFlags } from '../../cmdutil/flags.js';

export function makeLogoutCommand(ctx: Context, run?: (opts: GlobalOptions) => Promise<void>): Command {
  const runF =
    run ??
    (async (opts: GlobalOptions) => {
      const { runLogout } = await import('./run.js');
      return runLogout(ctx, opts);
    });
  return new Command('logout')
    .description('end the session on the server and forget it here')
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
    .action(async (_opts: unknown, cmd: Command) => {
      await runF(readGlobals(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
