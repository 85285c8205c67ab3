import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { LIST_FLAGS, listFilters, type ListOptions } from './options.js';

/** Does the work of `rcuser list`; returns the exit code. Tests pass their own to check flag parsing. */
export type ListRun = (opts: ListOptions) => Promise<number>;

export function makeListCommand(
  ctx: Context,
  runF: ListRun = async (opts) => (await import('./run.js')).runList(ctx, opts),
): Command {
  const cmd = new Command('list').description(
    'list users matching filters, page after page (GET /api/v1/users.listByStatus)',
  );
  return addFlags(cmd, LIST_FLAGS)
    .addHelpText(
      'after',
      `
Filters and sorting are applied by the server (users.listByStatus from
Rocket.Chat 6.8, users.list before). --idle asks for the oldest logins first
and stops at the cutoff. users.deactivateIdle takes only users with the role
it is given (default user): add --role user to see exactly those.
More: rcuser help audits
Examples:
  rcuser list                                      everyone, as a table
  rcuser list --role admin --json | jq -r .username      every admin's username
  rcuser list --role moderator --role admin        moderators and admins
  rcuser list --csv --fields username,name,emails.0.address > users.csv
  rcuser list --deactivated --tsv | cut -f1        deactivated usernames
  rcuser list --jq 'select(.active | not) | .username'  jq itself, built in
  rcuser list --never-logged-in --type user        accounts nobody has used yet
  rcuser list --search smith --limit 20            the first 20 Smiths
  rcuser list --idle 90d --role user               not logged in for 90 days
  rcuser list --idle 2026-01-01 --json             not since New Year
  rcuser list --sort lastLogin --order desc --limit 10     the latest logins
  rcuser list --sort createdAt --order desc --limit 5      the newest accounts
Exit codes: 0 listed (an empty list too), 4 not logged in, 1 other failures.`,
    )
    .action(async (_opts: unknown, c: Command) => {
      const opts = readCommandFlags(c, LIST_FLAGS, ctx.env);
      ctx.exitCode = await runF({ ...opts, filters: listFilters(opts) });
    });
}
