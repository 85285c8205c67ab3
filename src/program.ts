import { Command, Option } from 'commander';
import type { Context } from './context.js';
import { makeInfoCommand } from './commands/info/index.js';
import { positiveNumber } from './options.js';

/** A fresh commander program per call, so tests can build their own. Actions lazy-load their code. */
export function createProgram(ctx: Context): Command {
  const program = new Command('rcuser')
    .description('Look up Rocket.Chat users from the terminal and from scripts.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand('help [command]', 'show help for a command')
    .option('--server <url>', 'server base URL (env RCUSER_SERVER)')
    .option('--profile <name>', 'use this stored profile (env RCUSER_PROFILE)')
    .addOption(new Option('--timeout <seconds>', 'give up on a request after this long').argParser(positiveNumber('--timeout')).default(30))
    .option('--allow-http', 'allow plain http:// to a host that is not loopback')
    .option('--no-color', 'no colors (also NO_COLOR=1)')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
    })
    .exitOverride()
    .hook('preAction', (_root, action) => {
      if (action.optsWithGlobals().color === false) {
        ctx.io.colorStdout = false;
        ctx.io.colorStderr = false;
      }
    });

  program.addCommand(makeInfoCommand(ctx));

  program.addHelpText(
    'after',
    `
Examples:
  rcuser login chat.example.com -u admin      log in and store the session
  rcuser info test.john --rooms               a user and their rooms
  rcuser info test.john --json | jq .roles    JSON for scripts
  cut -f1 users.txt | rcuser info - --json    many users, one JSON line each

Run \`rcuser <command> --help\` for a command's flags and examples.`,
  );
  // Subcommands inherit output and error handling, so usage errors surface as exit code 2 in main().
  for (const cmd of program.commands) {
    cmd.configureOutput(program.configureOutput()).exitOverride().showSuggestionAfterError(true);
  }
  return program;
}
