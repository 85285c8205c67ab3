import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { INFO_FLAGS, type InfoOptions } from './options.js';

/** Does the work of `rcuser info`; returns the exit code. Tests pass their own to check flag parsing. */
export type InfoRun = (opts: InfoOptions) => Promise<number>;

export function makeInfoCommand(
  ctx: Context,
  runF: InfoRun = async (opts) => (await import('./run.js')).runInfo(ctx, opts),
): Command {
  const cmd = new Command('info')
    .description('look users up (GET /api/v1/users.info)')
    .argument(
      '[user...]',
      'usernames (a leading @ is dropped, not from a Matrix id: @alice:matrix.org), or - to read identifiers from stdin',
    );
  return addFlags(cmd, INFO_FLAGS)
    .addHelpText(
      'after',
      `
Examples:
  rcuser info test.john                      a user as a table
  rcuser info @test.john --rooms             with the rooms they are in
  rcuser info test.john --teams              with the teams they are in
  rcuser info --user-id 5fRTXMt7DMJbpPJfh    by id (also --import-id, --email)
  rcuser info test.john --json | jq .roles   the server's JSON, for scripts
  rcuser info alice bob carol                several users: one summary table
  cut -f1 users.txt | rcuser info - --json   identifiers from stdin, one JSON line each
                                             (prefix lines with id:, import: or email:)
  rcuser info - --csv < names.txt > out.csv  a spreadsheet, a row per user found
  rcuser info test.john --jq '.roles[]'      jq over the JSON, strings raw
  rcuser info test.john --fields username,emails.address,lastLogin
Exit codes: 0 found, 3 not found (any, in a batch), 4 not logged in, 1 other failures.`,
    )
    .action(async (users: string[], _opts: unknown, c: Command) => {
      ctx.exitCode = await runF({ ...readCommandFlags(c, INFO_FLAGS, ctx.env), users });
    });
}
