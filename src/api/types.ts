/** The shapes rcuser reads from Rocket.Chat (users.info, me and /api/info answers). Servers vary: all optional. */
export interface RoomSubscription {
  _id?: string;
  rid?: string;
  name?: string;
  t?: string;
  unread?: number;
  roles?: string[];
  federated?: boolean;
}

export interface UserEmail {
  address?: string;
  verified?: boolean;
}

export interface User {
  _id?: string;
  username?: string;
  name?: string;
  nickname?: string;
  status?: string;
  statusText?: string;
  statusConnection?: string;
  type?: string;
  active?: boolean;
  roles?: string[];
  emails?: UserEmail[];
  createdAt?: string;
  lastLogin?: string;
  utcOffset?: number;
  bio?: string;
  reason?: string;
  requirePasswordChange?: boolean;
  customFields?: Record<string, unknown>;
  services?: unknown;
  rooms?: RoomSubscription[];
  [key: string]: unknown;
}

/** How a user is named in a users.info query. */
export type LookupKind = 'username' | 'userId' | 'importId' | 'email';
export interface Lookup {
  kind: LookupKind;
  value: string;
}

export interface ServerVersion {
  /** As the server gave it: "8.8" to anonymous callers, "8.8.1" to admins; "" when it gave none. */
  raw: string;
  major: number;
  minor: number;
  /**
   * /api/info named no version rcuser can read (a proxy stripped or rewrote it, a development build):
   * the server is taken for the newest, and what a newer-only parameter or endpoint refuses falls back.
   */
  unknown?: boolean;
}

/**
 * "8.8", "8.8.1", "8.8.1-rc.0" are known; "8" is the newest minor of 8; anything else ("develop",
 * nothing) is the newest of all: the only guess that can be corrected by the server's answer.
 */
export function parseVersion(raw: string): ServerVersion {
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(raw.trim());
  if (m?.[2] !== undefined) return { raw, major: Number(m[1]), minor: Number(m[2]) };
  if (m) return { raw, major: Number(m[1]), minor: Number.POSITIVE_INFINITY, unknown: true };
  return { raw, major: Number.POSITIVE_INFINITY, minor: Number.POSITIVE_INFINITY, unknown: true };
}

/** "Rocket.Chat 8.8", "Rocket.Chat develop", "Rocket.Chat (version unknown)". */
export function describeVersion(v: ServerVersion): string {
  return v.raw ? `Rocket.Chat ${v.raw}` : 'Rocket.Chat (version unknown)';
}

export function versionAtLeast(v: ServerVersion, major: number, minor = 0): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}
