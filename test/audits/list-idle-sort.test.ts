/**
 * `list --idle` and `list --sort`, end to end: the built CLI against the test server, with the idle
 * seed (test/fake-server/seed-idle.ts) added. What is expected comes from the seed, never from the
 * server's answer; the request log shows what was asked and when paging stopped.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FakeServer } from '../fake-server/index.js';
import { seedManyUsers } from '../fake-server/seed-many.js';
import { seedUsers } from '../fake-server/seed.js';
import { addIdleUsers, IDLE_CUTOFF } from '../fake-server/seed-idle.js';
import { runCli } from '../helpers/cli.js';
import { credentials, startServer } from '../helpers/harness.js';

// Each test runs the built CLI a few times on a machine shared with others.
vi.setConfig({ testTimeout: 60_000 });

const lines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);
const listed = (s: FakeServer, mark: number, path = '/api/v1/users.listByStatus') =>
  s.requests.slice(mark).filter((r) => r.path === path);

describe('rcuser list --idle', () => {
  it('lists exactly the active users whose last login is at or before a date: the cutoff itself in, a millisecond later out', async () => {
    const s = await startServer();
    const seed = addIdleUsers(s);
    const mark = s.requests.length;
    const r = await runCli(['list', '--idle', '2017-01-01', '--json'], { env: credentials(s, 'admin') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const users = lines(r.stdout);
    // Oldest login first, as the server sorted them; never logged in, deactivated and later logins left out.
    expect(users.map((u) => u.username)).toEqual(['idle.2010', 'idle.bot', 'idle.2014', 'idle.cutoff']);
    expect(users.map((u) => u.username).sort()).toEqual(
      seed
        .filter((x) => x.idle)
        .map((x) => x.doc.username)
        .sort(),
    );
    expect(users.find((u) => u.username === 'idle.cutoff')!.lastLogin).toBe(IDLE_CUTOFF);
    // One request: the first page already holds a user past the cutoff, so paging stops there.
    expect(listed(s, mark).map((q) => q.query)).toEqual([
      `status=active&hasLoggedIn=true&sort=${encodeURIComponent('{"lastLogin":1,"_id":1}')}&count=100&offset=0`,
    ]);
  });

  it('combines with --role and --type; an empty answer is a note and exit 0', async () => {
    const s = await startServer();
    addIdleUsers(s);
    const env = credentials(s, 'admin');
    const mods = await runCli(['list', '--idle', '2017-01-01', '--role', 'moderator', '--json'], { env });
    expect(lines(mods.stdout).map((u) => u.username)).toEqual(['idle.2014']);
    const bots = await runCli(['list', '--idle', '2017-01-01', '--type', 'bot', '--json'], { env });
    expect(lines(bots.stdout).map((u) => u.username)).toEqual(['idle.bot']);
    const table = await runCli(['list', '--idle', '2017-01-01', '--no-pager'], { env: { ...env, COLUMNS: '150' } });
    expect(table.code).toBe(0);
    expect(table.stdout.match(/^│ idle\.\S+/gm)).toEqual(['│ idle.2010', '│ idle.bot', '│ idle.2014', '│ idle.cutoff']);
    expect(table.stdout.trimEnd().split('\n').at(-1)).toBe('4 users');
    const none = await runCli(['list', '--idle', '2009-01-01'], { env });
    expect([none.code, none.stdout, none.stderr]).toEqual([
      0,
      '',
      `rcuser: no users idle since 2009-01-01T00:00:00Z on ${s.url}\n`,
    ]);
  });

  it('90d counts back from now: 100 days ago is idle, 80 days ago is not', async () => {
    const s = await startServer();
    addIdleUsers(s);
    const r = await runCli(['list', '--idle', '90d', '--json'], { env: credentials(s, 'admin') });
    expect(r.code).toBe(0);
    const names = lines(r.stdout).map((u) => u.username as string);
    expect(names).toContain('idle.100d');
    expect(names).not.toContain('idle.80d');
    expect(names.at(-1)).toBe('idle.100d');
    // Everyone the default seed has who is active and logged in is idle too (their logins are from 2019-2024).
    const defaults = [...seedUsers(), ...seedManyUsers()].filter(
      (u) => u.active === true && typeof u.lastLogin === 'string',
    ).length;
    // And from the idle seed every active one but idle.80d: 2010, 2014, the bot, the cutoff, just after, 2018, 100 days.
    expect(names.length).toBe(defaults + 7);
  });

  it('stops paging at the cutoff: a few pages of a 20,000-user server, where a full list takes 204', async () => {
    const s = await startServer();
    const now = Date.now();
    // 121 idle users (logins spread over 2016-2024) among 20,000 who logged in this month.
    for (let i = 0; i < 20_000; i++) {
      const idle = i % 166 === 0;
      const login = idle ? Date.UTC(2016, 0, 1) + (i / 166) * 27 * 86_400_000 : now - (i % 30) * 86_400_000;
      s.addUser({
        _id: `big${String(i).padStart(6, '0')}`,
        username: `big.${i}`,
        type: 'user',
        status: 'offline',
        active: true,
        roles: ['user'],
        name: `Big ${i}`,
        lastLogin: new Date(login).toISOString(),
      });
    }
    const mark = s.requests.length;
    const r = await runCli(['list', '--idle', '90d', '--role', 'user', '--json'], {
      env: credentials(s, 'admin'),
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    const idle = lines(r.stdout).map((u) => u.username as string);
    const defaults = [...seedUsers(), ...seedManyUsers()].filter(
      (u) =>
        u.active === true && typeof u.lastLogin === 'string' && (u.roles as string[] | undefined)?.includes('user'),
    ).length;
    expect(idle.filter((n) => n.startsWith('big.'))).toHaveLength(121);
    expect(idle).toHaveLength(121 + defaults);
    // Pages of 100 up to the first one that holds a user past the cutoff, and not one more.
    const offsets = listed(s, mark).map((q) => new URLSearchParams(q.query).get('offset'));
    expect(offsets).toEqual(Array.from({ length: Math.floor(idle.length / 100) + 1 }, (_, i) => String(i * 100)));
    expect(offsets.length).toBeLessThan(6);
  }, 60_000);

  it('on 6.x (users.list) skips those who never logged in and still stops at the cutoff', async () => {
    const s = await startServer({ version: '6.5.0' });
    addIdleUsers(s);
    const mark = s.requests.length;
    const r = await runCli(['list', '--idle', '2017-01-01', '--json'], { env: credentials(s, 'admin') });
    expect(r.stderr).toBe('');
    expect(lines(r.stdout).map((u) => u.username)).toEqual(['idle.2010', 'idle.bot', 'idle.2014', 'idle.cutoff']);
    const asked = listed(s, mark, '/api/v1/users.list');
    expect(asked).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(asked[0]!.query))).toEqual({
      query: '{"active":true}',
      sort: '{"lastLogin":1,"_id":1}',
      count: '100',
      offset: '0',
    });
  });

  it('on 6.x, a regular user (who sees no last logins there) gets a clear error, nothing on stdout', async () => {
    const s = await startServer({ version: '6.5.0' });
    addIdleUsers(s);
    const r = await runCli(['list', '--idle', '90d'], { env: credentials(s, 'roxie') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('cannot apply --idle for you: before 6.8');
  });

  it('refuses a bad cutoff and flags that contradict it before any request', async () => {
    for (const [args, message] of [
      [['--idle', '90'], '--idle takes a number of days (90d) or a date (2026-01-31), not "90"'],
      [['--idle', '2026-02-30'], 'not "2026-02-30"'],
      [['--idle', '0d'], 'not "0d"'],
      [['--idle', '90d', '--deactivated'], '--deactivated'],
      [['--idle', '90d', '--never-logged-in'], '--never-logged-in'],
      [['--idle', '90d', '--sort', 'name'], '--sort'],
      [['--order', 'desc'], '--order needs --sort'],
      [['--sort', 'email'], 'email'],
    ] as const) {
      const r = await runCli(['list', ...args], {
        env: credentials('http://127.0.0.1:9', { userId: 'u', token: 't' }),
      });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});

describe('rcuser list --sort', () => {
  it('is sorted by the server, so --limit takes the real top N', async () => {
    const s = await startServer();
    const mark = s.requests.length;
    const r = await runCli(['list', '--sort', 'createdAt', '--order', 'desc', '--limit', '3', '--json'], {
      env: credentials(s, 'admin'),
    });
    expect(r.code).toBe(0);
    const newest = [...seedUsers(), ...seedManyUsers()]
      .sort(
        (a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || String(b._id).localeCompare(String(a._id)),
      )
      .slice(0, 3)
      .map((u) => u.username);
    expect(lines(r.stdout).map((u) => u.username)).toEqual(newest);
    expect(listed(s, mark).map((q) => new URLSearchParams(q.query).get('sort'))).toEqual(['{"createdAt":-1,"_id":-1}']);
  });

  it('username needs no tie-breaker; the default order is ascending', async () => {
    const s = await startServer();
    const mark = s.requests.length;
    const r = await runCli(['list', '--sort', 'username', '--limit', '2', '--json'], { env: credentials(s, 'roxie') });
    expect(lines(r.stdout).map((u) => u.username)).toEqual(['admin', 'alice']);
    expect(listed(s, mark).map((q) => new URLSearchParams(q.query).get('sort'))).toEqual(['{"username":1}']);
  });

  it('on 6.x cannot sort by createdAt (users.list sorts only what it returns): a clear error, no listing', async () => {
    const s = await startServer({ version: '6.7.0' });
    const mark = s.requests.length;
    const r = await runCli(['list', '--sort', 'createdAt'], { env: credentials(s, 'admin') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'cannot sort users by createdAt: before 6.8, users.list sorts only by the fields it returns',
    );
    expect(listed(s, mark, '/api/v1/users.list')).toEqual([]);
    const ok = await runCli(['list', '--sort', 'lastLogin', '--order', 'desc', '--limit', '1', '--json'], {
      env: credentials(s, 'admin'),
    });
    // Three users share the latest login (2024-09-01 08:00); _id breaks the tie, descending.
    expect(lines(ok.stdout).map((u) => u.username)).toEqual(['bob.builder']);
  });
});
