/** A stored session: everything needed to talk to one server as one user. */
export interface Profile {
  name: string;
  server: string;
  userId: string;
  username?: string;
  /** The secret. Never printed, never logged. */
  token: string;
  /** A login token expires (90 days by default); a personal access token does not and must not be logged out. */
  tokenKind: 'login' | 'personal-access-token';
  serverVersion?: string;
  /** ISO date the profile was stored (login tokens are created then). */
  storedAt: string;
}

export interface ProfileStore {
  /** Where the profiles live, for messages. */
  readonly path: string;
  list(): Profile[];
  get(name: string): Profile | undefined;
  activeName(): string | undefined;
  save(profile: Profile, opts?: { activate?: boolean }): void;
  remove(name: string): boolean;
  setActive(name: string): void;
}
