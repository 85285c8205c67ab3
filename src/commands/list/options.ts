import type { ListFilters, UserType } from '../../api/finding.js';
import { flag, LISTING_FLAGS, type CommandOptions } from '../../cmdutil/flags.js';

/** Role names offered by shell completion for --role; any role id is accepted. */
export const COMMON_ROLES = ['admin', 'user', 'moderator', 'owner', 'leader', 'bot', 'app', 'guest', 'anonymous', 'livechat-agent', 'livechat-manager', 'livechat-monitor'];

const TYPES: readonly UserType[] = ['user', 'bot', 'app'];

/** The flags of `rcuser list`, declared once: its filters, then the output flags it shares with `search`. */
export const LIST_FLAGS = {
  active: flag.boolean('--active', 'only active users', { conflicts: 'deactivated' }),
  deactivated: flag.boolean('--deactivated', 'only deactivated users (and those waiting for approval)'),
  role: flag.list('--role <role>', 'users with this role; repeat for any of several', { completionWords: COMMON_ROLES }),
  type: flag.string('--type <type>', 'only users of this type', { choices: TYPES }),
  loggedIn: flag.boolean('--logged-in', 'only users who have logged in at least once', { conflicts: 'neverLoggedIn' }),
  neverLoggedIn: flag.boolean('--never-logged-in', 'only users who have never logged in'),
  search: flag.string('--search <term>', 'username or name contains this (e-mail too, where you may see e-mails)'),
  ...LISTING_FLAGS,
};

export type ListOptions = CommandOptions<typeof LIST_FLAGS> & {
  /** The filter flags as the server's filters. */
  filters: ListFilters;
};

/** The filter flags as the server's filters; a role named twice is asked for once (flag.list). */
export function listFilters(o: CommandOptions<typeof LIST_FLAGS>): ListFilters {
  const f: ListFilters = {};
  if (o.active) f.active = true;
  if (o.deactivated) f.active = false;
  if (o.role.length) f.roles = o.role;
  if (o.type && (TYPES as readonly string[]).includes(o.type)) f.type = o.type as UserType;
  if (o.loggedIn) f.loggedIn = true;
  if (o.neverLoggedIn) f.loggedIn = false;
  const search = o.search?.trim();
  if (search) f.search = search;
  return f;
}
