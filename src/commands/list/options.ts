import { InvalidArgumentError } from 'commander';
import { SORT_FIELDS, type ListFilters, type SortField, type UserType } from '../../api/finding.js';
import { UsageError } from '../../errors.js';
import { flag, LISTING_FLAGS, type CommandOptions } from '../../cmdutil/flags.js';

/** Role names offered by shell completion for --role; any role id is accepted. */
export const COMMON_ROLES = [
  'admin',
  'user',
  'moderator',
  'owner',
  'leader',
  'bot',
  'app',
  'guest',
  'anonymous',
  'livechat-agent',
  'livechat-manager',
  'livechat-monitor',
];

/** `--idle 90d` (that many days before now) or `--idle 2026-01-01` (that instant, UTC). */
export type IdleSpec = { days: number } | { at: number };

const DAY_MS = 86_400_000;

/** --idle's argParser: a usage error (exit 2) before any request for anything else. */
export function parseIdle(value: string): IdleSpec {
  const v = value.trim();
  const days = /^(\d+)d$/i.exec(v);
  if (days) {
    const n = Number(days[1]);
    if (n >= 1 && n <= 36_500) return { days: n };
  } else if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/.test(v)) {
    // A bare date or a time without a zone is UTC, so the cutoff does not move with the machine's zone.
    const iso =
      v.length === 10
        ? `${v}T00:00:00Z`
        : /Z|[+-]\d{2}:\d{2}$/.test(v)
          ? v.replace(' ', 'T')
          : `${v.replace(' ', 'T')}Z`;
    const at = Date.parse(iso);
    if (!Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === v.slice(0, 10)) return { at };
  }
  throw new InvalidArgumentError(`--idle takes a number of days (90d) or a date (2026-01-31), not "${value}"`);
}

/** The cutoff instant: last logins at or before it are idle (users.deactivateIdle's $lte). */
export const idleCutoff = (spec: IdleSpec, now: number): number =>
  'days' in spec ? now - spec.days * DAY_MS : spec.at;

const TYPES: readonly UserType[] = ['user', 'bot', 'app'];

/** The flags of `rcuser list`, declared once: its filters, then the output flags it shares with `search`. */
export const LIST_FLAGS = {
  active: flag.boolean('--active', 'only active users', { conflicts: 'deactivated' }),
  deactivated: flag.boolean('--deactivated', 'only deactivated users (and those waiting for approval)'),
  role: flag.list(
    '--role <role>',
    'users with this role (case-sensitive: admin, not Admin); repeat for any of several',
    {
      completionWords: COMMON_ROLES,
    },
  ),
  type: flag.string('--type <type>', 'only users of this type', { choices: TYPES }),
  loggedIn: flag.boolean('--logged-in', 'only users who have logged in at least once', { conflicts: 'neverLoggedIn' }),
  neverLoggedIn: flag.boolean('--never-logged-in', 'only users who have never logged in'),
  search: flag.string('--search <term>', 'username or name contains this (e-mail too, where you may see e-mails)'),
  idle: flag.parsed(
    '--idle <90d|date>',
    'active users whose last login is at or before this many days ago, or this date (UTC)',
    parseIdle,
    {
      conflicts: ['deactivated', 'neverLoggedIn', 'sort'],
    },
  ),
  sort: flag.string('--sort <field>', 'sorted by the server by this field', { choices: SORT_FIELDS }),
  order: flag.string('--order <order>', 'with --sort: ascending or descending', { choices: ['asc', 'desc'] }),
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
  // As `rcuser search '   '` is: a blank term would list everyone while looking like a search.
  if (o.search !== undefined && !search) {
    throw new UsageError(
      'the --search term is empty',
      'give a part of a username or name, e.g. `--search john`; without --search, `rcuser list` lists everyone',
    );
  }
  if (search) f.search = search;
  if (o.order && !o.sort)
    throw new UsageError('--order needs --sort', 'add --sort <field> (username, name, lastLogin, createdAt or status)');
  if (o.sort && (SORT_FIELDS as readonly string[]).includes(o.sort))
    f.sort = { field: o.sort as SortField, desc: o.order === 'desc' };
  return f;
}
