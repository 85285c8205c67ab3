import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { CliError } from '../errors.js';
import type { Profile, ProfileStore } from './types.js';

interface StoreShape {
  active?: string;
  profiles: Record<string, Profile>;
}

/**
 * Profiles on disk, through conf. The directory is 0700 and the file 0600: tokens are long-lived
 * bearer secrets. A file that does not parse is reported, never wiped (conf's clearInvalidConfig off).
 */
export class ConfStore implements ProfileStore {
  readonly path: string;
  private readonly conf: Conf<StoreShape>;

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      this.conf = new Conf<StoreShape>({
        cwd: dir,
        configName: 'profiles',
        projectName: 'rcuser',
        configFileMode: 0o600,
        clearInvalidConfig: false,
        defaults: { profiles: {} },
      });
    } catch (err) {
      throw new CliError(
        `cannot read the profile file ${path.join(dir, 'profiles.json')}: ${err instanceof Error ? err.message : String(err)}`,
        1,
        'fix or move the file by hand; rcuser will not overwrite it',
      );
    }
    this.path = this.conf.path;
  }

  private read(): StoreShape {
    const s = this.conf.store;
    return { active: s.active, profiles: s.profiles ?? {} };
  }

  list(): Profile[] {
    return Object.values(this.read().profiles);
  }
  get(name: string): Profile | undefined {
    return this.read().profiles[name];
  }
  activeName(): string | undefined {
    return this.read().active;
  }
  save(profile: Profile, opts: { activate?: boolean } = {}): void {
    const s = this.read();
    s.profiles[profile.name] = profile;
    if (opts.activate ?? true) s.active = profile.name;
    this.conf.store = s;
  }
  remove(name: string): boolean {
    const s = this.read();
    if (!(name in s.profiles)) return false;
    delete s.profiles[name];
    if (s.active === name) delete s.active;
    this.conf.store = s;
    return true;
  }
  setActive(name: string): void {
    this.conf.set('active', name);
  }
}
