import { describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../src/store/memory-store.js';
import type { Profile } from '../../src/store/types.js';
import { SEED_IDS } from '../fake-server/index.js';
import { runMain } from '../helpers/main.js';
import { daysAgo, NOW, profileOn, storeWith } from '../helpers/profiles.js';
import { credentials, startServer, useServer } from '../helpers/harness.js';

const server = useServer();

const profile = (name: string, extra: Partial<Profile> = {}): Profile => profileOn(server.url, name, extra);

const run = (argv: string[], opts: { store?: MemoryStore; env?: Record<string, string> } = {}) =>
  runMain(argv, { ...opts, now: NOW });

describe('profiles', () => {
  it('lists profiles with the active one marked, never a token', async () => {
    const store = await storeWith(
      'a.example',
      profile('b.example', { username: 'bob' }),
      profile('a.example', {
        username: 'alice',
        tokenKind: 'personal-access-token',
        storedAt: '2026-01-02T03:04:00.000Z',
      }),
    );
    const r = await run(['profiles'], { store });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        `   NAME       ${'SERVER'.padEnd(server.url.length)}  USER   TOKEN                  STORED`,
        `*  a.example  ${server.url}  alice  personal access token  2026-01-02 03:04 UTC`,
        `   b.example  ${server.url}  bob    login                  2026-02-26 12:00 UTC`,
        '',
      ].join('\n'),
    );
    expect(r.out + r.err).not.toContain('tok-0123456789abcdef');
  });

  it('--json: an array without tokens', async () => {
    const store = await storeWith('a', profile('a', { username: 'alice' }));
    const r = await run(['profiles', '--json'], { store });
    expect(JSON.parse(r.out)).toEqual([
      {
        name: 'a',
        active: true,
        server: server.url,
        username: 'alice',
        userId: 'u1',
        tokenKind: 'login',
        serverVersion: '8.8',
        storedAt: daysAgo(3),
      },
    ]);
    expect(r.out).not.toContain('tok-');
  });

  it('none stored: empty stdout, a hint on stderr', async () => {
    const r = await run(['profiles']);
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain('rcuser login <server>');
  });
});

describe('use', () => {
  it('makes a profile active', async () => {
    const store = await storeWith('a', profile('a'), profile('b'));
    const r = await run(['use', 'b'], { store });
    expect(r.code).toBe(0);
    expect(store.activeName()).toBe('b');
    expect(r.err).toBe(`Now using profile "b" (someone on ${server.url}).\n`);
  });

  it('an unknown profile: exit 2 listing the names', async () => {
    const store = await storeWith('a', profile('b'), profile('a'));
    const r = await run(['use', 'nope'], { store });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'rcuser: no profile named "nope"\n  stored profiles: a, b\nRun \'rcuser use --help\' for usage.\n',
    );
    expect(store.activeName()).toBe('a');
  });
});

