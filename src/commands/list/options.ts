import type { ListFilters, UserType } from '../../api/finding.js';
import { bool, readListingOptions, str, type ListingOptions, type ParsedFlags } from '../../cmdutil/flags.js';

export interface ListOptions extends ListingOptions {
  filters: ListFilters;
}

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
  const search = str(o.search)?.trim();
  if (search) f.search = search;
  return { ...readListingOptions(o), filters: f };
}
