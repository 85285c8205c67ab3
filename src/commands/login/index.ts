import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { LOGIN_FLAGS, type LoginOptions } from './options.js';

/** Does the work of `rcuser login`; returns the exit code. Tests pass their own to check flag parsing. */
export type LoginRun = (opts: LoginOptions) => Promise<number>;

export function makeLoginCommand(
  ctx: Context,
  runF: LoginRun = async (opts) => (await import('./run.js')).runLogin(ctx, opts),
): Command {
  const cmd = new Command('login')
    .description('log in and store the session as a profile')
    .argument('[server]', "server URL, e.g. chat.example.com (https:// is assumed); default: the stored profile's");
  return addFlags(cmd, LOGIN_FLAGS)
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
    .action(async (serverArg: string | undefined, _opts: unknown, c: Command) => {
      ctx.exitCode = await runF({ ...readCommandFlags(c, LOGIN_FLAGS, ctx.env), serverArg });
    });
}
