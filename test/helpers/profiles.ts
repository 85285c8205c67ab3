import { MemoryStore } from '../../src/store/memory-store.js';
import type { Profile } from '../../src/store/types.js';

/** The clock of tests that show a profile's age (`runMain(argv, { now: NOW })`). */
export const NOW = Date.parse('2026-03-01T12:00:00.000Z');
export const daysAgo = (n: number): string => new Date(NOW - n * 86_400_000).toISOString();

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

/** A profile of user u1 on a running test server, stored three days before NOW. */
export function profileOn(server: string, name: string, extra: Partial<Profile> = {}): Profile {
  return profile(name, {
    server,
    userId: 'u1',
    username: 'someone',
    token: 'tok-0123456789abcdef-wxyz',
    storedAt: daysAgo(3),
    ...extra,
  });
}

/** An in-memory store holding `profiles`, saved in this order; `active` is the active one. */
export async function storeWith(active: string | undefined, ...profiles: Profile[]): Promise<MemoryStore> {
  const s = new MemoryStore();
  for (const p of profiles) await s.save(p, { activate: p.name === active });
  return s;
}
