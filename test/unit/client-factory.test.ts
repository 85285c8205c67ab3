import { describe, expect, it } from 'vitest';
import { AuthError, type CliError, UsageError } from '../../src/errors.js';
import { wantsAscii, wantsColor } from '../../src/iostreams/io.js';
import { normalizeServer, resolveTarget } from '../../src/cmdutil/client-factory.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Profile } from '../../src/store/types.js';
import { readParsedFlags, type ParsedFlags } from '../../src/cmdutil/flags.js';
import type { Context } from '../../src/cmdutil/context.js';
import { testContext } from '../helpers/io.js';

/** The global flags as a command's run function gets them: the environment of `ctx` filled in. */
const globals = (ctx: Context, flags: ParsedFlags) => readParsedFlags(flags, {}, ctx.env);
const withGlobals = (ctx: Context, flags: ParsedFlags) => [ctx, globals(ctx, flags)] as const;
import { profile as baseProfile } from '../helpers/profiles.js';

describe('normalizeServer', () => {
  it.each([
    ['chat.example.com', 'https://chat.example.com'],
    ['chat.example.com/', 'https://chat.example.com'],
    ['https://chat.example.com/api/v1', 'https://chat.example.com'],
    ['https://chat.example.com/api/v1/', 'https://chat.example.com'],
    ['https://chat.example.com/api', 'https://chat.example.com'],
    ['https://example.com/chat/', 'https://example.com/chat'],
    ['https://example.com/chat/api/v1', 'https://example.com/chat'],
    ['chat.example.com:3000', 'https://chat.example.com:3000'],
    ['  HTTPS://Chat.Example.com  ', 'https://chat.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://127.8.9.10', 'http://127.8.9.10'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServer(input)).toBe(expected);
  });

  it('refuses plain http to a remote host unless allowHttp', () => {
    expect(() => normalizeServer('http://chat.example.com')).toThrow(UsageError);
    expect(() => normalizeServer('http://chat.example.com')).toThrow('refusing plain http:// to chat.example.com');
    expect(() => normalizeServer('http://127.0.0.1.nip.io')).toThrow(UsageError);
    expect(normalizeServer('http://chat.example.com/', { allowHttp: true })).toBe('http://chat.example.com');
  });

  it.each([
    [''],
    ['   '],
    ['https://'],
    ['ftp://chat.example.com'],
    ['https://user:pw@chat.example.com'],
    ['http://exa mple.com'],
  ])('%j is a usage error', (input) => {
    expect(() => normalizeServer(input)).toThrow(UsageError);
  });
});

const profile = (name: string, server: string, userId = `uid-${name}`): Profile =>
  baseProfile(name, { server, userId, token: `tok-${name}` });

function storeWith(...profiles: Profile[]): MemoryStore {
  const store = new MemoryStore();
  for (const p of profiles) store.save(p);
  return store;
}

