import { flag, FORMAT_FLAGS, MAX_WAIT_FLAG, positiveInt, type CommandOptions } from '../../cmdutil/flags.js';
import { DEFAULTS } from '../../lib/defaults.js';

/** The flags of `rcuser info`, declared once: commander's options are made from them and their values read through them. */
export const INFO_FLAGS = {
  username: flag.string('--username <name>', 'look up by username'),
  userId: flag.string('--user-id <id>', 'look up by user id'),
  importId: flag.string('--import-id <id>', 'look up by import id (needs view-full-other-user-info)'),
  email: flag.string('--email <address>', 'look up by e-mail address (Rocket.Chat 8.4+)'),
  rooms: flag.boolean('--rooms', "include the user's rooms"),
  teams: flag.boolean('--teams', 'include the teams the user is in (GET /api/v1/users.listTeams)'),
  json: flag.boolean('--json', "print the server's user object as JSON (NDJSON for several users)"),
  ...FORMAT_FLAGS,
  // Each request in flight is a socket to the server; past 64 a batch only crowds it.
  concurrency: flag.number(
    '--concurrency <n>',
    'requests in flight for several users (at most 64)',
    positiveInt('--concurrency', 64),
    DEFAULTS.concurrency,
  ),
  maxWait: MAX_WAIT_FLAG,
};

export type InfoOptions = CommandOptions<typeof INFO_FLAGS> & {
  /** The positional arguments: usernames, or `-` for stdin. */
  users: string[];
};
