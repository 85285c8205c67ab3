import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import type { ParsedFlags } from '../../cmdutil/flags.js';
import { readStatusOptions, type StatusOptions } from './options.js';

export function makeStatusCommand(ctx: Context, run?: (opts: StatusOptions) => Promise<number>): Command {
  const runF =
    run ??
    (async (opts: StatusOptions) => {
      const { runStatus } = await import('./run.js');
      return runStatus(ctx, opts);
    });
  return new Command('status')
    .description("check every stored profile's token at once (valid, expired, revoked, unreachable)")
    .option('--json', 'print the results as a JSON array')
    .addHelpText(
      'after',
      `
Examples:
  rcuser status                           every profile, checked with GET /api/v1/me
  rcuser status --json | jq -r '.[] | select(.state != "valid") | .name'

Tokens are never shown. Exit codes: 0 every token valid, 4 some token expired or revoked (or no
profile stored), 1 some server unreachable or failing.`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      ctx.exitCode = await runF(readStatusOptions(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