describe('resolveTarget', () => {
  const A = 'https://a.example.com';
  const B = 'https://b.example.com';
  const envCreds = { RCUSER_USER_ID: 'env-uid', RCUSER_TOKEN: 'env-tok' };

  it('flags beat the environment', async () => {
    const ctx = testContext({ env: { RCUSER_SERVER: A, ...envCreds } });
    expect(await resolveTarget(ctx, globals(ctx, { server: B }), { requireAuth: true })).toEqual({
      server: B,
      auth: { userId: 'env-uid', token: 'env-tok' },
      source: 'environment',
    });
  });

  it('environment credentials beat the stored profile', async () => {
    const ctx = testContext({ env: { RCUSER_SERVER: A, ...envCreds }, store: storeWith(profile('a', A)) });
    const t = await resolveTarget(ctx, globals(ctx, {}), { requireAuth: true });
    expect(t).toEqual({ server: A, auth: { userId: 'env-uid', token: 'env-tok' }, source: 'environment' });
  });

  it('--profile (a flag) beats environment credentials; RCUSER_PROFILE does not', async () => {
    const ctx = testContext({
      env: { ...envCreds, RCUSER_PROFILE: 'a' },
      store: storeWith(profile('a', A), profile('b', B)),
    });
    expect(await resolveTarget(ctx, globals(ctx, { profile: 'b' }), { requireAuth: true })).toMatchObject({
      server: B,
      auth: { userId: 'uid-b', token: 'tok-b' },
      source: 'profile',
      profile: { name: 'b' },
    });
    expect(await resolveTarget(ctx, globals(ctx, {}), { requireAuth: true })).toEqual({
      server: A,
      auth: { userId: 'env-uid', token: 'env-tok' },
      source: 'environment',
    });
  });

  it('environment credentials without a server take the active profile’s server', async () => {
    const ctx = testContext({ env: envCreds, store: storeWith(profile('a', A)) });
    expect(await resolveTarget(ctx, globals(ctx, {}), { requireAuth: true })).toEqual({
      server: A,
      auth: { userId: 'env-uid', token: 'env-tok' },
      source: 'environment',
    });
  });

  it('environment credentials and no server at all: a usage error', async () => {
    const ctx = testContext({ env: envCreds });
    await expect(resolveTarget(ctx, globals(ctx, {}), { requireAuth: true })).rejects.toThrow(
      new UsageError(
        'RCUSER_USER_ID and RCUSER_TOKEN are set, but no server',
        'pass --server <url> or set RCUSER_SERVER',
      ),
    );
  });

  it('the active profile when nothing else is given', async () => {
    const store = storeWith(profile('a', A), profile('b', B));
    const t = await resolveTarget(...withGlobals(testContext({ store }), {}), { requireAuth: true });
    expect(t).toMatchObject({
      server: B,
      auth: { userId: 'uid-b', token: 'tok-b' },
      source: 'profile',
      profile: { name: 'b' },
    });
  });

  it('--profile beats RCUSER_PROFILE beats the active one', async () => {
    const store = storeWith(profile('a', A), profile('b', B), profile('c', A));
    const ctx = testContext({ store, env: { RCUSER_PROFILE: 'a' } });
    expect((await resolveTarget(ctx, globals(ctx, {}), { requireAuth: true })).profile?.name).toBe('a');
    expect((await resolveTarget(ctx, globals(ctx, { profile: 'c' }), { requireAuth: true })).profile?.name).toBe('c');
  });

  it('--server picks a profile for that server', async () => {
    const store = storeWith(profile('a', A), profile('b', B));
    const t = await resolveTarget(...withGlobals(testContext({ store }), { server: 'a.example.com/' }), {
      requireAuth: true,
    });
    expect(t).toMatchObject({ server: A, source: 'profile', profile: { name: 'a' } });
  });

  it('an unknown profile name is a usage error listing the stored ones', async () => {
    const store = storeWith(profile('a', A));
    const err = await resolveTarget(...withGlobals(testContext({ store }), { profile: 'zzz' }), {
      requireAuth: true,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as CliError).message).toBe('no profile named "zzz"');
    expect((err as CliError).hint).toBe('stored profiles: a');
  });

  it.each([
    [{ RCUSER_USER_ID: 'u' }, 'RCUSER_USER_ID is set but RCUSER_TOKEN is not'],
    [{ RCUSER_TOKEN: 't' }, 'RCUSER_TOKEN is set but RCUSER_USER_ID is not'],
  ])('one of the pair alone is a usage error: %j', async (env, message) => {
    const ctx = testContext({ env: { RCUSER_SERVER: A, ...env }, store: storeWith(profile('a', A)) });
    const err = await resolveTarget(ctx, globals(ctx, {}), { requireAuth: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as CliError).message).toBe(message);
  });

  it('nothing at all: not logged in (exit 4) with a hint', async () => {
    const err = await resolveTarget(...withGlobals(testContext(), {}), { requireAuth: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as CliError).exitCode).toBe(4);
    expect((err as CliError).message).toBe('not logged in');
    expect((err as CliError).hint).toBe(
      'run `rcuser login <server>`, or set RCUSER_SERVER, RCUSER_USER_ID and RCUSER_TOKEN',
    );
  });

  it('a bad RCUSER_SERVER is a usage error', async () => {
    const ctx = testContext({ env: { RCUSER_SERVER: 'http://remote.example.com', ...envCreds } });
    await expect(resolveTarget(ctx, globals(ctx, {}), { requireAuth: true })).rejects.toBeInstanceOf(UsageError);
    expect(await resolveTarget(ctx, globals(ctx, { allowHttp: true }), { requireAuth: true })).toMatchObject({
      server: 'http://remote.example.com',
    });
  });
});

describe('wantsAscii: the locale names no UTF-8 (LC_ALL, then LC_CTYPE, then LANG)', () => {
  it.each([
    [{}, false],
    [{ LC_ALL: 'POSIX' }, true],
    [{ LC_ALL: 'C' }, true],
    [{ LANG: 'C' }, true],
    [{ LANG: 'en_US.ISO-8859-1' }, true],
    [{ LANG: 'en_US.UTF-8' }, false],
    [{ LANG: 'C.utf8' }, false],
    [{ LC_ALL: 'C', LANG: 'en_US.UTF-8' }, true],
    [{ LC_ALL: 'en_US.UTF-8', LANG: 'C' }, false],
    [{ LC_CTYPE: 'en_US.UTF-8', LANG: 'C' }, false],
    [{ LC_CTYPE: 'C', LANG: 'en_US.UTF-8' }, true],
    [{ LC_ALL: '', LC_CTYPE: '', LANG: 'POSIX' }, true],
  ])('%j → ascii %s', (env, ascii) => {
    expect(wantsAscii(env)).toBe(ascii);
  });
});

describe('wantsColor', () => {
  it.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, {}, true, false],
    [true, { NO_COLOR: '1' }, false, false],
    [true, { NO_COLOR: '' }, false, true],
    [false, { FORCE_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '' }, false, true],
    [true, { FORCE_COLOR: '0' }, false, false],
    [true, { FORCE_COLOR: 'false' }, false, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, false],
    [false, { FORCE_COLOR: '1' }, true, false],
    [true, { TERM: 'dumb' }, false, false],
    [false, { TERM: 'dumb', FORCE_COLOR: '1' }, false, true],
  ])('tty=%s env=%j --no-color=%s → %s', (tty, env, flag, expected) => {
    expect(wantsColor(tty, env, flag)).toBe(expected);
  });
});
