import type { Profile, ProfileStore } from './types.js';

/** A store that lives in memory, for tests and for runs that must not touch the disk. */
export class MemoryStore implements ProfileStore {
  readonly path = '(memory)';
  readonly warnings: string[] = [];
  private profiles = new Map<string, Profile>();
  private active?: string;

  list(): Profile[] {
    return [...this.profiles.values()].map((p) => ({ ...p }));
  }
  get(name: string): Profile | undefined {
    const p = this.profiles.get(name);
    return p && { ...p };
  }
  activeName(): string | undefined {
    return this.active;
  }
  async save(profile: Profile, opts: { activate?: boolean } = {}): Promise<void> {
    this.profiles.set(profile.name, { ...profile });
    if (opts.activate ?? true) this.active = profile.name;
  }
  async remove(name: string, opts: { token?: string } = {}): Promise<'removed' | 'missing' | 'changed'> {
    const p = this.profiles.get(name);
    if (!p) return 'missing';
    if (opts.token !== undefined && p.token !== opts.token) return 'changed';
    if (this.active === name) this.active = undefined;
    this.profiles.delete(name);
    return 'removed';
  }
  async rename(from: string, to: string): Promise<'renamed' | 'missing' | 'exists'> {
    const p = this.profiles.get(from);
    if (!p) return 'missing';
    if (this.profiles.has(to)) return 'exists';
    this.profiles.delete(from);
    this.profiles.set(to, { ...p, name: to });
    if (this.active === from) this.active = to;
    return 'renamed';
  }
  async setActive(name: string): Promise<void> {
    this.active = name;
  }
}
