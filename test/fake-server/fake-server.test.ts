import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  SEED_IDS,
  SEED_PASSWORDS,
  SEEDED_SECRETS,
  TOTP_BACKUP_CODES,
  TOTP_SECRET,
  type FakeServer,
  type FakeServerOptions,
} from './index.js';
import { call } from './test-client.js';
import { startServer } from '../helpers/harness.js';

let server: FakeServer;
async function start(opts?: FakeServerOptions): Promise<FakeServer> {
  return (server = await startServer(opts));
}

const info = (query: string, auth?: { userId: string; authToken: string }) =>
  call(server, 'GET', `/api/v1/users.info${query}`, { auth });
/** These tests send requests Rocket.Chat refuses, on purpose. */
const SENDS_INVALID = { allowInvalidRequests: true } as const;
const NOT_LOGGED_IN = 'You must be logged in to do this.';

describe('users.info authentication', () => {
  it.each([
    ['6.3.0', { status: 'error', message: NOT_LOGGED_IN }],
    ['8.8.1', { success: false, error: NOT_LOGGED_IN, status: 'error', message: NOT_LOGGED_IN }],
    ['9.0.0', { success: false, error: NOT_LOGGED_IN }],
  ])('%s: 401 without credentials, before parameter validation', async (version, body) => {
    await start({ version });
    const res = await info('');
    expect(res.status).toBe(401);
    expect(res.text).toBe(JSON.stringify(body));
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
  });

  it('401 for an unknown token or a token of another user', async () => {
    await start();
    const john = server.login('test.john');
    expect((await info('?username=roxie', { userId: john.userId, authToken: 'nope' })).status).toBe(401);
    expect((await info('?username=roxie', { userId: SEED_IDS.admin, authToken: john.authToken })).status).toBe(401);
    expect((await info('?username=roxie', john)).status).toBe(200);
  });
});

describe('users.info parameter validation', () => {
  const branches5 =
    "must have required property 'userId'\n must have required property 'username'\n must have required property 'importId'\n must have required property 'email'\n must have required property 'freeSwitchExtension'\n must match a schema in anyOf";

  it('no lookup key (8.8.1): one error per anyOf branch, 7.x/8.x shape', async () => {
    await start(SENDS_INVALID);
    const res = await info('', server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      JSON.stringify({ success: false, error: `${branches5} [invalid-params]`, errorType: 'invalid-params' }),
    );
  });

  it('9.0 uses the newest router shape', async () => {
    await start({ ...SENDS_INVALID, version: '9.0.0' });
    const res = await info('', server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.text).toBe(JSON.stringify({ success: false, errorType: 'error-invalid-params', error: branches5 }));
  });

  it.each([
    [
      '8.3.0',
      "must have required property 'userId'\n must have required property 'username'\n must have required property 'importId'\n must match a schema in anyOf",
    ],
    [
      '8.4.0',
      "must have required property 'userId'\n must have required property 'username'\n must have required property 'importId'\n must have required property 'email'\n must match a schema in anyOf",
    ],
  ])('%s knows only its own lookup keys', async (version, message) => {
    await start({ ...SENDS_INVALID, version });
    expect((await info('', server.login('admin'))).body.error).toBe(`${message} [invalid-params]`);
  });

  it.each([
    [
      '?userId=a&username=b',
      "must NOT have additional properties\n must NOT have additional properties\n must have required property 'importId'\n must have required property 'email'\n must have required property 'freeSwitchExtension'\n must match a schema in anyOf",
    ],
    [
      '?userId=a&foo=x',
      "must NOT have additional properties\n must have required property 'username'\n must have required property 'importId'\n must have required property 'email'\n must have required property 'freeSwitchExtension'\n must match a schema in anyOf",
    ],
    [
      '?userId=a&userId=b',
      "must be string\n must have required property 'username'\n must have required property 'importId'\n must have required property 'email'\n must have required property 'freeSwitchExtension'\n must match a schema in anyOf",
    ],
  ])('%s is rejected', async (query, message) => {
    await start(SENDS_INVALID);
    const res = await info(query, server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' });
  });

  it('8.3 rejects email; 6.3 rejects includeUserRooms', async () => {
    await start({ ...SENDS_INVALID, version: '8.3.0' });
    expect((await info('?email=test.john@test.com', server.login('admin'))).body.error).toMatch(
      /^must have required property 'userId'\n/,
    );
    await start({ ...SENDS_INVALID, version: '6.3.0' });
    const res = await info('?username=roxie&includeUserRooms=true', server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      "must have required property 'userId'\n must NOT have additional properties\n must have required property 'importId'\n must match a schema in anyOf [invalid-params]",
    );
  });

  it('empty lookup value passes the schema but is an invalid search', async () => {
    await start();
    const res = await info('?userId=', server.login('admin'));
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"success":false,"error":"Invalid search query."}');
  });

  it('unknown user is a 400, lookups are case-sensitive', async () => {
    await start();
    const admin = server.login('admin');
    for (const q of ['?username=nobody', '?username=Test.John', '?userId=5frtxmt7dmjbpjfh']) {
      const res = await info(q, admin);
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"success":false,"error":"User not found."}');
    }
  });
});

