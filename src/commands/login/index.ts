import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import type { ParsedFlags } from '../../cmdutil/flags.js';
import { readLoginOptions, type LoginOptions } from './options.js';

/** Does the work of `rcuser login`; `server` is the positional argument. Tests pass their own. */
export type LoginRun = (server: string | undefined, opts: LoginOptions) => Promise<void>;

export function makeLoginCommand(ctx: Context, run?: LoginRun): Command {
  const runF: LoginRun =
    run ??
    (async (server, opts) => {
      const { runLogin } = await import('./run.js');
      return runLogin(ctx, server, opts);
    });
  return new Command('login')
    .description('log in and store the session as a profile')
    .argument('[server]', "server URL, e.g. chat.example.com (https:// is assumed); default: the stored profile's")
    .option('-u, --username <name-or-email>', 'who to log in as (asked for on a terminal)')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--code <2fa-code>', 'two-factor code: authenticator, backup or e-mail code; "123 456" is fine (env RCUSER_2FA_CODE)')
    .option('--token-stdin', 'store a personal access token read from stdin instead (needs --user-id)')
    .option('--user-id <id>', 'the user id the personal access token belongs to')
    .option('--name <profile>', "profile name (default: the server's host)")
    .option('--replace', 'replace a profile of that name that holds another server or user (asked at a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  rcuser login chat.example.com -u admin                 asks for the password (and a 2FA code)
  printf '%s\\n' "$PW" | rcuser login chat.example.com -u admin --password-stdin
  rcuser login chat.example.com -u admin --password-stdin --code 123456 < pw.txt
  rcuser login chat.example.com -u admin --password-stdin --code k7Qm2XpR < pw.txt   a backup code (works once)
  rcuser login chat.example.com --token-stdin --user-id aobEdbYhXfu5hkeqG < token.txt
  rcuser login chat.example.com -u bot --name prod-bot   store under another profile name
  rcuser login                                           log in again to the active profile
  rcuser login --profile prod-bot                        ... or to another stored one

The password is never taken from the command line and never stored; the profile holds the
server's login token (or your personal access token). Accounts that sign in through SSO (SAML,
OAuth, CAS) have no password here: use a personal access token with --token-stdin --user-id.
A server that redirects (http to https) is never followed: rcuser names the URL to use instead.
Exit codes: 0 logged in, 2 missing input with no terminal to ask, 4 wrong password or 2FA code or
a refused account, 1 other failures (a redirect too).`,
    )
    .action(async (server: string | undefined, _opts: unknown, cmd: Command) => {
      await runF(server, readLoginOptions(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
