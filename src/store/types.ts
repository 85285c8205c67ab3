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
  /** Absolute path of the extra CA certificate (PEM) the login trusted (--ca-file); never --insecure. */
  caFile?: string;
}

/**
 * Reads are synchronous and come from the snapshot taken when the store was opened; writes lock the
 * file, re-read it, change one entry and write the whole file atomically, so concurrent rcuser
 * processes never lose each other's profiles.
 */
export interface ProfileStore {
  /** Where the profiles live, for messages. */
  readonly path: string;
  /** Problems found on opening (a file readable by others, a malformed entry): the command layer prints them. */
  readonly warnings: readonly string[];
  list(): Profile[];
  get(name: string): Profile | undefined;
  activeName(): string | undefined;
  save(profile: Profile, opts?: { activate?: boolean }): Promise<void>;
  /**
   * Forget a profile. Decided inside the lock, on the file as it is then: `missing` when another
   * rcuser removed or renamed it meanwhile, `changed` when `token` is given and it now holds another.
   */
  remove(name: string, opts?: { token?: string }): Promise<'removed' | 'missing' | 'changed'>;
  /**
   * Give a profile another name in one write; the active one stays active. Decided inside the lock:
   * `missing` when `from` is no longer stored, `exists` when another rcuser stored `to` meanwhile.
   */
  rename(from: string, to: string): Promise<'renamed' | 'missing' | 'exists'>;
  setActive(name: string): Promise<void>;
  /** Fails, as a save would, when a profile could not be saved now (read-only, full disk). */
  checkWritable?(): Promise<void>;
}
