/**
 * The test server's checks in the real server's order and with its own validators: Rocket.Chat's
 * request validators (rest-typings), 6.x's isValidQuery on users.list, the rate limiter before
 * validation, and /api/info as a proxy may rewrite it.
 */
import { describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from './index.js';
import { parseQs, rcValidators, validatorMessage } from './rc-validators.js';
import { call } from './test-client.js';
import { startServer } from '../helpers/harness.js';

const get = (server: FakeServer, path: string, who = 'admin') => call(server, 'GET', path, { auth: server.login(who) });
const listQuery = (q: unknown) => `/api/v1/users.list?query=${encodeURIComponent(JSON.stringify(q))}&count=100`;

describe("Rocket.Chat's own validators (@rocket.chat/rest-typings)", () => {
  it('load as plain functions and answer with the messages the server sends', () => {
    const v = rcValidators();
    const info = v.isUsersInfoParamsGetProps!;
    expect(info(parseQs('username=alice&includeUserRooms=true'))).toBe(true);
    expect(info(parseQs('userId=a&username=b'))).toBe(false);
    expect(validatorMessage(info).split('\n ')).toEqual([
      'must NOT have additional properties',
      'must NOT have additional properties',
      "must have required property 'importId'",
      "must have required property 'email'",
      "must have required property 'freeSwitchExtension'",
      'must match a schema in anyOf',
    ]);
    // ajvQuery coerces: roles[]=a is an array, count=100 a number.
    expect(v.isUsersListStatusProps!(parseQs('roles[]=admin&count=100&offset=0&hasLoggedIn=false'))).toBe(true);
    expect(v.isUsersListStatusProps!(parseQs('status=all'))).toBe(false);
    expect(v.isUsersListTeamsProps!(parseQs('userId=a'))).toBe(true);
    expect(v.isUsersListTeamsProps!(parseQs('userId=a&count=1'))).toBe(false);
  });

  it('parse the query string as qs does', () => {
    expect(parseQs('a=1&a=2&b[]=x&c[1]=y&c[0]=z&d[e]=f&g=h+i')).toEqual({
      a: ['1', '2'],
      b: ['x'],
      c: ['z', 'y'],
      d: { e: 'f' },
      g: 'h i',
    });
  });

  it('a request Rocket.Chat would refuse fails the test that sent it, naming it', async () => {
    // Not startServer: its close() would reject again after the test, failing it; this one tests that rejection.
    const server = await startFakeServer();
    const res = await get(server, '/api/v1/users.info?userId=a&username=b');
    expect(res.status).toBe(400);
    expect(server.invalidRequests.map((r) => `${r.path}?${r.query}`)).toEqual([
      '/api/v1/users.info?userId=a&username=b',
    ]);
    await expect(server.close()).rejects.toThrow(
      /would refuse 1 request\(s\) as invalid:\n {2}GET \/api\/v1\/users\.info\?userId=a&username=b\n {4}→ 400 must NOT/,
    );
  });

  it('a valid request, or an invalid one a test sends on purpose, does not', async () => {
    const server = await startServer();
    expect((await get(server, '/api/v1/users.info?username=roxie')).status).toBe(200);
    await server.close();
    const lenient = await startServer({ allowInvalidRequests: true });
    expect((await get(lenient, '/api/v1/users.autocomplete')).status).toBe(400);
    expect(lenient.invalidRequests).toHaveLength(1);
    await lenient.close();
  });
});

describe('users.list on 6.x checks its query with isValidQuery', () => {
  const invalid = (attr: string) => ({
    success: false,
    error: `Invalid attribute: ${attr} [error-invalid-query]`,
    errorType: 'error-invalid-query',
  });

  it('refuses operators inside fields for admins, as 6.x does', async () => {
    const server = await startServer({ version: '6.3.0' });
    expect((await get(server, listQuery({ roles: { $in: ['admin'] } }))).body).toEqual(invalid('roles.$in'));
    expect((await get(server, listQuery({ lastLogin: { $exists: true } }))).body).toEqual(invalid('lastLogin.$exists'));
  });

  it('accepts $or of role equalities, lastLogin null, and $and with a search', async () => {
    const server = await startServer({ version: '6.3.0' });
    const admins = await get(server, listQuery({ $or: [{ roles: 'admin' }, { roles: 'bot' }] }));
    expect(admins.status).toBe(200);
    expect(
      admins.body.users.every((u: { roles: string[] }) => u.roles.includes('admin') || u.roles.includes('bot')),
    ).toBe(true);
    const never = await get(server, listQuery({ lastLogin: null }));
    expect(never.status).toBe(200);
    expect(never.body.users.every((u: Record<string, unknown>) => u.lastLogin === undefined)).toBe(true);
    const re = { $regex: 'john', $options: 'i' };
    const both = await get(
      server,
      listQuery({ $and: [{ $or: [{ roles: 'admin' }] }, { $or: [{ username: re }, { name: re }] }], active: true }),
    );
    expect(both.status).toBe(200);
    expect(both.body.users.map((u: { username: string }) => u.username)).toEqual(['test.john']);
  });

  it('drops the fields a regular caller may not query before checking, so they pass unchecked', async () => {
    const server = await startServer({ version: '6.3.0' });
    expect((await get(server, listQuery({ roles: { $in: ['admin'] } }), 'roxie')).status).toBe(200);
  });

  it('7.0 and later ignore the query', async () => {
    const server = await startServer({ version: '7.0.0' });
    expect((await get(server, listQuery({ roles: { $in: ['admin'] } }))).status).toBe(200);
  });
});

describe('the rate limiter comes before parameter validation on 7.x/8.x', () => {
  it('a bad request uses up the limit, and a 429 comes before the 400', async () => {
    const server = await startServer({
      rateLimit: { calls: 2, windowMs: 60_000, bypassRoles: [] },
      allowInvalidRequests: true,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(server, '/api/v1/users.info?userId=a&username=b')).status);
    expect(statuses).toEqual([400, 400, 429]);
    expect((await get(server, '/api/v1/users.info?username=roxie')).status).toBe(429);
  });

  it('the newest router validates first: bad requests do not count', async () => {
    const server = await startServer({
      version: '9.0.0',
      rateLimit: { calls: 2, windowMs: 60_000, bypassRoles: [] },
      allowInvalidRequests: true,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(server, '/api/v1/users.info?userId=a&username=b')).status);
    expect(statuses).toEqual([400, 400, 400]);
    expect((await get(server, '/api/v1/users.info?username=roxie')).status).toBe(200);
  });

  it('permissions come after validation on 8.x, before it on the newest router', async () => {
    for (const [version, status] of [
      ['8.8.1', 400],
      ['9.0.0', 403],
    ] as const) {
      const server = await startServer({ version, allowInvalidRequests: true });
      server.setPermission('view-d-room', ['admin']);
      expect((await get(server, '/api/v1/users.listByStatus?status=all', 'roxie')).status).toBe(status);
    }
  });
});

describe('users.listByStatus and freeSwitchExtension', () => {
  it('shows the extension to view-full-other-user-info or view-user-voip-extension holders only', async () => {
    const server = await startServer();
    server.addUser({
      _id: 'voipUser1',
      username: 'voip.user',
      name: 'Voip User',
      active: true,
      roles: ['user'],
      type: 'user',
      freeSwitchExtension: '2001',
    });
    const ext = async (who: string) =>
      (await get(server, '/api/v1/users.listByStatus?searchTerm=voip.user', who)).body.users[0].freeSwitchExtension;
    expect(await ext('admin')).toBe('2001');
    expect(await ext('roxie')).toBeUndefined();
    server.setPermission('view-user-voip-extension', ['user']);
    expect(await ext('roxie')).toBe('2001');
  });
});

describe('/api/info behind a proxy that rewrites it', () => {
  it('can leave the version out, or say something odd, and still be Rocket.Chat', async () => {
    const bare = await startServer({ infoVersion: null });
    const info = (await call(bare, 'GET', '/api/info')).body;
    expect(info.success).toBe(true);
    expect(info).not.toHaveProperty('version');
    const odd = await startServer({ version: '6.3.0', infoVersion: 'develop' });
    expect((await call(odd, 'GET', '/api/info')).body).toEqual({ version: 'develop', success: true });
  });
});
