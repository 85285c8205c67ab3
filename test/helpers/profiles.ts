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
