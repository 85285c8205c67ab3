import { Command, Option } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFormatFlags, positiveInt, positiveNumber, type ParsedFlags } from '../../cmdutil/flags.js';
import { readInfoOptions, type InfoOptions } from './options.js';

/** Does the work of `rcuser info`; returns the exit code. Tests pass their own to check flag parsing. */
export type InfoRun = (users: string[], opts: InfoOptions) => Promise<number>;

export function makeInfoCommand(ctx: Context, run?: InfoRun): Command {
  const runF: InfoRun =
    run ??
    (async (users, opts) => {
      const { runInfo } = await import('./run.js');
      return runInfo(ctx, users, opts);
    });
  const info = new Command('info')
    .description('look users up (GET /api/v1/users.info)')
    .argument('[user...]', 'usernames (a leading @ is dropped), or - to read identifiers from stdin')
    .option('--username <name>', 'look up by username')
    .option('--user-id <id>', 'look up by user id')
    .option('--import-id <id>', 'look up by import id (needs view-full-other-user-info)')
    .option('--email <address>', 'look up by e-mail address (Rocket.Chat 8.4+)')
    .option('--rooms', "include the user's rooms")
    .option('--teams', "include the teams the user is in (GET /api/v1/users.listTeams)")
    .option('--json', "print the server's user object as JSON (NDJSON for several users)");
  return addFormatFlags(info)
    // Each request in flight is a socket to the server; past 64 a batch only crowds it.
    .addOption(new Option('--concurrency <n>', 'requests in flight for several users (at most 64)').argParser(positiveInt('--concurrency', 64)).default(8))
    .addOption(new Option('--max-wait <seconds>', 'longest wait for one rate-limit reset').argParser(positiveNumber('--max-wait')).default(120))
    .addHelpText(
      'after',
      `
Examples:
  rcuser info test.john                      a user as a table
  rcuser info @test.john --rooms             with the rooms they are in
  rcuser info test.john --teams --json | jq -r '.teams[].name'   their teams
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
    .action(async (args: string[], _opts: unknown, cmd: Command) => {
      ctx.exitCode = await runF(args, readInfoOptions(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
