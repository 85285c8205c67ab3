import { describe, expect, it } from 'vitest';
import type { FakeServer } from './index.js';
import { MANY_USERS, NAMED_IDS, seedManyUsers, traitsOf } from './seed-many.js';
import { seedUsers } from './seed.js';
import { call } from './test-client.js';
import { startServer } from '../helpers/harness.js';

const get = (server: FakeServer, path: string, who = 'admin') => call(server, 'GET', path, { auth: server.login(who) });

/** Everyone the server holds: the hand-written users, then the named and generated ones. */
const TOTAL = seedUsers().length + seedManyUsers().length;

describe('users.listByStatus (6.8+)', () => {
  it('pages through every user exactly once, 100 at most per page, with the total', async () => {
    const server = await startServer();
    const seen: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const { status, body } = await get(server, `/api/v1/users.listByStatus?count=500&offset=${offset}`);
      expect(status).toBe(200);
      expect(body.total).toBe(TOTAL);
      expect(body.count).toBe(body.users.length);
      expect(body.count).toBeLessThanOrEqual(100);
      seen.push(...body.users.map((u: { _id: string }) => u._id));
      if (body.count < 100) break;
    }
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
  });

  it('defaults to 50 a page sorted by username', async () => {
    const server = await startServer();
    const { body } = await get(server, '/api/v1/users.listByStatus');
    expect(body.count).toBe(50);
    const names = body.users.map((u: { username: string }) => u.username);
    expect(names).toEqual([...names].sort());
    expect(Object.keys(body)).toEqual(['users', 'count', 'offset', 'total', 'success']);
  });

  it('filters by status, login, type and roles on the server', async () => {
    const server = await startServer();
    const all = (q: string) =>
      get(server, `/api/v1/users.listByStatus?count=0&${q}`).then((r) => r.body.users as Array<Record<string, any>>);
    const deactivated = await all('status=deactivated');
    expect(deactivated.length).toBeGreaterThan(10);
    expect(deactivated.every((u) => u.active === false)).toBe(true);
    const never = await all('hasLoggedIn=false');
    expect(never.length).toBeGreaterThan(20);
    expect(never.every((u) => !('lastLogin' in u))).toBe(true);
    const mods = await all('roles[]=moderator');
    const expected =
      1 + Array.from({ length: MANY_USERS }, (_, i) => i).filter((i) => traitsOf(i).roles.includes('moderator')).length;
    expect(mods).toHaveLength(expected);
    const bots = await all('type=bot');
    expect(bots.every((u) => u.type === 'bot')).toBe(true);
    const either = await all('roles[]=moderator&roles[]=admin');
    expect(either.length).toBeGreaterThan(mods.length);
  });

  it('searchTerm is an escaped, case-insensitive substring of username or name; e-mails only for admins', async () => {
    const server = await startServer();
    const names = (r: { body: any }) => r.body.users.map((u: { username: string }) => u.username);
    expect(names(await get(server, '/api/v1/users.listByStatus?searchTerm=%20ALI%20', 'roxie'))).toEqual([
      'alice',
      'alicia.keys',
    ]);
    expect(names(await get(server, '/api/v1/users.listByStatus?searchTerm=.*', 'roxie'))).toEqual([]);
    expect(names(await get(server, '/api/v1/users.listByStatus?searchTerm=example.org&count=1', 'admin'))).toHaveLength(
      1,
    );
    expect(names(await get(server, '/api/v1/users.listByStatus?searchTerm=example.org', 'roxie'))).toEqual([]);
  });

  it('sends the same fields to everyone, in document order', async () => {
    const server = await startServer();
    const { body } = await get(server, '/api/v1/users.listByStatus?searchTerm=alice', 'roxie');
    expect(body.users[0]).toEqual({
      _id: NAMED_IDS.alice,
      username: 'alice',
      emails: [{ address: 'alice@example.org', verified: true }],
      type: 'user',
      status: 'online',
      active: true,
      roles: ['user'],
      name: 'Alice Liddell',
      lastLogin: '2024-09-01T08:00:00.000Z',
    });
  });

  it('rejects unknown parameters, bad values and bad sorts', async () => {
    const server = await startServer({ allowInvalidRequests: true });
    const bad = async (q: string) => (await get(server, `/api/v1/users.listByStatus?${q}`)).body;
    expect(await bad('status=all')).toEqual({
      success: false,
      error: 'must be equal to one of the allowed values [invalid-params]',
      errorType: 'invalid-params',
    });
    expect((await bad('foo=1')).error).toBe('must NOT have additional properties [invalid-params]');
    expect((await bad('hasLoggedIn=maybe')).error).toBe('must be boolean [invalid-params]');
    expect((await bad('sort={"username":2}')).errorType).toBe('error-invalid-sort');
  });

  it('needs view-d-room, and view-outside-room behind the setting', async () => {
    const server = await startServer();
    server.setPermission('view-d-room', ['admin']);
    expect((await get(server, '/api/v1/users.listByStatus', 'roxie')).status).toBe(403);
    server.setPermission('view-d-room', ['admin', 'user']);
    server.setPermission('view-outside-room', ['admin']);
    expect((await get(server, '/api/v1/users.listByStatus', 'roxie')).status).toBe(200);
    server.setSetting('API_Apply_permission_view-outside-room_on_users-list', true);
    expect((await get(server, '/api/v1/users.listByStatus', 'roxie')).body).toEqual({
      success: false,
      error: 'unauthorized',
    });
  });

  it('does not exist before 6.8', async () => {
    const server = await startServer({ version: '6.7.2' });
    expect((await get(server, '/api/v1/users.listByStatus')).status).toBe(404);
  });
});

