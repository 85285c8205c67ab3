import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import type { ParsedFlags } from '../../cmdutil/flags.js';
import { readWhoamiOptions, type WhoamiOptions } from './options.js';

export function makeWhoamiCommand(ctx: Context, run?: (opts: WhoamiOptions) => Promise<void>): Command {
  const runF =
    run ??
    (async (opts: WhoamiOptions) => {
      const { runWhoami } = await import('./run.js');
      return runWhoami(ctx, opts);
    });
  return new Command('whoami')
    .description('who am I, on which server, with which credentials')
    .option('--json', 'print the answer as a JSON object')
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
    .action(async (_opts: unknown, cmd: Command) => {
      await runF(readWhoamiOptions(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
