import { Command } from 'commander';
import type { Context } from '../cmdutil/context.js';
import { makeInfoCommand, type InfoRun } from '../commands/info/index.js';
import { makeListCommand, type ListRun } from '../commands/list/index.js';
import { makeDiffCommand, type DiffRun } from '../commands/diff/index.js';
import { makeLoginCommand, type LoginRun } from '../commands/login/index.js';
import { makeSearchCommand, type SearchRun } from '../commands/search/index.js';
import { makeLogoutCommand, type LogoutRun } from '../commands/logout/index.js';
import { makeProfilesCommand, type ProfilesRuns } from '../commands/profiles/index.js';
import { makeUseCommand, type UseRun } from '../commands/use/index.js';
import { makeWhoamiCommand, type WhoamiRun } from '../commands/whoami/index.js';
import { makeStatusCommand, type StatusRun } from '../commands/status/index.js';
import {
  makeCompletionCommand,
  makeProfileNamesCommand,
  type CompletionRun,
  type ProfileNamesRun,
} from '../commands/completion/index.js';
import { makeHelpCommand, TOPICS_LIST } from './help-topics.js';
import { addFlags, GLOBAL_FLAGS, readFlags, type ParsedFlags } from '../cmdutil/flags.js';
import { applyUsageVoice } from './usage-voice.js';
import { fitHelp, helpWidth } from './help-fit.js';
import { asciiText } from '../render/glyphs.js';

/** commander's help width: out of reach, so help is laid out once, by fitHelp. */
const UNWRAPPED = 10_000;

/** Stand-ins for commands' run functions: tests check what the flags parse to without running them. */
export interface CommandRuns extends ProfilesRuns {
  info?: InfoRun;
  login?: LoginRun;
  logout?: LogoutRun;
  whoami?: WhoamiRun;
  status?: StatusRun;
  use?: UseRun;
  search?: SearchRun;
  list?: ListRun;
  completion?: CompletionRun;
  profileNames?: ProfileNamesRun;
  diff?: DiffRun;
}

/** A fresh commander program per call, so tests can build their own. Actions lazy-load their code. */
export function createProgram(ctx: Context, runs: CommandRuns = {}): Command {
  const program = new Command('rcuser')
    .description('Look up Rocket.Chat users from the terminal and from scripts.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // Our own help command (below) also answers topics such as `rcuser help environment`.
    .helpCommand(false);
  addFlags(program, GLOBAL_FLAGS)
    .showSuggestionAfterError(true)
    .configureOutput({
      // Help is fitted here (root/help-fit.ts), so commander itself never wraps it; in ASCII for a
      // locale that is not UTF-8, like the rest of what rcuser draws.
      writeOut: (s) => ctx.io.stdout.write(fitHelp(asciiText(s, ctx.io.ascii), helpWidth(ctx.io.columns))),
      writeErr: (s) => ctx.io.stderr.write(fitHelp(asciiText(s, ctx.io.ascii), helpWidth(ctx.io.stderrColumns))),
      getOutHelpWidth: () => UNWRAPPED,
      getErrHelpWidth: () => UNWRAPPED,
    })
    .exitOverride()
    .hook('preAction', (_root, action) => {
      if (readFlags({ color: GLOBAL_FLAGS.color }, action.optsWithGlobals<ParsedFlags>(), ctx.env).color === false) {
        ctx.io.colorStdout = false;
        ctx.io.colorStderr = false;
      }
    });

  program.addCommand(makeLoginCommand(ctx, runs.login));
  program.addCommand(makeLogoutCommand(ctx, runs.logout));
  program.addCommand(makeWhoamiCommand(ctx, runs.whoami));
  program.addCommand(makeStatusCommand(ctx, runs.status));
  program.addCommand(makeProfilesCommand(ctx, runs));
  program.addCommand(makeUseCommand(ctx, runs.use));
  program.addCommand(makeInfoCommand(ctx, runs.info));
  program.addCommand(makeSearchCommand(ctx, runs.search));
  program.addCommand(makeListCommand(ctx, runs.list));
  program.addCommand(makeCompletionCommand(ctx, runs.completion));
  program.addCommand(makeProfileNamesCommand(ctx, runs.profileNames), { hidden: true });
  program.addCommand(makeDiffCommand(ctx, runs.diff));
  program.addCommand(makeHelpCommand(ctx, program));

  program.addHelpText(
    'after',
    `
Examples:
  rcuser login chat.example.com -u admin      log in and store the session
  rcuser info test.john --rooms               a user and their rooms
  rcuser info test.john --json | jq .roles    JSON for scripts
  cut -f1 users.txt | rcuser info - --json    many users, one JSON line each
  rcuser search john                          users whose username or name contains john
  rcuser list --deactivated --json            every deactivated user, one JSON line each

Help topics:
${TOPICS_LIST}

Run \`rcuser <command> --help\` for a command's flags and examples,
\`rcuser help <topic>\` for a topic.`,
  );
  // Subcommands inherit output and error handling, so usage errors surface as exit code 2 in main(),
  // worded like rcuser's own errors.
  applyUsageVoice(program, (s) => ctx.io.stderr.write(s));
  return program;
}