describe('whoami', () => {
  it('credentials from the environment: says so, and shows only the last 4 characters', async () => {
    const { userId, authToken } = server.login('jane.doe');
    const r = await run(['whoami', '--json'], { env: credentials(server, { userId, authToken }) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      username: 'jane.doe',
      name: 'Jane Doe',
      userId: SEED_IDS['jane.doe'],
      server: server.url,
      serverVersion: '8.8',
      profile: null,
      credentials: 'environment',
      tokenKind: null,
      tokenEnd: authToken.slice(-4),
      tokenStoredAt: null,
      tokenAgeDays: null,
      twoFactor: [],
      signIn: ['password'],
    });
    expect(r.out + r.err).not.toContain(authToken);
  });

  it('a login token near 90 days old: a warning on stderr', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith('p', profile('p', { userId, token: authToken, storedAt: daysAgo(85) }));
    const r = await run(['whoami'], { store });
    expect(r.code).toBe(0);
    expect(r.out).toContain('stored 2025-12-06 12:00 UTC (85 days ago)');
    expect(r.err).toContain('rcuser: warning: the login token is 85 days old and expires in about 5 days');
  });

  it('a young token: no warning', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith('p', profile('p', { userId, token: authToken, storedAt: daysAgo(10) }));
    const r = await run(['whoami'], { store });
    expect(r.err).toBe('');
  });

  it('a revoked token: exit 4, telling to run rcuser login (the same words as every command)', async () => {
    const store = await storeWith(
      'p',
      profile('p', { userId: SEED_IDS['test.john'], token: 'revoked-0123456789abcdef' }),
    );
    const r = await run(['whoami'], { store });
    expect(r.code).toBe(4);
    expect(r.err).toBe(
      `rcuser: ${server.url} rejected the credentials (HTTP 401: You must be logged in to do this.)\n  run \`rcuser login ${server.url} --name p -u someone\` to sign in again (profile "p")\n`,
    );
  });

  it('info with a revoked token in a profile not named after the host: the hint logs in to that same profile', async () => {
    const store = await storeWith(
      'p',
      profile('p', { userId: SEED_IDS['test.john'], token: 'revoked-0123456789abcdef' }),
    );
    const r = await run(['info', 'test.john'], { store });
    expect(r.code).toBe(4);
    expect(r.err).toBe(
      `rcuser: ${server.url} rejected the credentials (HTTP 401: You must be logged in to do this.)\n  run \`rcuser login ${server.url} --name p -u someone\` to sign in again (profile "p")\n`,
    );
  });

  it('an expired login token (the server removed it): exit 4', async () => {
    const s = await startServer({ loginExpirationDays: 90 });
    const { userId, authToken } = s.login('test.john');
    s.setTokenCreatedAt(authToken, new Date(Date.now() - 91 * 86_400_000));
    const r = await run(['whoami'], { env: credentials(s, { userId, authToken }) });
    expect(r.code).toBe(4);
    expect(r.err).toContain('check RCUSER_USER_ID and RCUSER_TOKEN (the token may have expired or been revoked)');
  });

  it('not logged in at all: exit 4', async () => {
    const r = await run(['whoami']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('rcuser login');
  });
});

describe('logout', () => {
  it('an unreachable server: forgets the profile anyway and says the token may still be valid', async () => {
    const store = await storeWith('gone', profile('gone', { server: 'http://127.0.0.1:9' }), profile('other'));
    const r = await run(['logout'], { store });
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'rcuser: warning: could not log out on the server (could not connect to http://127.0.0.1:9: connection refused): the token may stay valid until it expires\n',
    );
    expect(r.err).toContain('Forgot the session of someone on http://127.0.0.1:9; profile "gone" removed.\n');
    expect(r.err).toContain('No profile is active now; `rcuser use <profile>` picks one of: other\n');
    expect(store.list().map((p) => p.name)).toEqual(['other']);
  });

  it('--profile picks another profile; the active one stays', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith('a', profile('a'), profile('b', { userId, token: authToken, username: 'test.john' }));
    const r = await run(['logout', '--profile', 'b'], { store });
    expect(r.code).toBe(0);
    expect(server.isTokenValid(authToken)).toBe(false);
    expect(store.list().map((p) => p.name)).toEqual(['a']);
    expect(store.activeName()).toBe('a');
  });

  it('a token that had already expired: removed, and said so', async () => {
    const store = await storeWith(
      'a',
      profile('a', { userId: SEED_IDS['test.john'], token: 'expired-0123456789abcdef' }),
    );
    const r = await run(['logout'], { store });
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `The token of someone on ${server.url} had already expired or been revoked; profile "a" removed.\n`,
    );
  });

  it('credentials from the environment: nothing to forget, exit 2 with what to do', async () => {
    const r = await run(['logout'], { env: { RCUSER_USER_ID: 'u', RCUSER_TOKEN: 't' } });
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'the credentials come from RCUSER_USER_ID and RCUSER_TOKEN: there is nothing stored to forget',
    );
    expect(r.err).toContain('unset them');
  });

  it('an unknown profile: exit 2 listing the names', async () => {
    const store = await storeWith('a', profile('a'));
    const r = await run(['logout', '--profile', 'zz'], { store });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'rcuser: no profile named "zz"\n  stored profiles: a\nRun \'rcuser logout --help\' for usage.\n',
    );
  });

  it('nothing stored: exit 4', async () => {
    const r = await run(['logout']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('not logged in');
  });
});
