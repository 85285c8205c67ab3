import { Command, Option } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addListingFlags, type ParsedFlags } from '../../cmdutil/flags.js';
import { SORT_FIELDS } from '../../api/finding.js';
import { parseIdle, readListOptions, type ListOptions } from './options.js';

/** Does the work of `rcuser list`; returns the exit code. Tests pass their own to check flag parsing. */
export type ListRun = (opts: ListOptions) => Promise<number>;

/** Role names offered by shell completion for --role; any role id is accepted. */
export const COMMON_ROLES = ['admin', 'user', 'moderator', 'owner', 'leader', 'bot', 'app', 'guest', 'anonymous', 'livechat-agent', 'livechat-manager', 'livechat-monitor'];

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function makeListCommand(ctx: Context, run?: ListRun): Command {
  const runF: ListRun =
    run ??
    (async (opts) => {
      const { runList } = await import('./run.js');
      return runList(ctx, opts);
    });
  // completionWords: offered by shell completion without restricting the flag (src/commands/completion/spec.ts).
  const role = Object.assign(new Option('--role <role>', 'users with this role; repeat for any of several').argParser(collect), { completionWords: COMMON_ROLES });
  const list = new Command('list')
    .description('list users matching filters, page after page (GET /api/v1/users.listByStatus)')
    .addOption(new Option('--active', 'only active users').conflicts('deactivated'))
    .addOption(new Option('--deactivated', 'only deactivated users (and those waiting for approval)'))
    .addOption(role)
    .addOption(new Option('--type <type>', 'only users of this type').choices(['user', 'bot', 'app']))
    .addOption(new Option('--logged-in', 'only users who have logged in at least once').conflicts('neverLoggedIn'))
    .addOption(new Option('--never-logged-in', 'only users who have never logged in'))
    .option('--search <term>', 'username or name contains this (e-mail too, where you may see e-mails)')
    .addOption(
      new Option('--idle <90d|date>', 'active users whose last login is at or before this many days ago, or this date (UTC)')
        .argParser(parseIdle)
        .conflicts(['deactivated', 'neverLoggedIn', 'sort']),
    )
    .addOption(new Option('--sort <field>', 'sorted by the server by this field').choices([...SORT_FIELDS]))
    .addOption(new Option('--order <order>', 'with --sort: ascending or descending').choices(['asc', 'desc']));
  return addListingFlags(list)
    .addHelpText(
      'after',
      `
Filters and sorting are applied by the server (users.listByStatus, Rocket.Chat 6.8+; users.list
before). --idle asks for the oldest logins first and stops at the cutoff: it never downloads
everyone. users.deactivateIdle only takes users with the role it is given (default user): add
--role user to see exactly those. Users who never logged in are --never-logged-in.
Examples:
  rcuser list                                      everyone, as a table
  rcuser list --role admin --json | jq -r .username      every admin's username
  rcuser list --role moderator --role admin        moderators and admins
  rcuser list --csv --fields username,name,emails.0.address > users.csv
  rcuser list --deactivated --tsv | cut -f1        deactivated usernames
  rcuser list --jq 'select(.active | not) | .username'  jq itself, built in
  rcuser list --never-logged-in --type user        accounts nobody has used yet
  rcuser list --search smith --limit 20            the first 20 Smiths
  rcuser list --idle 90d --role user               who users.deactivateIdle would take for 90 days
  rcuser list --idle 2026-01-01 --json | jq -r .username     not logged in since New Year
  rcuser list --sort lastLogin --order desc --limit 10       the ten latest logins
  rcuser list --sort createdAt --order desc --limit 5        the five newest accounts
Exit codes: 0 listed (an empty list too), 4 not logged in, 1 other failures.`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      ctx.exitCode = await runF(readListOptions(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
