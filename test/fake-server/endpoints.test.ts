import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer, type FakeServerOptions } from './index.js';
import { call } from './test-client.js';
import { startServer } from '../helpers/harness.js';

let server: FakeServer;
async function start(opts?: FakeServerOptions): Promise<FakeServer> {
  return (server = await startServer(opts));
}

describe('GET /api/info', () => {
  it('anonymous callers get major.minor and no info', async () => {
    await start({ version: '8.8.1' });
    const res = await call(server, 'GET', '/api/info');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual([
      'workspaceUrl',
      'hashedWorkspaceUrl',
      'version',
      'minimumClientVersions',
      'cloudWorkspaceId',
      'success',
    ]);
    expect(res.body.version).toBe('8.8');
    expect(res.body.workspaceUrl).toBe(`${server.url}/`);
  });

  it('view-statistics holders get the full version and info; a plain user does not', async () => {
    await start({ version: '7.4.2' });
    const admin = await call(server, 'GET', '/api/info', { auth: server.login('admin') });
    expect(admin.body.version).toBe('7.4.2');
    expect(admin.body.info).toMatchObject({ version: '7.4.2', marketplaceApiVersion: expect.any(String) });
    expect(typeof admin.body.info.build).toBe('object');
    expect(typeof admin.body.info.commit).toBe('object');
    const user = await call(server, 'GET', '/api/info', { auth: server.login('roxie') });
    expect(user.body.version).toBe('7.4');
    expect(user.body.info).toBeUndefined();
  });

  it('pre-7 servers answer with little more than the version', async () => {
    await start({ version: '6.3.0' });
    expect((await call(server, 'GET', '/api/info')).text).toBe('{"version":"6.3","success":true}');
  });
});

describe('GET /api/v1/me', () => {
  it('returns my doc at top level with email, settings, avatarUrl and reduced services', async () => {
    await start();
    const res = await call(server, 'GET', '/api/v1/me', { auth: server.login('test.john') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: '5fRTXMt7DMJbpPJfh',
      createdAt: '2023-07-10T16:44:58.548Z',
      services: { password: { exists: true } },
      username: 'test.john',
      emails: [{ address: 'test.john@test.com', verified: true }],
      type: 'user',
      status: 'offline',
      active: true,
      roles: ['user', 'admin'],
      name: 'Test John',
      requirePasswordChange: false,
      lastLogin: '2023-10-10T23:40:46.093Z',
      statusConnection: 'offline',
      utcOffset: 1,
      statusText: '',
      avatarETag: 'GFoEi6wv3uAxnzDcD',
      nickname: 'tesuser2',
      email: 'test.john@test.com',
      settings: { preferences: {} },
      avatarUrl: `${server.url}/avatar/test.john`,
      isOAuthUser: false,
      success: true,
    });
    expect(Object.keys(res.body)[2]).toBe('services');
  });

  it('2FA users see which method is enabled, never the secret', async () => {
    await start();
    const { body } = await call(server, 'GET', '/api/v1/me', { auth: server.login('tina.totp') });
    expect(body.services).toEqual({ totp: { enabled: true }, password: { exists: true } });
  });

  it('401 when not logged in', async () => {
    await start();
    expect((await call(server, 'GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('GET /api/v1/roles.list', () => {
  it('any logged-in user gets every role, without _updatedAt; nobody else does (v1/roles.ts)', async () => {
    await start();
    const res = await call(server, 'GET', '/api/v1/roles.list', { auth: server.login('roxie') });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['roles', 'success']);
    expect(res.body.roles).toContainEqual({
      _id: 'moderator',
      name: 'moderator',
      scope: 'Subscriptions',
      description: 'Moderator',
      protected: true,
    });
    expect(res.body.roles.filter((r: { _id: string; name: string }) => r._id !== r.name)).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toContain('_updatedAt');
    expect((await call(server, 'GET', '/api/v1/roles.list')).status).toBe(401);
  });
});

describe('logout', () => {
  it('7.4+: 200, JSON content type, empty body; the token is gone', async () => {
    await start({ version: '7.4.0' });
    const john = server.login('test.john');
    const res = await call(server, 'POST', '/api/v1/logout', { auth: john });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.text).toBe('');
    expect(server.isTokenValid(john.authToken)).toBe(false);
    expect((await call(server, 'GET', '/api/v1/me', { auth: john })).status).toBe(401);
  });

  it('before 7.4: the documented JSON body, GET accepted too', async () => {
    await start({ version: '7.3.0' });
    const res = await call(server, 'GET', '/api/v1/logout', { auth: server.login('test.john') });
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"status":"success","data":{"message":"You\'ve been logged out!"}}');
  });

  it('401 without a session', async () => {
    await start();
    expect((await call(server, 'POST', '/api/v1/logout')).status).toBe(401);
  });
});

describe('unknown paths', () => {
  it('/api paths get a JSON 404', async () => {
    await start();
    for (const [method, path] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api/v1/login'],
      ['POST', '/api/v1/users.info'],
    ] as const) {
      const res = await call(server, method, path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('{"success":false,"error":"Not found"}');
      expect(res.headers['content-type']).toBe('application/json');
    }
  });

  it('other paths get the web app HTML with 200', async () => {
    await start();
    const res = await call(server, 'GET', '/chat/api/v1/users.info?username=x');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<!DOCTYPE html>');
  });
});

describe('test hooks', () => {
  it('logs every request with method, path, query, headers and body', async () => {
    await start();
    await call(server, 'POST', '/api/v1/login?x=1', {
      json: { user: 'roxie', password: 'roxie-pw' },
      headers: { 'user-agent': 'rcuser-test' },
    });
    await call(server, 'GET', '/api/info');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/login',
      query: 'x=1',
      body: '{"user":"roxie","password":"roxie-pw"}',
    });
    expect(server.requests[0]!.headers['user-agent']).toBe('rcuser-test');
    expect(server.requests[1]).toEqual(expect.objectContaining({ method: 'GET', path: '/api/info', query: '' }));
    expect(server.requests[1]!.body).toBeUndefined();
  });

  it('route() can take over a request', async () => {
    await start({
      route: (req, res) => {
        if (!req.url?.startsWith('/api/info')) return false;
        res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad Gateway</html>');
        return true;
      },
    });
    const res = await call(server, 'GET', '/api/info');
    expect(res.status).toBe(502);
    expect(res.text).toBe('<html>Bad Gateway</html>');
    expect(server.requests).toHaveLength(1);
    expect((await call(server, 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('close() does not wait for idle keep-alive sockets', async () => {
    // Not from the pool: this test closes it itself.
    const own = await startFakeServer();
    await call(own, 'GET', '/api/info');
    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('https', () => {
  it('serves TLS when given a key and certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcuser-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    await start({ https: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
    const res = await request(`${server.url}/api/info`, { dispatcher });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { version: string }).version).toBe('8.8');
    await dispatcher.close();
  });
});
