import { describe, expect, it } from 'vitest';
import type { FakeServer, FakeServerOptions } from './index.js';
import { call } from './test-client.js';
import { startServer } from '../helpers/harness.js';

let server: FakeServer;
async function start(opts?: FakeServerOptions): Promise<FakeServer> {
  return (server = await startServer(opts));
}

const DAY = 86_400_000;

describe('rate limiter', () => {
  it('is off by default (TEST_MODE)', async () => {
    await start();
    const jane = server.login('jane.doe');
    for (let i = 0; i < 15; i++) {
      const res = await call(server, 'GET', '/api/v1/me', { auth: jane });
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('counts per IP and route, sends headers, then 429 with the wait time', async () => {
    await start({ rateLimit: { calls: 2, windowMs: 42_000 } });
    const jane = server.login('jane.doe');
    const t0 = Date.now();
    const a = await call(server, 'GET', '/api/v1/users.info?username=roxie', { auth: jane });
    expect(a.headers['x-ratelimit-limit']).toBe('2');
    expect(a.headers['x-ratelimit-remaining']).toBe('1');
    const reset = Number(a.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(t0 + 42_000);
    expect(reset).toBeLessThan(Date.now() + 42_000 + 1);
    expect(
      (await call(server, 'GET', '/api/v1/users.info?username=roxie', { auth: jane })).headers['x-ratelimit-remaining'],
    ).toBe('0');
    const over = await call(server, 'GET', '/api/v1/users.info?username=roxie', { auth: jane });
    expect(over.status).toBe(429);
    expect(over.text).toBe(
      '{"success":false,"error":"Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]"}',
    );
    expect(over.headers['x-ratelimit-remaining']).toBe('0');
    expect(over.headers['x-ratelimit-reset']).toBe(String(reset));
    // Another route has its own window; another IP has its own too.
    expect((await call(server, 'GET', '/api/v1/me', { auth: jane })).status).toBe(200);
    expect(
      (
        await call(server, 'GET', '/api/v1/users.info?username=roxie', {
          auth: jane,
          headers: { 'x-forwarded-for': '10.0.0.9' },
        })
      ).status,
    ).toBe(200);
  });

  it('reports the remaining seconds rounded up and opens again after the window', async () => {
    await start({ rateLimit: { calls: 1, windowMs: 1_200 } });
    const jane = server.login('jane.doe');
    await call(server, 'GET', '/api/v1/me', { auth: jane });
    const over = await call(server, 'GET', '/api/v1/me', { auth: jane });
    expect(over.body.error).toContain('You must wait 2 seconds');
    await new Promise((r) => setTimeout(r, 1_250));
    expect((await call(server, 'GET', '/api/v1/me', { auth: jane })).status).toBe(200);
  });

  it('roles with api-bypass-rate-limit are not limited and get no headers', async () => {
    await start({ rateLimit: { calls: 1, windowMs: 60_000 } });
    for (const name of ['admin', 'rocket.bot']) {
      const auth = server.login(name);
      for (let i = 0; i < 3; i++) {
        const res = await call(server, 'GET', '/api/v1/me', { auth });
        expect(res.status).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    }
  });

  it('limits login by IP; 401s from missing auth are not counted; /api/info is not limited', async () => {
    await start({ rateLimit: { calls: 1, windowMs: 60_000, bypassRoles: [] } });
    expect(
      (await call(server, 'POST', '/api/v1/login', { json: { user: 'roxie', password: 'roxie-pw' } })).status,
    ).toBe(200);
    expect(
      (await call(server, 'POST', '/api/v1/login', { json: { user: 'roxie', password: 'roxie-pw' } })).status,
    ).toBe(429);
    for (let i = 0; i < 3; i++) expect((await call(server, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await call(server, 'GET', '/api/v1/me', { auth: server.login('admin') })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(server, 'GET', '/api/info')).status).toBe(200);
  });
});

describe('failed-login blocking', () => {
  const wrong = { user: 'roxie', password: 'nope' };
  const right = { user: 'roxie', password: 'roxie-pw' };
  const login = (json: unknown, ip = '10.1.1.1') =>
    call(server, 'POST', '/api/v1/login', { json, headers: { 'x-forwarded-for': ip } });

  it('blocks a user after N failures, even with the right password, until the block time passes', async () => {
    await start({ loginBlock: { userAttempts: 2, ipAttempts: 100, userBlockMs: 300, ipBlockMs: 10_000 } });
    expect((await login(wrong)).status).toBe(401);
    expect((await login(wrong, '10.1.1.2')).status).toBe(401);
    const blocked = await login(right, '10.1.1.3');
    expect(blocked.status).toBe(401);
    expect(blocked.body).toEqual({
      success: false,
      error: 'error-login-blocked-for-user',
      status: 'error',
      details: { function: 'Accounts.validateLoginAttempt' },
      message: 'Login has been temporarily blocked For User',
    });
    await new Promise((r) => setTimeout(r, 350));
    expect((await login(right)).status).toBe(200);
  });

  it('blocks an IP after N failures across users; other IPs are unaffected', async () => {
    await start({ loginBlock: { userAttempts: 100, ipAttempts: 2, userBlockMs: 10_000, ipBlockMs: 10_000 } });
    await login({ user: 'jane.doe', password: 'x' });
    await login({ user: 'nobody', password: 'x' });
    expect((await login(right)).body.error).toBe('error-login-blocked-for-ip');
    expect((await login(right, '10.9.9.9')).status).toBe(200);
  });

  it('a successful login resets the counter', async () => {
    await start({ loginBlock: { userAttempts: 2, ipAttempts: 100, userBlockMs: 10_000, ipBlockMs: 10_000 } });
    await login(wrong);
    expect((await login(right)).status).toBe(200);
    await login(wrong);
    expect((await login(right)).status).toBe(200);
  });
});

describe('token expiry', () => {
  it('login tokens expire after loginExpirationDays (default 90); PATs do not', async () => {
    await start();
    const john = server.login('test.john');
    const pat = server.createPersonalAccessToken('test.john', 'ci');
    server.setTokenCreatedAt(john.authToken, new Date(Date.now() - 89 * DAY));
    expect((await call(server, 'GET', '/api/v1/me', { auth: john })).status).toBe(200);
    server.setTokenCreatedAt(john.authToken, new Date(Date.now() - 91 * DAY));
    const res = await call(server, 'GET', '/api/v1/me', { auth: john });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('You must be logged in to do this.');
    expect(server.isTokenValid(john.authToken)).toBe(false);
    server.setTokenCreatedAt(pat.token, new Date(Date.now() - 1000 * DAY));
    expect(
      (await call(server, 'GET', '/api/v1/me', { auth: { userId: pat.userId, authToken: pat.token } })).status,
    ).toBe(200);
  });

  it('honours a custom expiration', async () => {
    await start({ loginExpirationDays: 1 });
    const john = server.login('test.john');
    server.setTokenCreatedAt(john.authToken, new Date(Date.now() - 2 * DAY));
    expect((await call(server, 'GET', '/api/v1/me', { auth: john })).status).toBe(401);
    expect((await call(server, 'POST', '/api/v1/login', { json: { resume: john.authToken } })).status).toBe(401);
  });
});
