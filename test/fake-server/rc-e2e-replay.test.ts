/**
 * Rocket.Chat's own end-to-end tests, replayed against the test server: the check that it behaves
 * like the real one. Each case names the RC test it comes from (RocketChat/Rocket.Chat,
 * apps/meteor/tests/end-to-end/api/...) and is adapted to the seeded data: RC creates `targetUser`
 * with name = username and a channel with him in it; here jane.doe and her seeded rooms stand in,
 * and `credentials` is the admin, as in RC. Where a case and the test server disagreed, the real
 * server's code decided (rocketchat-api.md §9), and the test server was changed, not the case.
 */
import { describe, expect, it } from 'vitest';
import { SEED_IDS, SEED_PASSWORDS, type FakeServer, type FakeServerOptions } from './index.js';
import { call, type Response } from './test-client.js';
import { startServer } from '../helpers/harness.js';

let server: FakeServer;
async function start(opts?: FakeServerOptions): Promise<FakeServer> {
  return (server = await startServer(opts));
}
const target = { _id: SEED_IDS['jane.doe'], username: 'jane.doe', name: 'Jane Doe' };
const info = (query: Record<string, string>, auth = server.login('admin')) =>
  call(server, 'GET', `/api/v1/users.info?${new URLSearchParams(query)}`, { auth });
/** Every RC request asserts this exact Content-Type. */
const json = (res: Response): Response => {
  expect(res.headers['content-type']).toBe('application/json');
  return res;
};

describe('users.ts › [/users.info] (7.0 and later: includeUserRooms)', () => {
  it('should return an error when the user does not exist', async () => {
    await start();
    const res = json(await info({ username: 'invalid-username' }));
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body).toHaveProperty('error');
  });

  it('should query information about a user by userId', async () => {
    await start();
    const res = json(await info({ userId: target._id }));
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.user.username).toBe(target.username);
    expect(res.body.user.active).toBe(true);
    expect(res.body.user.name).toBe(target.name); // RC: targetUser.username, which is its name there
    expect(res.body.user).not.toHaveProperty('e2e');
  });

  it('should return "rooms" property when user request it and the user has the necessary permission (admin, "view-other-user-channels")', async () => {
    await start();
    const res = json(await info({ userId: target._id, includeUserRooms: 'true' }));
    expect(res.body.success).toBe(true);
    expect(Array.isArray(res.body.user.rooms)).toBe(true);
    expect(res.body.user.rooms.find((r: { rid: string }) => r.rid === 'GENERAL')).toHaveProperty('unread');
  });

  it('should NOT return "rooms" property when user NOT request it but the user has the necessary permission (admin, "view-other-user-channels")', async () => {
    await start();
    const res = json(await info({ userId: target._id }));
    expect(res.body.success).toBe(true);
    expect(res.body.user).not.toHaveProperty('rooms');
  });

  it('should return the rooms when the user request your own rooms but he does NOT have the necessary permission', async () => {
    await start();
    server.setPermission('view-other-user-channels', []);
    const john = server.login('test.john'); // the admin has no rooms seeded; test.john is an admin too
    const res = json(await info({ userId: john.userId, includeUserRooms: 'true' }, john));
    expect(res.body.success).toBe(true);
    expect(res.body.user.rooms.length).toBeGreaterThanOrEqual(1);
    expect(res.body.user.rooms[0]).toHaveProperty('unread');
  });

  it("should NOT return the rooms when the user request another user's rooms and he does NOT have the necessary permission", async () => {
    await start();
    server.setPermission('view-other-user-channels', []);
    const res = json(await info({ userId: target._id, fields: JSON.stringify({ userRooms: 1 }) }));
    expect(res.body.success).toBe(true);
    expect(res.body.user).not.toHaveProperty('rooms');
  });

  it("should NOT return any services fields when request to another user's info even if the user has the necessary permission", async () => {
    await start();
    server.setPermission('view-full-other-user-info', ['admin']);
    const res = json(await info({ userId: target._id }));
    expect(res.body.success).toBe(true);
    expect(res.body.user).not.toHaveProperty('services');
  });

  it('should return all services fields when request for myself data even without privileged permission', async () => {
    await start();
    server.setPermission('view-full-other-user-info', []);
    const admin = server.login('admin');
    const res = json(await info({ userId: admin.userId }, admin));
    expect(res.body.success).toBe(true);
    expect(res.body.user.services).toHaveProperty('password');
    // 7.x/8.x getFullUserData keeps resume (the test server dropped it before issue 9).
    expect(res.body.user.services).toHaveProperty('resume');
  });

  it('should correctly route users that have `ufs` in their username', async () => {
    await start();
    server.addUser(
      {
        _id: 'uFsUsEr1234567890',
        username: 'ufs-1700000000000',
        type: 'user',
        active: true,
        name: 'testuser',
        roles: ['user'],
      },
      { password: '1234' },
    );
    const res = json(await info({ username: 'ufs-1700000000000' }));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      type: 'user',
      name: 'testuser',
      username: 'ufs-1700000000000',
      active: true,
    });
  });
});

