/**
 * Rocket.Chat's own end-to-end cases for the finding endpoints, replayed against the test server and
 * adapted to its seeded users. Sources (RocketChat/Rocket.Chat):
 *   apps/meteor/tests/end-to-end/api/users.ts @028925b2: "[/users.list]", "[/users.listByStatus]",
 *     "[/users.autocomplete]"
 *   apps/meteor/tests/end-to-end/api/miscellaneous.ts @0037f042: "/directory", "[/spotlight]"
 * Each `it` names the case it replays. Where the test server cannot do what the case does (no
 * users.setActiveStatus, no room creation), the state it sets up is seeded directly instead.
 */
import { describe, expect, it } from 'vitest';
import type { FakeServer } from './index.js';
import { call } from './test-client.js';
import { startServer } from '../helpers/harness.js';

const get = (
  server: FakeServer,
  path: string,
  auth: { userId: string; authToken: string },
  query: Record<string, string> = {},
) => call(server, 'GET', `${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`, { auth });

/** What users.helper's createUser makes: an active user with the user role who never logged in. */
function createUser(
  server: FakeServer,
  username: string,
  extra: Record<string, unknown> = {},
  rooms: Array<Record<string, unknown>> = [],
): { _id: string; username: string; name: string } {
  const doc = {
    _id: `e2e${username.replace(/\W/g, '')}`.slice(0, 17).padEnd(17, 'x'),
    createdAt: '2026-01-01T00:00:00.000Z',
    username,
    emails: [{ address: `${username}@rocket.chat`, verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user'],
    name: username,
    ...extra,
  };
  server.addUser(doc, { rooms });
  return { _id: doc._id, username, name: doc.name as string };
}

describe('[/users.list] (users.ts)', () => {
  it('should query all users in the system', async () => {
    const server = await startServer();
    const res = await get(server, '/api/v1/users.list', server.login('admin'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toHaveProperty('success', true);
    expect(res.body).toHaveProperty('count');
    expect(res.body).toHaveProperty('total');
    const myself = res.body.users.find((u: any) => u.username === 'admin');
    expect(myself).not.toHaveProperty('e2e');
  });

  it('should sort for user statuses and check if deactivated user is correctly sorted', async () => {
    const server = await startServer();
    const res = await get(server, '/api/v1/users.list', server.login('admin'), {
      fields: JSON.stringify({ username: 1, _id: 1, active: 1, status: 1 }),
      sort: JSON.stringify({ status: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty('users');
    // old.timer is the seeded deactivated user (the case creates one with active: false).
    const deactivated = res.body.users.find((u: any) => u.username === 'old.timer');
    expect(deactivated).toHaveProperty('active', false);
  });

  it('should query all users in the system by name', async () => {
    const server = await startServer();
    // superagent sends {name: {$regex: 'g'}} as name[$regex]=g: an unknown parameter users.list ignores.
    const res = await get(server, '/api/v1/users.list', server.login('admin'), {
      'name[$regex]': 'g',
      sort: JSON.stringify({ createdAt: -1 }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true });
    expect(res.body).toHaveProperty('count');
    expect(res.body).toHaveProperty('total');
  });

  it('should query all users in the system when logged as normal user and `view-outside-room` not granted', async () => {
    const server = await startServer();
    server.setPermission('view-outside-room', ['admin']);
    const res = await get(server, '/api/v1/users.list', server.login('roxie'));
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty('total');
  });

  it('should not query users when logged as normal user, `view-outside-room` not granted and temp setting enabled', async () => {
    const server = await startServer();
    server.setPermission('view-outside-room', ['admin']);
    server.setSetting('API_Apply_permission_view-outside-room_on_users-list', true);
    const res = await get(server, '/api/v1/users.list', server.login('roxie'));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json');
  });

  for (const who of ['admin', 'roxie']) {
    it(`should exclude inviteToken in the user item for ${who === 'admin' ? 'privileged' : 'normal'} users`, async () => {
      const server = await startServer();
      // The case has a user join through an invite link, which stores inviteToken on the user.
      createUser(server, 'invited.user', { inviteToken: 'Zq8Wm2Xp4Lk7Nc3Rt' });
      const res = await get(server, '/api/v1/users.list', server.login(who), {
        fields: JSON.stringify({ inviteToken: 1 }),
        sort: JSON.stringify({ inviteToken: -1 }),
        count: '100',
      });
      expect(res.status).toBe(200);
      for (const user of res.body.users) expect(user).not.toHaveProperty('inviteToken');
    });
  }
});

describe('[/users.listByStatus] (users.ts)', () => {
  const ids = (res: { body: any }) => res.body.users.map((u: { _id: string }) => u._id);

  it('should list pending users', async () => {
    const server = await startServer();
    const user = createUser(server, 'aaa.pending');
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), {
      hasLoggedIn: 'false',
      type: 'user',
      count: '50',
    });
    expect(res.status).toBe(200);
    expect(ids(res)).toContain(user._id);
  });

  it('should list all users', async () => {
    const server = await startServer();
    const user = createUser(server, 'user.test.all');
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), { searchTerm: user.name });
    expect(ids(res)).toContain(user._id);
  });

  it('should list active users', async () => {
    const server = await startServer();
    // The case logs the user in first; the test server's login leaves lastLogin alone (auth.ts), so
    // the user is seeded as having logged in.
    const user = createUser(server, 'user.test.active', { lastLogin: '2026-01-02T00:00:00.000Z' });
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), {
      hasLoggedIn: 'true',
      status: 'active',
      searchTerm: user.name,
    });
    expect(ids(res)).toContain(user._id);
  });

  it('should filter users by role', async () => {
    const server = await startServer();
    const user = createUser(server, 'user.test.role', { lastLogin: '2026-01-02T00:00:00.000Z' });
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), { 'roles[]': 'admin' });
    expect(res.status).toBe(200);
    expect(ids(res)).not.toContain(user._id);
  });

  it('should list deactivated users', async () => {
    const server = await startServer();
    // users.setActiveStatus → active: false on a user who has logged in.
    const user = createUser(server, 'aaa.deactivated', { active: false, lastLogin: '2026-01-02T00:00:00.000Z' });
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), {
      hasLoggedIn: 'true',
      status: 'deactivated',
    });
    expect(ids(res)).toContain(user._id);
  });

  it('should filter users by username', async () => {
    const server = await startServer();
    const user = createUser(server, 'user.test.username');
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), { searchTerm: user.username });
    expect(ids(res)).toContain(user._id);
  });

  it('should return error for invalid status params', async () => {
    const server = await startServer({ allowInvalidRequests: true });
    const res = await get(server, '/api/v1/users.listByStatus', server.login('admin'), { status: 'abcd' });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.errorType).toBe('invalid-params');
    expect(res.body.error).toBe('must be equal to one of the allowed values [invalid-params]');
  });

  it('should throw unauthorized error to user without "view-d-room" permission, then without "view-outside-room"', async () => {
    const server = await startServer();
    const other = server.login('roxie');
    server.setPermission('view-d-room', ['admin']);
    const first = await get(server, '/api/v1/users.listByStatus', other, { status: 'active' });
    expect(first.status).toBe(403);
    expect(first.body.error).toBe('User does not have the permissions required for this action [error-unauthorized]');
    // The next case only narrows view-outside-room; view-d-room is still admin-only, as in the suite.
    server.setPermission('view-outside-room', ['admin']);
    const second = await get(server, '/api/v1/users.listByStatus', other, { status: 'active' });
    expect(second.status).toBe(403);
    expect(second.body.error).toBe('User does not have the permissions required for this action [error-unauthorized]');
  });
});

