import type { ListFilters, UserType } from '../../api/finding.js';
import { bool, num, readGlobals, str, type GlobalOptions, type ParsedFlags } from '../../options.js';

export interface ListOptions extends GlobalOptions {
  filters: ListFilters;
  json?: boolean;
  limit?: number;
  /** false with --no-pager. */
  pager?: boolean;
  maxWait?: number;
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
  return { ...readGlobals(o), filters: f, json: bool(o.json), limit: num(o.limit), pager: bool(o.pager), maxWait: num(o.maxWait) };
}