describe('01-users.js › [/users.info] (before 7.0: fields={"userRooms":1})', () => {
  const pre7 = { version: '6.3.0' };

  it('should return an error when the user does not exist', async () => {
    await start(pre7);
    const res = json(await info({ username: 'invalid-username' }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, error: 'User not found.' });
  });

  it('should return "rooms" property when user request it and the user has the necessary permission', async () => {
    await start(pre7);
    const res = json(await info({ userId: target._id, fields: JSON.stringify({ userRooms: 1 }) }));
    expect(res.body.success).toBe(true);
    expect(Array.isArray(res.body.user.rooms)).toBe(true);
  });

  it('should return the rooms when the user request your own rooms but he does NOT have the necessary permission', async () => {
    await start(pre7);
    server.setPermission('view-other-user-channels', []);
    const john = server.login('test.john');
    expect(
      json(await info({ userId: john.userId, fields: JSON.stringify({ userRooms: 1 }) }, john)).body.user,
    ).toHaveProperty('rooms');
  });

  it("should NOT return the rooms when the user request another user's rooms and he does NOT have the necessary permission", async () => {
    await start(pre7);
    server.setPermission('view-other-user-channels', []);
    expect(
      json(await info({ userId: target._id, fields: JSON.stringify({ userRooms: 1 }) })).body.user,
    ).not.toHaveProperty('rooms');
  });

  it("should NOT return some services fields when request to another user's info even if the user has the necessary permission", async () => {
    await start(pre7);
    const { user } = json(await info({ userId: SEED_IDS['tina.totp'] })).body;
    for (const k of ['emailCode', 'cloud', 'email2fa', 'totp', 'password', 'email', 'resume'])
      expect(user.services?.[k]).toBeUndefined();
  });

  it('should return all services fields when request for myself data even without privileged permission', async () => {
    await start(pre7);
    server.setPermission('view-full-other-user-info', []);
    const admin = server.login('admin');
    const { user } = json(await info({ userId: admin.userId }, admin)).body;
    expect(user.services).toHaveProperty('password');
    expect(user.services).toHaveProperty('resume');
  });
});