describe('users.list', () => {
  it('regular callers get fewer fields than admins, plus nameInsensitive', async () => {
    const server = await startServer();
    const regular = (await get(server, '/api/v1/users.list?count=100', 'roxie')).body.users.find(
      (u: any) => u.username === 'alice',
    );
    expect(regular).toEqual({
      _id: NAMED_IDS.alice,
      username: 'alice',
      type: 'user',
      status: 'online',
      active: true,
      name: 'Alice Liddell',
      nameInsensitive: 'alice liddell',
    });
    const admin = (await get(server, '/api/v1/users.list?count=100')).body.users.find(
      (u: any) => u.username === 'alice',
    );
    expect(Object.keys(admin)).toEqual([
      '_id',
      'username',
      'emails',
      'type',
      'status',
      'active',
      'roles',
      'name',
      'lastLogin',
      'nameInsensitive',
    ]);
  });

  it('ignores query from 7.0 and honours it on 6.x, minus what the caller may not query', async () => {
    const q = encodeURIComponent(JSON.stringify({ active: false }));
    const v8 = await startServer();
    expect((await get(v8, `/api/v1/users.list?query=${q}`)).body.total).toBe(TOTAL);
    const v6 = await startServer({ version: '6.6.1' });
    const { body } = await get(v6, `/api/v1/users.list?query=${q}&count=0`);
    expect(body.total).toBeLessThan(TOTAL);
    expect(body.users.every((u: any) => u.active === false)).toBe(true);
    const roles = encodeURIComponent(JSON.stringify({ roles: 'moderator' }));
    expect((await get(v6, `/api/v1/users.list?query=${roles}`, 'roxie')).body.total).toBe(TOTAL);
    expect((await get(v6, `/api/v1/users.list?query=${roles}`, 'admin')).body.total).toBeLessThan(TOTAL);
  });

  it('caps count at 100 and counts everything in total', async () => {
    const server = await startServer();
    const { body } = await get(server, '/api/v1/users.list?count=1000&offset=300');
    expect(body).toMatchObject({ count: TOTAL - 300, offset: 300, total: TOTAL });
    expect((await get(server, '/api/v1/users.list?count=1000')).body.count).toBe(100);
  });
});

