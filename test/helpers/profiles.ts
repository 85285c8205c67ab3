import { MemoryStore } from '../../src/store/memory-store.js';
import type { Profile } from '../../src/store/types.js';

/**
 * A stored profile for tests: every field filled from the name (server `https://<name>.example.com`,
 * a token long enough to show its last 4 characters), overridden by `extra`.
 */
export function profile(name: string, extra: Partial<Profile> = {}): Profile {
  return {
    name,
    server: `https://${name}.example.com`,
    userId: `id-${name}`,
    username: `user-${name}`,
    token: `secret-token-of-${name}-0123456789`,
    tokenKind: 'login',
    serverVersion: '8.8',
    storedAt: '2026-01-02T03:04:05.000Z',
    ...extra,
  };
}

/** An in-memory store holding `profiles`, saved in this order; `active` is the active one. */
export async function storeWith(active: string | undefined, ...profiles: Profile[]): Promise<MemoryStore> {
  const s = new MemoryStore();
  for (const p of profiles) await s.save(p, { activate: p.name === active });
  return s;
}
