import { Argument, Command } from 'commander';
import type { Context } from '../cmdutil/context.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../lib/nearest.js';

/** Help topics: things that belong to no single command. */
const ENVIRONMENT = `Environment variables

Server and credentials (flags win over these, and these over the stored profile):
  RCUSER_SERVER        server base URL, like --server (chat.example.com means https://)
  RCUSER_USER_ID       user id for RCUSER_TOKEN; set both or neither
  RCUSER_TOKEN         a login token or personal access token, used instead of a stored
                       profile (keeps the secret out of argv and shell history)
  RCUSER_PROFILE       stored profile to use, like --profile
  RCUSER_CONFIG_DIR    where profiles are stored; by default $XDG_CONFIG_HOME/rcuser or
                       ~/.config/rcuser (Linux), ~/Library/Preferences/rcuser (macOS),
                       %APPDATA%\\rcuser\\Config (Windows)
  RCUSER_2FA_CODE      two-factor code for \`rcuser login\` without a terminal, like --code

Network:
  RCUSER_CA_FILE       also trust this CA certificate (PEM file), like --ca-file
  NODE_EXTRA_CA_CERTS  Node's own extra CA file; still trusted alongside RCUSER_CA_FILE
  HTTPS_PROXY          proxy for https:// servers (also https_proxy)
  HTTP_PROXY           proxy for http:// servers, and for https:// when HTTPS_PROXY is unset
                       (also http_proxy)
  NO_PROXY             comma-separated hosts that bypass the proxy (also no_proxy)
  RCUSER_MAX_RESPONSE_MB
                       most MiB read of one server answer (default 32)

Output:
  NO_COLOR             any non-empty value turns colors off, like --no-color
  FORCE_COLOR          turns colors on even when not writing to a terminal (0 or false: off)
  TERM=dumb            no colors and no progress line
  COLUMNS              the width tables fit when stdout is not a terminal (on a terminal,
                       its own width)
  RCUSER_PAGER         pager for long tables of search and list on a terminal; wins over
                       PAGER; default \`less -FRX\` (LESS=FRX unless set); empty or cat: none
  PAGER                the pager, when RCUSER_PAGER is unset
  LESS, LV             passed to the pager; set to FRX and -c when unset, as gh does
  RCUSER_DEBUG=1       print stack traces and underlying causes of errors

Example:
  RCUSER_SERVER=chat.example.com RCUSER_USER_ID=aobEdbYhXfu5hkeqG \\
  RCUSER_TOKEN="$(cat ~/.rc-token)" rcuser info test.john --json
`;

const EXIT_CODES = `Exit codes

  0    success
  1    failure: network, TLS, server error, a response that is not Rocket.Chat's,
       a redirect (never followed)
  2    usage error: bad flags or arguments, missing input with no terminal to ask
  3    user not found (with several users: at least one not found; the others are
       still printed)
  4    authentication: not logged in, token expired or revoked, wrong password,
       two-factor code needed or wrong, an account the server refuses to log in
  130  interrupted (Ctrl-C)

Example:
  rcuser info "$name" --json > user.json
  case $? in
    0) echo found ;;
    3) echo "no such user: $name" ;;
    4) echo "not logged in: run rcuser login <server>" >&2 ;;
  esac
`;

export const HELP_TOPICS: Readonly<Record<string, { summary: string; text: string }>> = {
  environment: { summary: 'environment variables rcuser reads', text: ENVIRONMENT },
  'exit-codes': { summary: 'what each exit code means', text: EXIT_CODES },
};

export const TOPIC_NAMES: readonly string[] = Object.keys(HELP_TOPICS);

/**
 * `rcuser help [command|topic]`, replacing commander's help command, which only knows commands.
 * `program` is the root whose commands it explains.
 */
export function makeHelpCommand(ctx: Context, program: Command): Command {
  const topics = TOPIC_NAMES.map((t) => `  ${t.padEnd(12)} ${HELP_TOPICS[t]!.summary}`).join('\n');
  return new Command('help')
    .description(`show help for a command, or a topic (${TOPIC_NAMES.join(', ')})`)
    // completionWords: offered by shell completion (src/commands/completion/spec.ts), which imports nothing from here.
    .addArgument(Object.assign(new Argument('[topic]', 'a command name or a help topic'), { completionWords: TOPIC_NAMES }))
    .addHelpText(
      'after',
      `
Topics:
${topics}

Examples:
  rcuser help info           the flags and examples of \`rcuser info\`
  rcuser help environment    every environment variable rcuser reads
  rcuser help exit-codes     what each exit code means, for scripts`,
    )
    .action((topic: string | undefined) => {
      if (topic === undefined) return program.outputHelp();
      const text = HELP_TOPICS[topic]?.text;
      if (text !== undefined) return void ctx.io.stdout.write(text);
      const cmd = program.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
      if (cmd) return cmd.outputHelp();
      const known = [...program.commands.map((c) => c.name()).filter((n) => !n.startsWith('_')), ...TOPIC_NAMES];
      throw new UsageError(`no command or help topic named "${topic}"${didYouMean(topic, known)}`, `try one of: ${known.join(', ')}`);
    });
}
