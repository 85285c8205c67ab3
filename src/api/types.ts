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
  /** As the server gave it: "8.8" to anonymous callers, "8.8.1" to admins. */
  raw: string;
  major: number;
  minor: number;
}

export function parseVersion(raw: string): ServerVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(raw);
  if (!m) return undefined;
  return { raw, major: Number(m[1]), minor: Number(m[2]) };
}

export function versionAtLeast(v: ServerVersion, major: number, minor = 0): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}