describe('miscellaneous.ts › /api/info, login, /me', () => {
  it('/api/info: should return "version", "build", "commit" and "marketplaceApiVersion" when the user is logged in', async () => {
    await start();
    const res = json(await call(server, 'GET', '/api/info', { auth: server.login('admin') }));
    expect(typeof res.body.version).toBe('string');
    expect(typeof res.body.info.version).toBe('string');
    expect(typeof res.body.info.build).toBe('object');
    expect(typeof res.body.info.commit).toBe('object');
    expect(typeof res.body.info.marketplaceApiVersion).toBe('string');
  });

  it('/api/info: should return only "version" and the version should not have patch info when the user is not logged in', async () => {
    await start();
    const res = json(await call(server, 'GET', '/api/info'));
    expect(res.body).not.toHaveProperty('info');
    expect(res.body.version).toBe(server.version.replace(/(\d+\.\d+).*/, '$1'));
  });

  it.each([
    ['should allow login with username and password', { user: { username: 'admin' }, password: SEED_PASSWORDS.admin }],
    [
      'should allow login with email and password',
      { user: { email: 'admin@example.com' }, password: SEED_PASSWORDS.admin },
    ],
    [
      'should allow login with email and password (user as a string)',
      { user: 'admin@example.com', password: SEED_PASSWORDS.admin },
    ],
    [
      'should allow login with username and password (username key)',
      { username: 'admin', password: SEED_PASSWORDS.admin },
    ],
  ])('login: %s', async (_, body) => {
    await start();
    const res = json(await call(server, 'POST', '/api/v1/login', { json: body }));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('success');
    expect(res.body.data).toHaveProperty('userId');
    expect(res.body.data).toHaveProperty('authToken');
    expect(res.body.data).toHaveProperty('me');
  });

  it('/me: should return the logged in user information (never services.password.bcrypt)', async () => {
    await start();
    const roxie = server.login('roxie');
    const res = json(await call(server, 'GET', '/api/v1/me', { auth: roxie }));
    expect(res.body.success).toBe(true);
    expect(res.body._id).toBe(roxie.userId);
    expect(res.body.username).toBe('roxie');
    for (const k of ['active', 'name']) expect(res.body).toHaveProperty(k);
    expect(Array.isArray(res.body.roles)).toBe(true);
    expect(res.body.emails[0]).toHaveProperty('address');
    expect(typeof res.body.settings.preferences).toBe('object');
    // Not replayed: RC's list of exact preference keys (the test server sends none).
    expect(res.body.services?.password?.bcrypt).toBeUndefined();
  });
});

describe('failed-login-attempts.ts (block after 2 per user, 4 per IP; short block times here)', () => {
  const block = { loginBlock: { userAttempts: 2, ipAttempts: 4, userBlockMs: 300, ipBlockMs: 800 } };
  const attempt = (user: string, password: string, ip = '10.0.0.1') =>
    call(server, 'POST', '/api/v1/login', { json: { user, password }, headers: { 'x-forwarded-for': ip } });

  it('should return an error when the password is incorrect', async () => {
    await start(block);
    const res = json(await attempt('roxie', 'roxie-pw-incorrect'));
    expect(res.status).toBe(401);
    expect(res.body.status).toBe('error');
    expect(res.body.message).toBe('Unauthorized');
  });

  it('should login correctly', async () => {
    await start(block);
    const res = json(await attempt('roxie', SEED_PASSWORDS.roxie!));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('success');
    expect(res.body.data).toHaveProperty('userId');
    expect(res.body.data).toHaveProperty('authToken');
  });

  it('should block by user when the limit amount of failed attempts is reached, and unblock after the block time', async () => {
    await start(block);
    await attempt('roxie', 'x');
    await attempt('roxie', 'x');
    const blocked = json(await attempt('roxie', SEED_PASSWORDS.roxie!));
    expect(blocked.status).toBe(401);
    expect(blocked.body.status).toBe('error');
    expect(blocked.body.error).toBe('error-login-blocked-for-user');
    await new Promise((r) => setTimeout(r, 350));
    expect((await attempt('roxie', SEED_PASSWORDS.roxie!)).status).toBe(200);
  });

  it('should block by IP when trying to login with different users', async () => {
    await start(block);
    for (const u of ['roxie', 'roxie', 'jane.doe', 'jane.doe']) await attempt(u, 'x', '10.0.0.9');
    const blocked = await attempt('test.john', SEED_PASSWORDS['test.john']!, '10.0.0.9');
    expect(blocked.body.error).toBe('error-login-blocked-for-ip');
    expect((await attempt('test.john', SEED_PASSWORDS['test.john']!, '10.0.0.10')).status).toBe(200);
  });
});
