import fs from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import { CliError, ExitCode } from '../errors.js';
import { withLock, type LockOptions } from './lock.js';
import type { Profile, ProfileStore } from './types.js';
import { isRecord } from '../lib/values.js';
import { fsError, modeWarning, parseStoreFile, readStoreFile, type Snapshot, type StoreFile } from './profile-file.js';

export const PROFILE_FILE = 'profiles.json';

export interface ConfStoreOptions {
  lock?: LockOptions;
  /** A directory that must exist already (the home directory): rcuser creates only what lies below it. */
  createBelow?: string;
}

/**
 * Profiles on disk, through conf (atomic writes via `atomically`). The directory is 0700 and the
 * file 0600: tokens are long-lived bearer secrets. A file that does not parse is reported with its
 * path and never wiped (conf's clearInvalidConfig stays off, and every write re-reads the file).
 * The store never prints: problems found on opening are in `warnings`.
 */
export class ConfStore implements ProfileStore {
  readonly path: string;
  readonly warnings: string[] = [];
  private readonly dir: string;
  private readonly lockOpts: LockOptions;
  private conf?: Conf<StoreFile>;
  private snapshot: Snapshot;

  private readonly createBelow?: string;

  constructor(dir: string, opts: ConfStoreOptions = {}) {
    this.dir = dir;
    this.createBelow = opts.createBelow;
    this.path = path.join(dir, PROFILE_FILE);
    this.lockOpts = opts.lock ?? {};
    const loose = modeWarning(this.path);
    if (loose) this.warnings.push(loose);
    this.snapshot = parseStoreFile(readStoreFile(this.path), this.path, this.warnings);
  }

  list(): Profile[] {
    return [...this.snapshot.profiles.values()].map((p) => ({ ...p }));
  }
  get(name: string): Profile | undefined {
    const p = this.snapshot.profiles.get(name);
    return p && { ...p };
  }
  activeName(): string | undefined {
    return this.snapshot.active;
  }

  save(profile: Profile, opts: { activate?: boolean } = {}): Promise<void> {
    return this.update((file) => {
      file.profiles = { ...file.profiles, [profile.name]: { ...profile } };
      if (opts.activate ?? true) file.active = profile.name;
    });
  }

  async remove(name: string, opts: { token?: string } = {}): Promise<'removed' | 'missing' | 'changed'> {
    let outcome: 'removed' | 'missing' | 'changed' = 'missing';
    await this.update((file) => {
      if (!file.profiles || !Object.hasOwn(file.profiles, name)) return false;
      const entry = file.profiles[name];
      if (opts.token !== undefined && !(isRecord(entry) && entry.token === opts.token)) {
        outcome = 'changed';
        return false;
      }
      const { [name]: _gone, ...rest } = file.profiles;
      file.profiles = rest;
      if (file.active === name) delete file.active;
      outcome = 'removed';
      return true;
    });
    return outcome;
  }

  async rename(from: string, to: string): Promise<'renamed' | 'missing' | 'exists'> {
    let outcome: 'renamed' | 'missing' | 'exists' = 'missing';
    await this.update((file) => {
      if (!file.profiles || !Object.hasOwn(file.profiles, from)) return false;
      if (Object.hasOwn(file.profiles, to)) {
        outcome = 'exists';
        return false;
      }
      // Rebuilt in the same order, the entry kept as found (fields this version does not know included).
      file.profiles = Object.fromEntries(
        Object.entries(file.profiles).map(([k, v]) =>
          k === from ? [to, isRecord(v) ? { ...v, name: to } : v] : [k, v],
        ),
      );
      if (file.active === from) file.active = to;
      outcome = 'renamed';
      return true;
    });
    return outcome;
  }

  setActive(name: string): Promise<void> {
    return this.update((file) => {
      file.active = name;
    });
  }

  /** Lock, re-read (another process may have written since we opened), change, write atomically. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a change may return nothing (write) or false (leave the file as it is)
  private async update(change: (file: StoreFile) => boolean | void): Promise<void> {
    this.ensureDir();
    // Before conf reads the file in its constructor: a FIFO there would block it for ever.
    readStoreFile(this.path, { forWrite: true });
    // conf (with ajv and its friends) costs tens of milliseconds to load: only writes need it.
    const conf = await this.openConf();
    await withLock(
      `${this.path}.lock`,
      () => {
        const file = readStoreFile(this.path, { forWrite: true });
        if (change(file) === false) {
          // Nothing to write, but what was read is now what the caller's messages should go by.
          this.snapshot = parseStoreFile(file, this.path, []);
          return;
        }
        try {
          conf.store = file;
          fs.chmodSync(this.path, 0o600); // also narrows a file someone widened by hand
        } catch (err) {
          throw fsError('cannot save the profiles to', err, this.path);
        }
        this.snapshot = parseStoreFile(file, this.path, []);
      },
      this.lockOpts,
    ).catch((err: unknown) => {
      throw err instanceof CliError ? err : fsError('cannot write in the profile directory', err, this.dir);
    });
  }

  /**
   * Before a server hands out a token: could the profiles be saved at all? Writes a throw-away
   * file the size of the next profile file, so a full disk shows as well as a read-only one.
   */
  async checkWritable(): Promise<void> {
    this.ensureDir();
    // Everything a save does before writing, done now: the file read as for a write, and conf built
    // (its constructor reads the file too), so nothing of it can fail once a token exists.
    readStoreFile(this.path, { forWrite: true });
    await this.openConf();
    let size = 0;
    try {
      size = fs.statSync(this.path).size;
    } catch {
      // no file yet
    }
    const probe = path.join(this.dir, `.${PROFILE_FILE}.probe-${Math.random().toString(36).slice(2)}`);
    try {
      const fd = fs.openSync(probe, 'wx', 0o600);
      try {
        fs.writeSync(fd, Buffer.alloc(size + 4096, 0x20));
      } finally {
        fs.closeSync(fd);
        fs.rmSync(probe, { force: true });
      }
    } catch (err) {
      throw fsError('cannot write in the profile directory', err, this.dir);
    }
  }

  private ensureDir(): void {
    if (this.createBelow !== undefined && !fs.existsSync(this.createBelow)) {
      throw new CliError(
        `cannot create the profile directory ${this.dir}: the home directory ${this.createBelow} does not exist`,
        ExitCode.failure,
        "set HOME to your home directory, or RCUSER_CONFIG_DIR to a directory for rcuser's profiles",
      );
    }
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw fsError('cannot create the profile directory', err, this.dir);
    }
  }

  /** conf is only built once the directory exists: building it creates the directory with default modes. */
  private async openConf(): Promise<Conf<StoreFile>> {
    if (this.conf) return this.conf;
    const { default: Conf } = await import('conf');
    this.conf = new Conf<StoreFile>({
      cwd: this.dir,
      configName: 'profiles',
      projectName: 'rcuser',
      configFileMode: 0o600,
      clearInvalidConfig: false,
      // An empty or blank file is no profiles yet, as rcuser's own reading takes it (conf's JSON.parse throws).
      deserialize: (text: string) => (text.trim() === '' ? {} : (JSON.parse(text) as StoreFile)),
      accessPropertiesByDotNotation: false,
    });
    return this.conf;
  }
}
