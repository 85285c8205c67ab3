import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Conf from 'conf';
import { CliError, ExitCode } from '../errors.js';
import { withLock, type LockOptions } from './lock.js';
import type { Profile, ProfileStore } from './types.js';
import { isRecord } from '../lib/values.js';

/** The file as stored. Entries are kept as found, so a write never drops what this version cannot read. */
interface StoreFile {
  active?: string;
  profiles?: Record<string, unknown>;
  [key: string]: unknown;
}

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
  private snapshot: { active?: string; profiles: Map<string, Profile> };

  private readonly createBelow?: string;

  constructor(dir: string, opts: ConfStoreOptions = {}) {
    this.dir = dir;
    this.createBelow = opts.createBelow;
    this.path = path.join(dir, PROFILE_FILE);
    this.lockOpts = opts.lock ?? {};
    this.checkMode();
    this.snapshot = this.parse(this.readFile(), this.warnings);
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

  async remove(name: string): Promise<boolean> {
    let removed = false;
    await this.update((file) => {
      if (!file.profiles || !Object.hasOwn(file.profiles, name)) return false;
      const { [name]: _gone, ...rest } = file.profiles;
      file.profiles = rest;
      if (file.active === name) delete file.active;
      removed = true;
      return true;
    });
    return removed;
  }

  async rename(from: string, to: string): Promise<boolean> {
    let renamed = false;
    await this.update((file) => {
      if (!file.profiles || !Object.hasOwn(file.profiles, from)) return false;
      // Rebuilt in the same order, the entry kept as found (fields this version does not know included).
      file.profiles = Object.fromEntries(Object.entries(file.profiles).map(([k, v]) => (k === from ? [to, isRecord(v) ? { ...v, name: to } : v] : [k, v])));
      if (file.active === from) file.active = to;
      renamed = true;
      return true;
    });
    return renamed;
  }

  setActive(name: string): Promise<void> {
    return this.update((file) => {
      file.active = name;
    });
  }

  /** Lock, re-read (another process may have written since we opened), change, write atomically. */
  private async update(change: (file: StoreFile) => boolean | void): Promise<void> {
    this.ensureDir();
    // conf (with ajv and its friends) costs tens of milliseconds to load: only writes need it.
    const conf = await this.openConf();
    await withLock(
      `${this.path}.lock`,
      () => {
        const file = this.readFile();
        if (change(file) === false) return;
        try {
          conf.store = file;
          fs.chmodSync(this.path, 0o600); // also narrows a file someone widened by hand
        } catch (err) {
          throw this.fsError('cannot save the profiles to', err);
        }
        this.snapshot = this.parse(file, []);
      },
      this.lockOpts,
    ).catch((err: unknown) => {
      throw err instanceof CliError ? err : this.fsError('cannot write in the profile directory', err, this.dir);
    });
  }

  /**
   * Before a server hands out a token: could the profiles be saved at all? Writes a throw-away
   * file the size of the next profile file, so a full disk shows as well as a read-only one.
   */
  async checkWritable(): Promise<void> {
    this.ensureDir();
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
      throw this.fsError('cannot write in the profile directory', err, this.dir);
    }
  }

  private ensureDir(): void {
    if (this.createBelow !== undefined && !fs.existsSync(this.createBelow)) {
      throw new CliError(
        `cannot create the profile directory ${this.dir}: the home directory ${this.createBelow} does not exist`,
        ExitCode.failure,
        'set HOME to your home directory, or RCUSER_CONFIG_DIR to a directory for rcuser\'s profiles',
      );
    }
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw this.fsError('cannot create the profile directory', err, this.dir);
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
      accessPropertiesByDotNotation: false,
    });
    return this.conf;
  }

  /** The whole file as found: {} when there is none yet; a clear error (and no write) when it is broken. */
  private readFile(): StoreFile {
    let text: string;
    try {
      text = fs.readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw this.fsError('cannot read the profile file', err);
    }
    if (text.trim() === '') return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw this.corrupt(`it is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    if (!isRecord(value)) throw this.corrupt('it does not hold a JSON object');
    if (value.profiles !== undefined && !isRecord(value.profiles)) throw this.corrupt('"profiles" is not an object');
    if (value.active !== undefined && typeof value.active !== 'string') throw this.corrupt('"active" is not a string');
    return value as StoreFile;
  }

  private parse(file: StoreFile, warnings: string[]): { active?: string; profiles: Map<string, Profile> } {
    const profiles = new Map<string, Profile>();
    for (const [name, entry] of Object.entries(file.profiles ?? {})) {
      const p = toProfile(name, entry);
      if (p) profiles.set(name, p);
      else warnings.push(`profile "${name}" in ${this.path} is incomplete and is ignored (it is kept in the file)`);
    }
    return { active: file.active, profiles };
  }

  /** Warn like ssh does when others can read the tokens. */
  private checkMode(): void {
    if (os.platform() === 'win32') return; // modes mean nothing there; the profile directory is per-user
    let mode: number;
    try {
      mode = fs.statSync(this.path).mode & 0o777;
    } catch {
      return;
    }
    if (mode & 0o077) {
      const m = mode.toString(8).padStart(4, '0');
      this.warnings.push(`permissions ${m} for ${this.path} are too open: others may read your tokens; run chmod 600 ${this.path}`);
    }
  }

  private corrupt(why: string): CliError {
    return new CliError(
      `the profile file ${this.path} is damaged: ${why}`,
      ExitCode.failure,
      `fix it by hand or move it away (rcuser never overwrites it); RCUSER_CONFIG_DIR=<dir> uses another directory`,
    );
  }

  private fsError(what: string, err: unknown, where = this.path): CliError {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : err instanceof Error
              ? err.message
              : String(err);
    return new CliError(`${what} ${where}: ${reason}`, ExitCode.failure, 'check its permissions, or point RCUSER_CONFIG_DIR at a writable directory', {
      cause: err,
    });
  }
}

function toProfile(name: string, entry: unknown): Profile | undefined {
  if (!isRecord(entry)) return undefined;
  const { server, userId, token, tokenKind } = entry;
  if (typeof server !== 'string' || typeof userId !== 'string' || typeof token !== 'string' || !server || !userId || !token) return undefined;
  return {
    name,
    server,
    userId,
    token,
    username: typeof entry.username === 'string' ? entry.username : undefined,
    tokenKind: tokenKind === 'personal-access-token' ? 'personal-access-token' : 'login',
    serverVersion: typeof entry.serverVersion === 'string' ? entry.serverVersion : undefined,
    storedAt: typeof entry.storedAt === 'string' ? entry.storedAt : '',
    ...(typeof entry.caFile === 'string' && entry.caFile ? { caFile: entry.caFile } : {}),
  };
}
