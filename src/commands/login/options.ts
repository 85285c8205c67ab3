import { flag, type CommandOptions } from '../../cmdutil/flags.js';

/** The flags of `rcuser login`, declared once. */
export const LOGIN_FLAGS = {
  username: flag.string('-u, --username <name-or-email>', 'who to log in as (asked for on a terminal)'),
  passwordStdin: flag.boolean('--password-stdin', 'read the password from the first line of stdin'),
  code: flag.string(
    '--code <2fa-code>',
    'two-factor code: authenticator, backup or e-mail code; "123 456" is fine (env RCUSER_2FA_CODE)',
    {
      env: 'RCUSER_2FA_CODE',
    },
  ),
  tokenStdin: flag.boolean('--token-stdin', 'store a personal access token read from stdin instead (needs --user-id)'),
  userId: flag.string('--user-id <id>', 'the user id the personal access token belongs to'),
  name: flag.string('--name <profile>', "profile name (default: the server's host)"),
  replace: flag.boolean(
    '--replace',
    'replace a profile of that name that holds another server or user (asked at a terminal)',
  ),
};

export type LoginOptions = CommandOptions<typeof LOGIN_FLAGS> & {
  /** The positional argument: the server to log in to, if named. */
  serverArg?: string;
};
