/** Server version modes. Each helper names the behaviour change, so callers never compare numbers. */
export interface ServerVersion {
  full: string;
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(full: string): ServerVersion {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(full);
  if (!m) throw new Error(`fake server: unparseable version ${JSON.stringify(full)}`);
  return { full, major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function atLeast(v: ServerVersion, major: number, minor = 0): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** What anonymous callers of /api/info see: major.minor only. */
export function shortVersion(v: ServerVersion): string {
  return v.full.replace(/(\d+\.\d+).*/, '$1');
}

/**
 * The newest router (develop's server/api Hono chain; 9.x here, release UNVERIFIED): permissions,
 * then validation, then the rate limiter. 7.x/8.x check the limiter first (ApiClass.ts addRoute).
 */
export const isNewestRouter = (v: ServerVersion): boolean => atLeast(v, 9);
/** users.list checks its deprecated `query` with isValidQuery (app/api/server/lib/isValidQuery.ts). */
export const checksListQuery = (v: ServerVersion): boolean => atLeast(v, 6) && !atLeast(v, 7);
/** Restivus era: no `success` in auth bodies, `fields={"userRooms":1}` instead of includeUserRooms. */
export const isPre7 = (v: ServerVersion): boolean => !atLeast(v, 7);
/** applyBreakingChanges: compat `status`/`message` keys dropped, login failures collapsed. */
export const isBreaking9 = (v: ServerVersion): boolean => atLeast(v, 9);
/**
 * The newest getFullUserData (develop's server/lib layout) deletes resume, passwordHistory and email
 * from a self lookup. Which release ships it is UNVERIFIED; the fake server gives it to 9.x.
 */
export const stripsSelfSecrets = (v: ServerVersion): boolean => atLeast(v, 9);
/** From 7.4 the router drops the logout handler's body (issue #35922). */
export const logoutBodyIsEmpty = (v: ServerVersion): boolean => atLeast(v, 7, 4);

/** users.info lookup keys, in the schema's anyOf branch order. */
export function lookupKeys(v: ServerVersion): string[] {
  const keys = ['userId', 'username', 'importId'];
  if (atLeast(v, 8, 4)) keys.push('email');
  if (atLeast(v, 8, 5)) keys.push('freeSwitchExtension');
  return keys;
}

/** Optional users.info keys every branch allows. */
export function optionalInfoKeys(v: ServerVersion): string[] {
  return isPre7(v) ? ['fields'] : ['includeUserRooms', 'fields'];
}
