/**
 * The test server against what the real server's source shows (rocketchat-api.md §9): exact TOTP,
 * backup codes, login refusals, Force_SSL redirects and subpath deployments.
 */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS, TOTP_BACKUP_CODES, type FakeServer, type FakeServerOptions } from './index.js';
import { call, type CallOptions } from './test-client.js';
import { startServer } from '../helpers/harness.js';

let server: FakeServer;
async function start(opts?: FakeServerOptions): Promise<FakeServer> {
  return (server = await startServer(opts));
}
const login = (opts: CallOptions) => call(server, 'POST', '/api/v1/login', opts);
const pw = (user: string) => ({ user, password: SEED_PASSWORDS[user]! });
const VALIDATE = { function: 'Accounts.validateLoginAttempt' };

describe('TOTP codes (apps/meteor/app/2fa/server/lib/totp.ts)', () => {
  it('are compared exactly as sent: "123 456" and "123-456" are refused', async () => {
    await start();
    const code = server.totpCode('tina.totp');
    for (const typed of [`${code.slice(0, 3)} ${code.slice(3)}`, `${code.slice(0, 3)}-${code.slice(3)}`, ` ${code}`]) {
      const res = await login({ json: { ...pw('tina.totp'), code: typed } });
      expect(res.body).toMatchObject({
        error: 'totp-invalid',
        details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
      });
    }
    expect((await login({ json: { ...pw('tina.totp'), code } })).status).toBe(200);
  });

  it('a backup code (8 characters) works once, case-sensitively', async () => {
    await start();
    const backup = TOTP_BACKUP_CODES[0]!;
    expect((await login({ json: { ...pw('tina.totp'), code: backup.toLowerCase() } })).body.error).toBe('totp-invalid');
    expect((await login({ json: { ...pw('tina.totp'), code: backup } })).status).toBe(200);
    expect((await login({ json: { ...pw('tina.totp'), code: backup } })).body.error).toBe('totp-invalid');
    expect((await login({ json: { ...pw('tina.totp'), code: TOTP_BACKUP_CODES[1] } })).status).toBe(200);
  });
});

describe('login refusals after a right password (validateLoginAttemptAsync, in order)', () => {
  it.each([
    ['app.user', 'error-app-user-is-not-allowed-to-login', 'App user is not allowed to login'],
    ['old.timer', 'error-user-is-not-activated', 'User is not activated'],
    ['pat.pending', 'error-user-is-not-activated', 'User is not activated'],
    ['nora.noroles', 'error-user-has-no-roles', 'User has no roles'],
  ])('%s → 401 %s', async (user, error, message) => {
    await start();
    const res = await login({ json: pw(user) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, error, status: 'error', details: VALIDATE, message });
  });

  it('a wrong password is refused before any of them', async () => {
    await start();
    expect((await login({ json: { user: 'app.user', password: 'nope' } })).body.error).toBe('Unauthorized');
  });

  it('unverified e-mail with Accounts_EmailVerification on: the literal placeholder, no details; admins pass', async () => {
    await start({ emailVerification: true });
    const res = await login({ json: pw('uma.unverified') });
    expect(res.status).toBe(401);
    expect(res.text).toBe(
      JSON.stringify({
        success: false,
        error: 'error-invalid-email',
        status: 'error',
        message: 'Invalid email __email__',
      }),
    );
    await start();
    expect((await login({ json: pw('uma.unverified') })).status).toBe(200);
  });

  it('Meteor\'s fallback: a numeric 403 with "Login forbidden"', async () => {
    await start();
    expect((await login({ json: pw('forbid.den') })).body).toEqual({
      success: false,
      error: 403,
      status: 'error',
      message: 'Login forbidden',
    });
  });

  it('an SSO-only user has no password: refused exactly like a wrong one', async () => {
    await start();
    const res = await login({ json: { user: 'otto.oauth', password: 'anything' } });
    expect(res.body).toEqual({ success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' });
  });

  it('9.x collapses every refusal to unauthorized', async () => {
    await start({ version: '9.0.0' });
    expect((await login({ json: pw('app.user') })).text).toBe('{"success":false,"error":"unauthorized"}');
  });
});

describe('deployment modes', () => {
  it('redirectToHttps: every request gets 302 to https with an empty body, a POST body is never read', async () => {
    await start({ redirectToHttps: true });
    for (const [method, path] of [
      ['GET', '/api/info'],
      ['POST', '/api/v1/login'],
      ['GET', '/api/v1/users.info?username=x'],
    ] as const) {
      const res = await request(`${server.url}${path}`, {
        method,
        body: method === 'POST' ? '{"user":"x","password":"y"}' : undefined,
        maxRedirections: 0,
      } as Parameters<typeof request>[1]);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`https://127.0.0.1:${server.port}${path}`);
      expect(await res.body.text()).toBe('');
    }
  });

  it('basePath: the API lives under /chat/api/...; the rest of the host is not the server', async () => {
    await start({ basePath: '/chat' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/chat`);
    const info = await call(server, 'GET', '/api/info');
    expect(info.body.version).toBe('8.8');
    expect(server.requests.at(-1)!.path).toBe('/chat/api/info');
    const outside = await request(`http://127.0.0.1:${server.port}/api/info`);
    expect(outside.statusCode).toBe(404);
    await outside.body.dump();
    const john = server.login('test.john');
    expect((await call(server, 'GET', '/api/v1/users.info?username=roxie', { auth: john })).body.user.username).toBe(
      'roxie',
    );
  });
});
