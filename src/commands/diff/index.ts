import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { bool, type ParsedFlags } from '../../cmdutil/flags.js';
import type { DiffOptions } from './options.js';


/** Does the work of `rcuser diff`; returns the exit code. Tests pass their own to check flag parsing. */
export type DiffRun = (before: string, after: string, opts: DiffOptions) => Promise<number>;

export function makeDiffCommand(ctx: Context, run?: DiffRun): Command {
  const runF: DiffRun =
    run ??
    (async (before, after, opts) => {
      const { runDiff } = await import('./run.js');
      return runDiff(ctx, before, after, opts);
    });
  return new Command('diff')
    .description('what changed between two saved user lists (NDJSON from list --json or info - --json)')
    .argument('<before.ndjson>', 'the older list (a file, or - for stdin)')
    .argument('<after.ndjson>', 'the newer list (a file, or - for stdin)')
    .option('--json', 'one JSON object per added, removed or changed user')
    .option('--exit-code', 'exit 1 when anything differs (as git diff --exit-code)')
    .addHelpText(
      'after',
      `
Users are matched by _id; compared: username, name, roles, active, type, e-mails, last login.
Works offline: it never talks to a server.
Examples:
  rcuser list --json > monday.ndjson             save today's users
  rcuser diff monday.ndjson friday.ndjson        who was added, removed or changed
  rcuser list --role admin --json | rcuser diff admins.ndjson -
                                                 compare a saved list with the server now
  rcuser diff a.ndjson b.ndjson --json | jq -r 'select(.fields.roles) | .username'
                                                 users whose roles changed
  rcuser diff a.ndjson b.ndjson --exit-code >/dev/null || echo changed
Exit codes: 0 compared (1 with --exit-code when anything differs), 2 a file is missing or a line
is not a user.`,
    )
    .action(async (before: string, after: string, _opts: unknown, cmd: Command) => {
      const o = cmd.opts<ParsedFlags>();
      ctx.exitCode = await runF(before, after, { json: bool(o.json), exitCode: bool(o.exitCode) });
    });
}
