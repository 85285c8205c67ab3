import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { DIFF_FLAGS, type DiffOptions } from './options.js';

/** Does the work of `rcuser diff`; returns the exit code. Tests pass their own to check flag parsing. */
export type DiffRun = (opts: DiffOptions) => Promise<number>;

export function makeDiffCommand(
  ctx: Context,
  runF: DiffRun = async (opts) => (await import('./run.js')).runDiff(ctx, opts),
): Command {
  const cmd = new Command('diff')
    .description('what changed between two saved user lists (NDJSON from list --json or info - --json)')
    .argument('<before.ndjson>', 'the older list (a file, or - for stdin)')
    .argument('<after.ndjson>', 'the newer list (a file, or - for stdin)');
  return addFlags(cmd, DIFF_FLAGS)
    .addHelpText(
      'after',
      `
Users are matched by _id. Compared: username, name, roles, active, type,
e-mails, last login. Works offline: it never talks to a server.
Examples:
  rcuser list --json > monday.ndjson          save today's users
  rcuser diff monday.ndjson friday.ndjson     who was added, removed, changed
  rcuser list --role admin --json | rcuser diff admins.ndjson -
                                              a saved list against the server
  rcuser diff a.ndjson b.ndjson --json | jq -c 'select(.fields.roles)'
  rcuser diff a.ndjson b.ndjson --exit-code >/dev/null || echo changed
Exit codes: 0 compared (1 with --exit-code when anything differs), 2 a file
is missing or a line is not a user. More: rcuser help audits`,
    )
    .action(async (before: string, after: string, _opts: unknown, c: Command) => {
      ctx.exitCode = await runF({ ...readCommandFlags(c, DIFF_FLAGS, ctx.env), before, after });
    });
}