describe('[/users.autocomplete] (users.ts)', () => {
  const selector = (s: object) => ({ selector: JSON.stringify(s) });

  it('[without permission] should return an empty list when the user does not have any subscription, then the users of the same rooms', async () => {
    const server = await startServer();
    const room = {
      _id: 'subAutoCompleteA01',
      rid: 'autocompleteRoom1',
      name: 'channel.autocomplete',
      t: 'c',
      unread: 0,
    };
    createUser(server, 'auto.user1', {}, [room]);
    server.setPermission('view-outside-room', []);
    const creds = server.login('auto.user1');
    const empty = await get(server, '/api/v1/users.autocomplete', creds, selector({}));
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);
    // user2 joins the channel user1 created.
    createUser(server, 'auto.user2', {}, [{ ...room, _id: 'subAutoCompleteA02' }]);
    const one = await get(server, '/api/v1/users.autocomplete', creds, selector({}));
    expect(one.body.items).toHaveLength(1);
  });

  it('[with permission] should return an error when the required parameter "selector" is not provided', async () => {
    const server = await startServer({ allowInvalidRequests: true });
    const res = await get(server, '/api/v1/users.autocomplete', server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
  });

  it('[with permission] should return the users to fill auto complete', async () => {
    const server = await startServer();
    const res = await get(server, '/api/v1/users.autocomplete', server.login('admin'), selector({}));
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  it('[with permission] should filter results when using allowed operators', async () => {
    const server = await startServer();
    const res = await get(
      server,
      '/api/v1/users.autocomplete',
      server.login('admin'),
      selector({ conditions: { $and: [{ active: false }, { status: 'online' }] } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(0);
  });

  it('[with permission] should return an error when using forbidden operators', async () => {
    const server = await startServer();
    const res = await get(
      server,
      '/api/v1/users.autocomplete',
      server.login('admin'),
      selector({ conditions: { $nor: [{ username: { $exists: false } }, { status: { $exists: false } }] } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
  });
});

describe('/directory (miscellaneous.ts; the stored version sends the 6.x `query` form)', () => {
  it('should return an array(result) when search by user and execute successfully', async () => {
    const server = await startServer({ version: '6.6.1' });
    const user = createUser(server, 'directory.user');
    const res = await get(server, '/api/v1/directory', server.login('admin'), {
      query: JSON.stringify({ text: user.username, type: 'users' }),
    });
    expect(res.status).toBe(200);
    for (const key of ['offset', 'total', 'count']) expect(res.body).toHaveProperty(key);
    for (const key of ['_id', 'createdAt', 'username', 'name']) expect(res.body.result[0]).toHaveProperty(key);
    expect(Array.isArray(res.body.result[0].emails)).toBe(true);
  });

  it('should not return the emails field for non admins', async () => {
    const server = await startServer({ version: '6.6.1' });
    const user = createUser(server, 'directory.user');
    const res = await get(server, '/api/v1/directory', server.login(user.username), {
      query: JSON.stringify({ text: user.username, type: 'users' }),
    });
    expect(res.status).toBe(200);
    expect(res.body.result[0]).toHaveProperty('createdAt');
    expect(res.body.result[0]).not.toHaveProperty('emails');
  });

  it('should return an error when send invalid query', async () => {
    const server = await startServer({ version: '6.6.1' });
    const res = await get(server, '/api/v1/directory', server.login('admin'), {
      query: JSON.stringify({ text: 'invalid channel', type: 'invalid' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
  });

  it('should return an error when have more than one sort parameter', async () => {
    const server = await startServer({ version: '6.6.1' });
    const res = await get(server, '/api/v1/directory', server.login('admin'), {
      query: JSON.stringify({ text: 'general', type: 'channels' }),
      sort: JSON.stringify({ name: 1, test: 1 }),
    });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
  });
  // The channel and team cases need rooms with usersCount/teamMain, which the test server does not model.
});

describe('[/spotlight] (miscellaneous.ts)', () => {
  it('should fail when does not have query param', async () => {
    const server = await startServer({ allowInvalidRequests: true });
    const res = await get(server, '/api/v1/spotlight', server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body).toHaveProperty('error');
  });

  it('should return object inside users array when search by a valid user', async () => {
    const server = await startServer();
    const res = await get(server, '/api/v1/spotlight', server.login('admin'), { query: '@admin' });
    expect(res.status).toBe(200);
    for (const key of ['_id', 'name', 'username', 'status']) expect(res.body.users[0]).toHaveProperty(key);
    expect(Array.isArray(res.body.rooms)).toBe(true);
  });
});