describe('users.info fields', () => {
  it('myself with rooms: the whole documented body, key order included', async () => {
    await start();
    const john = server.login('test.john');
    const res = await info('?username=test.john&includeUserRooms=true', john);
    expect(res.status).toBe(200);
    // 7.x/8.x send the login-token hashes of a self lookup (the seed doc's own example shows them).
    const hashed = createHash('sha256').update(john.authToken).digest('base64');
    const when = res.body.user.services.resume.loginTokens[0].when;
    expect(Date.parse(when)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.text).toBe(
      `{"user":{"_id":"5fRTXMt7DMJbpPJfh","createdAt":"2023-07-10T16:44:58.548Z","services":{"password":true,"resume":{"loginTokens":[{"when":"${when}","hashedToken":"${hashed}"}]}},"username":"test.john",` +
        '"emails":[{"address":"test.john@test.com","verified":true}],"type":"user","status":"offline","active":true,"roles":["user","admin"],' +
        '"name":"Test John","requirePasswordChange":false,"lastLogin":"2023-10-10T23:40:46.093Z","statusConnection":"offline","utcOffset":1,' +
        '"statusText":"","avatarETag":"GFoEi6wv3uAxnzDcD","nickname":"tesuser2","canViewAllInfo":true,"rooms":[' +
        '{"_id":"651667dda2f73c7460e18cce","rid":"JKa7R9zu2DinBhBN9","name":"Livestream","t":"c","unread":1},' +
        '{"_id":"GENERAL5fRTXMt7DMJbpPJfh","rid":"GENERAL","name":"general","t":"c","unread":0},' +
        '{"_id":"64adb09baa5ad4273bfc0cc0","rid":"64adb09baa5ad4273bfc0cbf","name":"test-room","t":"c","unread":0,"roles":["owner"]},' +
        '{"_id":"Tr7yKp2WmX9qLz4Nc","rid":"TRYr4mZ8pQx2Wk7Lb","name":"try","t":"c","unread":0},' +
        '{"_id":"g5xHGWAGLA7vZXwW8","rid":"5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ","name":"roxie","t":"d","unread":2},' +
        '{"_id":"Nw8qZ3mKp5Xr2LvTc","rid":"WDuJLFkjwk6L7LdFC","name":"new","t":"p","unread":0,"roles":["leader"]},' +
        '{"_id":"Hq3rW8mZp2Lx7NvKc","rid":"aUd1tRm5Qx8Yp3ZwK","name":"test-audit","t":"p","unread":0}]},"success":true}',
    );
  });

  it('a plain user sees default fields and public custom fields of others', async () => {
    await start();
    const res = await info('?username=jane.doe', server.login('roxie'));
    expect(res.text).toBe(
      '{"user":{"_id":"jN4e7DpQx9Hm2RtKw","username":"jane.doe","type":"user","status":"offline","active":true,"name":"Jane Doe",' +
        '"utcOffset":-5,"statusText":"On call","bio":"Platform team","customFields":{"department":"Engineering"},"canViewAllInfo":false},"success":true}',
    );
  });

  it('an admin sees full fields and every custom field, never services', async () => {
    await start();
    const { user } = (await info('?userId=jN4e7DpQx9Hm2RtKw', server.login('admin'))).body;
    expect(Object.keys(user)).toEqual([
      '_id',
      'createdAt',
      'username',
      'emails',
      'type',
      'status',
      'active',
      'roles',
      'name',
      'requirePasswordChange',
      'lastLogin',
      'statusConnection',
      'utcOffset',
      'statusText',
      'bio',
      'importIds',
      'customFields',
      'canViewAllInfo',
    ]);
    expect(user.customFields).toEqual({ department: 'Engineering', employeeId: 'E-1042' });
    expect(user.canViewAllInfo).toBe(true);
  });

  it('view-full-other-user-info can be granted', async () => {
    await start();
    server.setPermission('view-full-other-user-info', ['user']);
    const { user } = (await info('?username=test.john', server.login('roxie'))).body;
    expect(user.roles).toEqual(['user', 'admin']);
    expect(user.services).toBeUndefined();
  });

  it('userId=<own username> finds me but does not count as myself', async () => {
    await start();
    const { user } = (await info('?userId=jane.doe', server.login('jane.doe'))).body;
    expect(user._id).toBe('jN4e7DpQx9Hm2RtKw');
    expect(user.canViewAllInfo).toBe(false);
    expect(user.services).toBeUndefined();
  });

  it('7.x/8.x: a TOTP user sees own services as stored (secrets too), password reduced to true', async () => {
    await start({ version: '8.8.1' });
    const { user } = (await info(`?userId=${SEED_IDS['tina.totp']}`, server.login('tina.totp'))).body;
    expect(Object.keys(user.services)).toEqual(['password', 'totp', 'passwordHistory', 'email', 'resume']);
    expect(user.services.password).toBe(true);
    expect(user.services.totp).toEqual({
      enabled: true,
      secret: TOTP_SECRET,
      hashedBackup: TOTP_BACKUP_CODES.map((c) => createHash('sha256').update(c).digest('hex')),
    });
    expect(user.services.passwordHistory).toEqual([SEEDED_SECRETS.passwordHistory]);
    expect(user.services.email.verificationTokens[0].token).toBe(SEEDED_SECRETS.verificationToken);
    expect(user.services.resume.loginTokens).toHaveLength(1);
  });

  it('the newest line (9.x here) drops resume, passwordHistory and email, and keeps the rest', async () => {
    await start({ version: '9.0.0' });
    const { user } = (await info(`?userId=${SEED_IDS['tina.totp']}`, server.login('tina.totp'))).body;
    expect(Object.keys(user.services)).toEqual(['password', 'totp']);
    expect(user.services.totp.secret).toBe(TOTP_SECRET);
  });

  it('an OAuth user sees the provider tokens; an e-mail code waiting shows as services.emailCode', async () => {
    await start();
    const otto = (await info('?username=otto.oauth', server.login('otto.oauth'))).body.user;
    expect(otto.services.google.accessToken).toBe(SEEDED_SECRETS.googleAccessToken);
    expect(otto.services['corp-sso'].jwt).toBe(SEEDED_SECRETS.corpJwt);
    expect(otto.services.password).toBeUndefined(); // SSO-only: no local password
    await call(server, 'POST', '/api/v1/login', {
      json: { user: 'eddie.email', password: SEED_PASSWORDS['eddie.email'] },
    });
    const eddie = (await info('?username=eddie.email', server.login('eddie.email'))).body.user;
    expect(Object.keys(eddie.services.emailCode)).toEqual(['code', 'expire']);
  });

  it('others never get services, whatever the caller may see', async () => {
    await start();
    expect((await info('?username=tina.totp', server.login('admin'))).body.user.services).toBeUndefined();
  });
});

