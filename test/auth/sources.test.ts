import { describe, expect, it } from 'vitest';
import type { Profile } from '../../src/store/types.js';
import { runMain } from '../helpers/main.js';
import { profileOn, storeWith } from '../helpers/profiles.js';
import { useServer } from '../helpers/harness.js';

/** Hints name where a setting really came from: a flag, a variable, or a profile. */

const server = useServer();

const OTHER = 'https://other.example.com';

// Stored now: the real clock runs here, and an old login token would add a warning.
const profile = (name: string, extra: Partial<Profile> = {}): Profile =>
  profileOn(server.url, name, { storedAt: new Date().toISOString(), ...extra });

const run = runMain;

describe('--profile, --server and their variables', () => {
  it('--profile wins over RCUSER_SERVER (the README promise)', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith(undefined, profile('p', { userId, token: authToken, username: 'test.john' }));
    const r = await run(['--profile', 'p', 'whoami', '--json'], { store, env: { RCUSER_SERVER: OTHER } });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ server: server.url, profile: 'p', username: 'test.john' });
  });

  it('RCUSER_SERVER and RCUSER_PROFILE disagreeing: the hint names the variables, not a flag', async () => {
    const store = await storeWith(undefined, profile('p'));
    const r = await run(['whoami'], { store, env: { RCUSER_SERVER: OTHER, RCUSER_PROFILE: 'p' } });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `rcuser: profile "p" (RCUSER_PROFILE) is for ${server.url}, not ${OTHER} (RCUSER_SERVER)\n  unset RCUSER_SERVER, or set RCUSER_PROFILE to a profile for that server\nRun 'rcuser whoami --help' for usage.\n`,
    );
    expect(r.err).not.toContain('--server');
  });

  it('--server and --profile disagreeing: the hint names the flags', async () => {
    const store = await storeWith(undefined, profile('p'));
    const r = await run(['--server', OTHER, '--profile', 'p', 'whoami'], { store });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `rcuser: profile "p" (--profile) is for ${server.url}, not ${OTHER} (--server)\n  drop --server, or pick the matching --profile\nRun 'rcuser whoami --help' for usage.\n`,
    );
  });

  it('--server wins over RCUSER_PROFILE: the profile stored for that server is used', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith(
      undefined,
      profile('mine', { userId, token: authToken, username: 'test.john' }),
      profile('elsewhere', { server: OTHER }),
    );
    const r = await run(['--server', server.url, 'whoami', '--json'], { store, env: { RCUSER_PROFILE: 'elsewhere' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ profile: 'mine' });
  });

  it('a mistyped profile name suggests the nearest', async () => {
    const store = await storeWith('production', profile('production'), profile('staging'));
    const r = await run(['--profile', 'stagin', 'whoami'], { store });
    expect(r).toMatchObject({
      code: 2,
      err: 'rcuser: no profile named "stagin" (did you mean staging?)\n  stored profiles: production, staging\nRun \'rcuser whoami --help\' for usage.\n',
    });
    const use = await run(['use', '127.0.0.1'], { store: await storeWith(undefined, profile('127.0.0.1:45555')) });
    expect(use.err).toBe(
      'rcuser: no profile named "127.0.0.1" (did you mean 127.0.0.1:45555?)\n  stored profiles: 127.0.0.1:45555\nRun \'rcuser use --help\' for usage.\n',
    );
    const env = await run(['whoami'], { store, env: { RCUSER_PROFILE: 'prod' } });
    expect(env.err).toBe(
      'rcuser: no profile named "prod" (from RCUSER_PROFILE) (did you mean production?)\n  stored profiles: production, staging\nRun \'rcuser whoami --help\' for usage.\n',
    );
  });
});

describe('after logging out of the active profile', () => {
  it('names the stored profiles and the `rcuser use` line, instead of just "not logged in"', async () => {
    const store = await storeWith(undefined, profile('work'), profile('home'));
    const r = await run(['whoami'], { store });
    expect(r.code).toBe(4);
    expect(r.err).toBe(
      'rcuser: not logged in: no profile is active\n  run `rcuser use <profile>` with one of the stored profiles: home, work\n',
    );
    const one = await run(['info', 'x'], { store: await storeWith(undefined, profile('work')) });
    expect(one.err).toBe(
      'rcuser: not logged in: no profile is active\n  run `rcuser use work` to use the one stored profile\n',
    );
  });

  it('logout, then a command: the way back in one line', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith('a', profile('a', { userId, token: authToken }), profile('b'));
    expect((await run(['logout'], { store })).code).toBe(0);
    const r = await run(['info', 'test.john'], { store });
    expect(r.code).toBe(4);
    expect(r.err).toContain('run `rcuser use b` to use the one stored profile');
  });
});

describe('credentials from the environment without RCUSER_SERVER', () => {
  it('say where they go: in every error, and with --verbose', async () => {
    const store = await storeWith('a', profile('a'));
    const env = { RCUSER_USER_ID: 'someone', RCUSER_TOKEN: 'not-a-valid-token-0123' };
    const note = `RCUSER_USER_ID and RCUSER_TOKEN are sent to ${server.url}, the server of profile "a"; set RCUSER_SERVER to choose the server`;
    const r = await run(['info', 'test.john'], { store, env });
    expect(r.code).toBe(4);
    expect(r.err).toContain(`\n  note: ${note}\n`);
    const v = await run(['--verbose', 'info', 'test.john'], { store, env });
    expect(v.err.split('\n')[0]).toBe(`rcuser: ${note}`);
    // With RCUSER_SERVER set, nothing is guessed and nothing is said.
    const named = await run(['info', 'test.john'], { store, env: { ...env, RCUSER_SERVER: server.url } });
    expect(named.err).not.toContain('note:');
  });
});
