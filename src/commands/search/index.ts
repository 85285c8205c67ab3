import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { SEARCH_FLAGS, type SearchOptions } from './options.js';

/** Does the work of `rcuser search`; returns the exit code. Tests pass their own to check flag parsing. */
export type SearchRun = (opts: SearchOptions) => Promise<number>;

export function makeSearchCommand(
  ctx: Context,
  runF: SearchRun = async (opts) => (await import('./run.js')).runSearch(ctx, opts),
): Command {
  const cmd = new Command('search')
    .description('find users whose username or name contains <term> (and e-mail, where you may see e-mails)')
    .argument('<term>', 'text to look for, case-insensitive');
  return addFlags(cmd, SEARCH_FLAGS)
    .addHelpText(
      'after',
      `
Searches on the server: users.listByStatus (Rocket.Chat 6.8+), the directory before it, and
users.autocomplete (at most 10 active users) for accounts that may use neither; stderr says so.
Examples:
  rcuser search john                           users named or called john, as a table
  rcuser search ali --json | jq -r .username   just the usernames
  rcuser search ali --jq .username             the same, with the built-in jq
  rcuser search smith --csv --fields username,name,emails.0.address
  rcuser search @example.com --json            by e-mail domain (needs view-full-other-user-info)
Exit codes: 0 found, 3 nobody matched, 4 not logged in, 1 other failures.`,
    )
    .action(async (term: string, _opts: unknown, c: Command) => {
      ctx.exitCode = await runF({ ...readCommandFlags(c, SEARCH_FLAGS, ctx.env), term });
    });
}
