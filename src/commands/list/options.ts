import { InvalidArgumentError } from 'commander';
import { SORT_FIELDS, type ListFilters, type SortField, type UserType } from '../../api/finding.js';
import { UsageError } from '../../errors.js';
import { bool, readListingOptions, str, type ListingOptions, type ParsedFlags } from '../../cmdutil/flags.js';

/** `--idle 90d` (that many days before now) or `--idle 2026-01-01` (that instant, UTC). */
export type IdleSpec = { days: number } | { at: number };

export interface ListOptions extends ListingOptions {
  filters: ListFilters;
  idle?: IdleSpec;
}

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
    const iso = v.length === 10 ? `${v}T00:00:00Z` : /Z|[+-]\d{2}:\d{2}$/.test(v) ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`;
    const at = Date.parse(iso);
    if (!Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === v.slice(0, 10)) return { at };
  }
  throw new InvalidArgumentError(`--idle takes a number of days (90d) or a date (2026-01-31), not "${value}"`);
}

/** The cutoff instant: last logins at or before it are idle (users.deactivateIdle's $lte). */
export const idleCutoff = (spec: IdleSpec, now: number): number => ('days' in spec ? now - spec.days * DAY_MS : spec.at);

const TYPES: readonly string[] = ['user', 'bot', 'app'];

/** The filter flags as the server's filters; a role named twice is asked for once. */
export function readListOptions(o: ParsedFlags): ListOptions {
  const f: ListFilters = {};
  if (bool(o.active)) f.active = true;
  if (bool(o.deactivated)) f.active = false;
  const roles = Array.isArray(o.role) ? o.role.filter((r): r is string => typeof r === 'string') : [];
  if (roles.length) f.roles = [...new Set(roles)];
  const type = str(o.type);
  if (type && TYPES.includes(type)) f.type = type as UserType;
  if (bool(o.loggedIn)) f.loggedIn = true;
  if (bool(o.neverLoggedIn)) f.loggedIn = false;
  const rawSearch = str(o.search);
  const search = rawSearch?.trim();
  // As `rcuser search '   '` is: a blank term would list everyone while looking like a search.
  if (rawSearch !== undefined && !search) {
    throw new UsageError('the --search term is empty', 'give a part of a username or name, e.g. `--search john`; without --search, `rcuser list` lists everyone');
  }
  if (search) f.search = search;
  const sort = str(o.sort);
  if (str(o.order) && !sort) throw new UsageError('--order needs --sort', 'add --sort <field> (username, name, lastLogin, createdAt or status)');
  if (sort && (SORT_FIELDS as readonly string[]).includes(sort)) f.sort = { field: sort as SortField, desc: str(o.order) === 'desc' };
  const idle = o.idle as IdleSpec | undefined;
  return { ...readListingOptions(o), filters: f, ...(idle ? { idle } : {}) };
}
