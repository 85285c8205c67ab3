import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { STATUS_FLAGS, type StatusOptions } from './options.js';

/** Does the work of `rcuser status`; returns the exit code. Tests pass their own to check flag parsing. */
export type StatusRun = (opts: StatusOptions) => Promise<number>;

export function makeStatusCommand(
  ctx: Context,
  runF: StatusRun = async (opts) => (await import('./run.js')).runStatus(ctx, opts),
): Command {
  const cmd = new Command('status').description(
    "check every stored profile's token at once (valid, expired, revoked, unreachable)",
  );
  return addFlags(cmd, STATUS_FLAGS)
    .addHelpText(
      'after',
      `
Examples:
  rcuser status                           every profile, checked with GET /api/v1/me
  rcuser status --json | jq -r '.[] | select(.state != "valid") | .name'

Each profile is printed as its answer comes; on a terminal a line says which ones it still
waits for, and Ctrl-C keeps what is known and names the rest (exit 130).
Tokens are never shown. Exit codes: 0 every token valid, 4 some token expired or revoked (or no
profile stored), 1 some server unreachable or failing.`,
    )
    .action(async (_opts: unknown, c: Command) => {
      ctx.exitCode = await runF(readCommandFlags(c, STATUS_FLAGS, ctx.env));
    });
}
