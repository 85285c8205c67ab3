import { Command, Option } from 'commander';
import type { Context } from '../cmdutil/context.js';
import { makeInfoCommand, type InfoRun } from '../commands/info/index.js';
import { makeListCommand, type ListRun } from '../commands/list/index.js';
import { makeDiffCommand, type DiffRun } from '../commands/diff/index.js';
import { makeLoginCommand, type LoginRun } from '../commands/login/index.js';
import { makeSearchCommand, type SearchRun } from '../commands/search/index.js';
import { makeLogoutCommand } from '../commands/logout/index.js';
import { makeProfilesCommand } from '../commands/profiles/index.js';
import { makeUseCommand } from '../commands/use/index.js';
import { makeWhoamiCommand } from '../commands/whoami/index.js';
import { makeStatusCommand } from '../commands/status/index.js';
import { makeCompletionCommand, makeProfileNamesCommand } from '../commands/completion/index.js';
import { makeHelpCommand, TOPICS_LIST } from './help-topics.js';
import { positiveNumber, type ParsedFlags } from '../cmdutil/flags.js';
import { applyUsageVoice } from './usage-voice.js';

/** Stand-ins for commands' run functions: tests check what the flags parse to without running them. */
export interface CommandRuns {
  info?: InfoRun;
  login?: LoginRun;
  search?: SearchRun;
  list?: ListRun;
  diff?: DiffRun;
}

/** A fresh commander program per call, so tests can build their own. Actions lazy-load their code. */
export function createProgram(ctx: Context, runs: CommandRuns = {}): Command {
  const program = new Command('rcuser')
    .description('Look up Rocket.Chat users from the terminal and from scripts.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // Our own help command (below) also answers topics such as `rcuser help environment`.
    .helpCommand(false)
    .option('--server <url>', 'server base URL (env RCUSER_SERVER)')
    .option('--profile <name>', 'use this stored profile (env RCUSER_PROFILE)')
    .addOption(new Option('--timeout <seconds>', 'give up on a request after this long').argParser(positiveNumber('--timeout', 0.001)).default(30))
    .option('--allow-http', 'allow plain http:// to a host that is not loopback')
    .option('--ca-file <pem>', "also trust this CA certificate (PEM) for the server's TLS (env RCUSER_CA_FILE)")
    .option('--insecure', "skip TLS certificate verification for this run (unsafe; warns on stderr)")
    .option('--verbose', 'log each request on stderr: method, path, status, time (credentials never shown)')
    .option('--no-color', 'no colors (also NO_COLOR=1)')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .exitOverride()
    .hook('preAction', (_root, action) => {
      if (action.optsWithGlobals<ParsedFlags>().color === false) {
        ctx.io.colorStdout = false;
        ctx.io.colorStderr = false;
      }
    });

  program.addCommand(makeLoginCommand(ctx, runs.login));
  program.addCommand(makeLogoutCommand(ctx));
  program.addCommand(makeWhoamiCommand(ctx));
  program.addCommand(makeStatusCommand(ctx));
  program.addCommand(makeProfilesCommand(ctx));
  program.addCommand(makeUseCommand(ctx));
  program.addCommand(makeInfoCommand(ctx, runs.info));
  program.addCommand(makeSearchCommand(ctx, runs.search));
  program.addCommand(makeListCommand(ctx, runs.list));
  program.addCommand(makeDiffCommand(ctx, runs.diff));
  program.addCommand(makeCompletionCommand(ctx));
  program.addCommand(makeProfileNamesCommand(ctx), { hidden: true });
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