describe('users.autocomplete, spotlight, directory', () => {
  it('autocomplete: at most 10 active users by username, name or nickname', async () => {
    const server = await startServer();
    const items = async (selector: object, who = 'roxie') =>
      (await get(server, `/api/v1/users.autocomplete?selector=${encodeURIComponent(JSON.stringify(selector))}`, who))
        .body.items;
    expect((await items({ term: 'ALI' })).map((u: any) => u.username)).toEqual(['alice', 'alicia.keys']);
    expect((await items({ term: 'wonder' }))[0]).toEqual({
      _id: NAMED_IDS.alice,
      username: 'alice',
      status: 'online',
      name: 'Alice Liddell',
      nickname: 'wonder',
    });
    expect(await items({ term: 'a' })).toHaveLength(10);
    expect((await items({ term: 'old.timer' })).length).toBe(0); // deactivated
    expect((await items({ term: 'ali', exceptions: ['alice'] })).map((u: any) => u.username)).toEqual(['alicia.keys']);
  });

  it('autocomplete without view-outside-room finds room mates only, direct-message contacts first', async () => {
    const server = await startServer();
    server.setPermission('view-outside-room', []);
    const res = await get(
      server,
      `/api/v1/users.autocomplete?selector=${encodeURIComponent('{"term":""}')}`,
      'test.john',
    );
    // roxie shares a direct message with test.john; jane.doe only the general channel.
    expect(res.body.items.map((u: any) => u.username)).toEqual(['roxie', 'jane.doe']);
  });

  it('autocomplete puts direct-message contacts first for callers who see everyone too', async () => {
    const server = await startServer();
    const res = await get(
      server,
      `/api/v1/users.autocomplete?selector=${encodeURIComponent('{"term":"o"}')}`,
      'test.john',
    );
    const names = res.body.items.map((u: any) => u.username);
    expect(names[0]).toBe('roxie');
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
    expect(names).toHaveLength(new Set(names).size);
  });

  it('spotlight: @ for users only, the exact username first, at most 5', async () => {
    const server = await startServer();
    const { body } = await get(server, '/api/v1/spotlight?query=%40alicia.keys');
    expect(body.users.map((u: any) => u.username)).toEqual(['alicia.keys']);
    expect(body.rooms).toEqual([]);
    expect((await get(server, '/api/v1/spotlight?query=%40a')).body.users).toHaveLength(5);
  });

  it('directory: plain parameters from 7.0, the query form on 6.x', async () => {
    const v8 = await startServer();
    const { body } = await get(v8, '/api/v1/directory?type=users&text=ali', 'roxie');
    expect(body).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
    expect(body.result.map((u: any) => u.username)).toEqual(['alicia.keys', 'alice']); // name descending
    expect(body.result[0].emails).toBeUndefined();
    expect(
      (await get(v8, `/api/v1/directory?query=${encodeURIComponent('{"type":"users","text":"ali"}')}`)).status,
    ).toBe(400);
    const v6 = await startServer({ version: '6.6.1' });
    const old = await get(
      v6,
      `/api/v1/directory?query=${encodeURIComponent('{"type":"users","text":"ali"}')}&sort=${encodeURIComponent('{"username":1}')}`,
    );
    expect(old.body.result.map((u: any) => u.username)).toEqual(['alice', 'alicia.keys']);
    expect(old.body.result[0].emails).toEqual([{ address: 'alice@example.org', verified: true }]);
  });

  it('directory refuses users to callers without view-outside-room', async () => {
    const server = await startServer();
    server.setPermission('view-outside-room', ['admin']);
    expect((await get(server, '/api/v1/directory?type=users&text=ali', 'roxie')).body).toEqual({
      success: false,
      error: 'Please verify the parameters',
    });
  });
});