describe('users.info rooms', () => {
  it("others' rooms need view-other-user-channels", async () => {
    await start();
    const jane = server.login('jane.doe');
    expect((await info('?username=test.john&includeUserRooms=true', jane)).body.user.rooms).toBeUndefined();
    server.setPermission('view-other-user-channels', ['user']);
    expect((await info('?username=test.john&includeUserRooms=true', jane)).body.user.rooms).toHaveLength(7);
  });

  it('own rooms need no permission; only the exact string "true" asks', async () => {
    await start();
    server.setPermission('view-other-user-channels', []);
    const jane = server.login('jane.doe');
    const rooms = (await info('?username=jane.doe&includeUserRooms=true', jane)).body.user.rooms;
    expect(rooms.map((r: { name: string }) => r.name)).toEqual(['general', 'test.john', 'design']);
    for (const flag of ['1', 'True', 'yes']) {
      expect((await info(`?username=jane.doe&includeUserRooms=${flag}`, jane)).body.user.rooms).toBeUndefined();
    }
  });

  it('fields={"userRooms":1} is ignored from 7.0 and honoured before', async () => {
    await start();
    const q = `?username=test.john&fields=${encodeURIComponent('{"userRooms":1}')}`;
    const r8 = await info(q, server.login('test.john'));
    expect(r8.status).toBe(200);
    expect(r8.body.user.rooms).toBeUndefined();
    await start({ version: '6.3.0' });
    expect((await info(q, server.login('test.john'))).body.user.rooms).toHaveLength(7);
  });
});

