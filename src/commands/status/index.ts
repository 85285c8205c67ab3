import { Command } from 'commander';
import type { Context } from '../../context.js';

export function makeStatusCommand(ctx: Context): Command {
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
      const { runStatus } = await import('./run.js');
      ctx.exitCode = await runStatus(ctx, cmd.optsWithGlobals());
    });
}
