import type { Profile, ProfileStore } from './types.js';

/** A store that lives in memory, for tests and for runs that must not touch the disk. */
export class MemoryStore implements ProfileStore {
  readonly path = '(memory)';
  private profiles = new Map<string, Profile>();
  private active?: string;

  list(): Profile[] {
    return [...this.profiles.values()];
  }
  get(name: string): Profile | undefined {
    return this.profiles.get(name);
  }
  activeName(): string | undefined {
    return this.active;
  }
  save(profile: Profile, opts: { activate?: boolean } = {}): void {
    this.profiles.set(profile.name, { ...profile });
    if (opts.activate ?? true) this.active = profile.name;
  }
  remove(name: string): boolean {
    if (this.active === name) this.active = undefined;
    return this.profiles.delete(name);
  }
  setActive(name: string): void {
    this.active = name;
  }
}
