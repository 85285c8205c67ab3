import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfStore } from '../../src/store/conf-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Profile } from '../../src/store/types.js';
import { runMain } from '../helpers/main.js';
import { daysAgo, NOW, profileOn, storeWith } from '../helpers/profiles.js';
import { refusedPort } from '../reliability/servers.js';
import { useServer } from '../helpers/harness.js';

const server = useServer();

const profile = (name: string, extra: Partial<Profile> = {}): Profile => profileOn(server.url, name, extra);

const run = (argv: string[], store: MemoryStore) => runMain(argv, { store, now: NOW });

describe('rcuser profiles rename', () => {
  it('renames offline; the active profile stays active under its new name', async () => {
    const store = await storeWith(
      '127.0.0.1:45555',
      profile('127.0.0.1:45555', { server: 'http://127.0.0.1:9' }),
      profile('other'),
    );
    const r = await run(['profiles', 'rename', '127.0.0.1:45555', 'local'], store);
    expect(r).toEqual({
      code: 0,
      out: '',
      err: 'Renamed profile "127.0.0.1:45555" to "local" (still the active one).\n',
    });
    expect(
      store
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['local', 'other']);
    expect(store.activeName()).toBe('local');
    expect(store.get('local')?.token).toBe('tok-0123456789abcdef-wxyz');
  });

  it('an unknown name, or a new name that is taken: exit 2, nothing changed', async () => {
    const store = await storeWith('a', profile('a'), profile('b'));
    expect(await run(['profiles', 'rename', 'c', 'd'], store)).toMatchObject({
      code: 2,
      err: 'rcuser: no profile named "c" (did you mean a?)\n  stored profiles: a, b\nRun \'rcuser profiles rename --help\' for usage.\n',
    });
    expect(await run(['profiles', 'rename', 'a', 'b'], store)).toMatchObject({
      code: 2,
      err: 'rcuser: a profile named "b" already exists\n  remove it first with `rcuser profiles remove b`, or pick another name\nRun \'rcuser profiles rename --help\' for usage.\n',
    });
    expect(
      store
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});

describe('rcuser profiles remove', () => {
  it('forgets a profile without contacting its server, and says the token was not revoked', async () => {
    const { userId, authToken } = server.login('test.john');
    const store = await storeWith(
      'work',
      profile('work', { userId, token: authToken, username: 'test.john' }),
      profile('home'),
    );
    const before = server.requests.length;
    const r = await run(['profiles', 'remove', 'work'], store);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `Removed profile "work" (test.john on ${server.url}); its login token was not revoked and stays valid until it expires (\`rcuser logout --profile work\` would have revoked it).\n` +
        'No profile is active now: run `rcuser use home` to use the one stored profile.\n',
    );
    expect(server.requests.length).toBe(before);
    expect(server.isTokenValid(authToken)).toBe(true);
    expect(store.list().map((p) => p.name)).toEqual(['home']);
  });

  it('an unknown name: exit 2 with the nearest', async () => {
    const store = await storeWith(undefined, profile('staging'));
    expect(await run(['profiles', 'remove', 'stagin'], store)).toMatchObject({
      code: 2,
      err: 'rcuser: no profile named "stagin" (did you mean staging?)\n  stored profiles: staging\nRun \'rcuser profiles remove --help\' for usage.\n',
    });
  });
});

describe('rcuser status', () => {
  it('checks every profile at once: valid, expired, revoked, unreachable', async () => {
    const john = server.login('test.john');
    const port = await refusedPort();
    const store = await storeWith(
      'ok',
      profile('ok', { userId: john.userId, token: john.authToken, username: 'test.john' }),
      profile('old', { token: 'expired-0123456789abcdef', storedAt: daysAgo(120), username: 'old.timer' }),
      profile('revoked', { token: 'revoked-0123456789abcdef', username: 'jane.doe' }),
      profile('gone', { server: `http://127.0.0.1:${port}` }),
    );
    const r = await run(['status'], store);
    expect(r.code).toBe(4);
    // Each profile is printed as its answer comes: compare the blocks, in stored order.
    const blocks = (text: string) => text.split(/\n(?=\S)/).sort();
    expect(blocks(r.out)).toEqual(
      blocks(
        [
          'gone',
          `  ! someone on http://127.0.0.1:${port}: unreachable (could not connect to http://127.0.0.1:${port}: connection refused)`,
          '    slow? try `rcuser status --timeout 60`; gone? `rcuser profiles remove gone`',
          'ok (active)',
          `  ✓ test.john on ${server.url}: login token valid`,
          'old',
          `  ✗ old.timer on ${server.url}: login token expired (login token 120 days old)`,
          `    run \`rcuser login ${server.url} --name old -u old.timer\``,
          'revoked',
          `  ✗ jane.doe on ${server.url}: login token revoked (the server rejects the token)`,
          `    run \`rcuser login ${server.url} --name revoked -u jane.doe\``,
          '',
        ].join('\n'),
      ),
    );
    expect(r.out + r.err).not.toContain(john.authToken);
    const json = JSON.parse((await run(['status', '--json'], store)).out);
    expect(json.map((s: { name: string; state: string }) => [s.name, s.state])).toEqual([
      ['gone', 'unreachable'],
      ['ok', 'valid'],
      ['old', 'expired'],
      ['revoked', 'revoked'],
    ]);
    expect(JSON.stringify(json)).not.toContain(john.authToken);
  });

  it('an unreachable profile whose name a shell would split: its `profiles remove` is quoted', async () => {
    const port = await refusedPort();
    const store = await storeWith(
      undefined,
      profile('old box', { server: `http://127.0.0.1:${port}` }),
      profile("it's;gone", { server: `http://127.0.0.1:${port}` }),
    );
    const r = await run(['status'], store);
    expect(r.code).toBe(1);
    const fixes = r.out.split('\n').filter((l) => l.includes('gone?'));
    expect(fixes.sort()).toEqual([
      "    slow? try `rcuser status --timeout 60`; gone? `rcuser profiles remove 'it'\\''s;gone'`",
      "    slow? try `rcuser status --timeout 60`; gone? `rcuser profiles remove 'old box'`",
    ]);
  });

  it('all valid: exit 0; none stored: exit 4 with how to add one', async () => {
    const john = server.login('test.john');
    expect(
      (await run(['status'], await storeWith('a', profile('a', { userId: john.userId, token: john.authToken })))).code,
    ).toBe(0);
    const none = await run(['status'], new MemoryStore());
    expect(none).toEqual({
      code: 4,
      out: '',
      err: 'No profiles stored (in (memory)); run `rcuser login <server>` to add one.\n',
    });
  });
});

describe('ConfStore.rename', () => {
  it('renames on disk in one write, keeping the entry and the active mark', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-rename-'));
    try {
      const store = new ConfStore(dir);
      await store.save(profile('a', { caFile: '/etc/ca.pem' }));
      await store.save(profile('b'), { activate: false });
      expect(await store.rename('a', 'c')).toBe('renamed');
      expect(await store.rename('c', 'b')).toBe('exists');
      expect(await store.rename('zz', 'y')).toBe('missing');
      const reopened = new ConfStore(dir);
      expect(reopened.list().map((p) => p.name)).toEqual(['c', 'b']);
      expect(reopened.activeName()).toBe('c');
      expect(reopened.get('c')).toMatchObject({ name: 'c', caFile: '/etc/ca.pem', token: 'tok-0123456789abcdef-wxyz' });
      expect((fs.statSync(path.join(dir, 'profiles.json')).mode & 0o777).toString(8)).toBe('600');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