describe('users.info importId and email lookups', () => {
  it('need canViewAllInfo unless it is me', async () => {
    await start();
    expect((await info('?importId=slack-U012AB3CD', server.login('roxie'))).body).toEqual({
      success: false,
      error: 'User not found.',
    });
    expect((await info('?importId=slack-U012AB3CD', server.login('admin'))).body.user.username).toBe('jane.doe');
    const self = (await info('?importId=slack-U012AB3CD', server.login('jane.doe'))).body.user;
    expect(Object.keys(self.services)).toEqual(['password', 'resume']);
    expect(self.services.password).toBe(true);
  });

  it('email (8.4+) is trimmed and lowercased', async () => {
    await start({ version: '8.4.0' });
    const q = `?email=${encodeURIComponent('  Test.John@TEST.com ')}`;
    expect((await info(q, server.login('admin'))).body.user._id).toBe('5fRTXMt7DMJbpPJfh');
    expect((await info(q, server.login('roxie'))).status).toBe(400);
  });
});

describe('addUser', () => {
  it('serves hostile data verbatim in its key order', async () => {
    await start();
    const doc = {
      _id: 'h0st1le',
      username: 'evil\u001b[31m',
      name: 'Ünïcødé 🚀 "quoted"',
      type: 'user',
      active: true,
      roles: ['user'],
      status: 'online',
      nickname: '\u202eevil',
    };
    server.addUser(doc, { password: 'x', rooms: [{ _id: 's1', rid: 'r1', name: '<b>room</b>', t: 'c', unread: 0 }] });
    const res = await info(`?userId=h0st1le&includeUserRooms=true`, server.login('admin'));
    expect(res.text).toBe(
      JSON.stringify({
        user: {
          ...doc,
          canViewAllInfo: true,
          rooms: [{ _id: 's1', rid: 'r1', name: '<b>room</b>', t: 'c', unread: 0 }],
        },
        success: true,
      }),
    );
    expect(
      (await call(server, 'POST', '/api/v1/login', { json: { username: 'evil\u001b[31m', password: 'x' } })).body.data
        .userId,
    ).toBe('h0st1le');
  });
});
