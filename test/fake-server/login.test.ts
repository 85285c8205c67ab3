import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED_IDS, SEED_PASSWORDS, totp, TOTP_SECRET, type FakeServer, type FakeServerOptions } from './index.js';
import { call, type CallOptions } from './test-client.js';
import { startServer } from '../helpers/harness.js';

let server: FakeServer;
async function start(opts?: FakeServerOptions): Promise<FakeServer> {
  return (server = await startServer(opts));
}

const login = (opts: CallOptions) => call(server, 'POST', '/api/v1/login', opts);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const UNAUTHORIZED = { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' };

describe('login body forms', () => {
  it.each([
    ['user as name', { user: 'roxie', password: 'roxie-pw' }],
    ['user as email', { user: 'ROXIE@example.com', password: 'roxie-pw' }],
    ['username', { username: 'roxie', password: 'roxie-pw' }],
    ['email', { email: 'roxie@example.com', password: 'roxie-pw' }],
    ['user.username', { user: { username: 'roxie' }, password: 'roxie-pw' }],
    ['user.email', { user: { email: 'roxie@example.com' }, password: 'roxie-pw' }],
    ['sha-256 digest', { user: { username: 'roxie' }, password: { digest: sha256('roxie-pw'), algorithm: 'sha-256' } }],
  ])('%s → 200 with the documented shape', async (_, body) => {
    await start();
    const res = await login({ json: body });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['status', 'data', 'success']);
    expect(Object.keys(res.body.data)).toEqual(['userId', 'authToken', 'me']);
    expect(res.body.status).toBe('success');
    expect(res.body.success).toBe(true);
    expect(res.body.data.userId).toBe(SEED_IDS.roxie);
    expect(res.body.data.me).toMatchObject({
      _id: SEED_IDS.roxie,
      username: 'roxie',
      settings: { preferences: {} },
      avatarUrl: `${server.url}/avatar/roxie`,
    });
    expect(server.isTokenValid(res.body.data.authToken)).toBe(true);
  });

  it('accepts urlencoded bodies, including user[username]', async () => {
    await start();
    expect((await login({ form: 'user=roxie&password=roxie-pw' })).status).toBe(200);
    expect((await login({ form: 'user%5Busername%5D=roxie&password=roxie-pw' })).status).toBe(200);
  });

  it('resume with a valid token returns that token', async () => {
    await start();
    const { authToken } = server.login('test.john');
    const res = await login({ json: { resume: authToken } });
    expect(res.status).toBe(200);
    expect(res.body.data.authToken).toBe(authToken);
    expect((await login({ json: { resume: 'bogus' } })).body).toEqual(UNAUTHORIZED);
  });

  it('pre-7 success has no `success` key', async () => {
    await start({ version: '6.3.0' });
    const res = await login({ json: { user: 'roxie', password: 'roxie-pw' } });
    expect(Object.keys(res.body)).toEqual(['status', 'data']);
  });
});

describe('login failures', () => {
  it.each([
    ['8.8.1', UNAUTHORIZED],
    ['6.3.0', { status: 'error', error: 'Unauthorized', message: 'Unauthorized' }],
    ['9.0.0', { success: false, error: 'unauthorized' }],
  ])('%s: wrong password and unknown user look the same', async (version, body) => {
    await start({ version });
    for (const json of [
      { user: 'roxie', password: 'wrong' },
      { user: 'nobody', password: 'x' },
    ]) {
      const res = await login({ json });
      expect(res.status).toBe(401);
      expect(res.text).toBe(JSON.stringify(body));
    }
  });

  it('malformed bodies and unknown forms are 401 Unauthorized', async () => {
    await start();
    expect((await login({ raw: { contentType: 'application/json', text: '{"user":' } })).body).toEqual(UNAUTHORIZED);
    expect((await login({ json: { foo: 'bar' } })).body).toEqual(UNAUTHORIZED);
  });

  it('a deactivated user cannot log in', async () => {
    await start();
    const res = await login({ json: { user: 'old.timer', password: SEED_PASSWORDS['old.timer'] } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      success: false,
      error: 'error-user-is-not-activated',
      status: 'error',
      details: { function: 'Accounts.validateLoginAttempt' },
      message: 'User is not activated',
    });
  });
});

describe('login with TOTP', () => {
  const required = {
    success: false,
    error: 'totp-required',
    status: 'error',
    details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
    message: 'TOTP Required',
  };

  it('asks for a code, rejects a wrong one, accepts the right one in any form', async () => {
    await start();
    const creds = { user: 'tina.totp', password: 'tina-pw' };
    const first = await login({ json: creds });
    expect(first.status).toBe(401);
    expect(first.text).toBe(JSON.stringify(required));
    const wrong = await login({
      json: { ...creds, code: '000000' === server.totpCode('tina.totp') ? '111111' : '000000' },
    });
    expect(wrong.body).toEqual({
      success: false,
      error: 'totp-invalid',
      status: 'error',
      details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
      message: 'TOTP Invalid',
    });
    const code = server.totpCode('tina.totp');
    expect((await login({ json: { ...creds, code } })).status).toBe(200);
    expect((await login({ json: creds, headers: { 'x-2fa-code': code } })).status).toBe(200);
    expect(
      (await login({ json: { totp: { code, login: { user: { username: 'tina.totp' }, password: 'tina-pw' } } } }))
        .status,
    ).toBe(200);
  });

  it('9.0 collapses the challenge to a bare unauthorized', async () => {
    await start({ version: '9.0.0' });
    expect((await login({ json: { user: 'tina.totp', password: 'tina-pw' } })).text).toBe(
      '{"success":false,"error":"unauthorized"}',
    );
  });

  it('totp() matches the RFC 6238 SHA1 vectors', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [t, code] of vectors) expect(totp(TOTP_SECRET, t * 1000, 8)).toBe(code);
    expect(totp(TOTP_SECRET, 59_000)).toBe('287082');
  });
});

describe('login with email 2FA', () => {
  const creds = { user: 'eddie.email', password: 'eddie-pw' };

  it('sends a code once, then reports the pending one', async () => {
    await start();
    const first = await login({ json: creds });
    expect(first.status).toBe(401);
    expect(first.text).toBe(
      JSON.stringify({
        success: false,
        error: 'totp-required',
        status: 'error',
        details: { method: 'email', codeGenerated: true, emailOrUsername: 'eddie.email', availableMethods: ['email'] },
        message: 'TOTP Required',
      }),
    );
    const code = server.lastEmailCode('eddie.email');
    expect(code).toMatch(/^\d{6}$/);
    const second = await login({ json: creds });
    expect(Object.keys(second.body.details)).toEqual([
      'method',
      'emailOrUsername',
      'codeGenerated',
      'codeExpires',
      'availableMethods',
    ]);
    expect(second.body.details.codeGenerated).toBe(false);
    expect(Date.parse(second.body.details.codeExpires)).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(server.lastEmailCode('eddie.email')).toBe(code);
    expect((await login({ json: { ...creds, code: ` ${code} ` } })).status).toBe(200);
  });

  it('gives up after five wrong codes', async () => {
    await start();
    await login({ json: creds });
    const code = server.lastEmailCode('eddie.email')!;
    const wrong = code === '999999' ? '000000' : '999999';
    for (let i = 0; i < 4; i++)
      expect((await login({ json: { ...creds, code: wrong } })).body.error).toBe('totp-invalid');
    const fifth = await login({ json: { ...creds, code: wrong } });
    expect(fifth.body).toMatchObject({
      success: false,
      error: 'totp-max-attempts',
      status: 'error',
      details: { method: 'email', emailOrUsername: 'eddie.email', availableMethods: ['email'] },
      message: 'TOTP Maximun Failed Attempts Reached',
    });
    expect((await login({ json: { ...creds, code } })).body.error).toBe('totp-invalid');
  });

  it('users.2fa.sendEmailCode always succeeds and sends a new code to real users', async () => {
    await start();
    await login({ json: creds });
    for (const who of ['eddie.email', 'nobody']) {
      const res = await call(server, 'POST', '/api/v1/users.2fa.sendEmailCode', { json: { emailOrUsername: who } });
      expect(res.text).toBe('{"success":true}');
    }
    const after = server.lastEmailCode('eddie.email')!;
    expect(after).toMatch(/^\d{6}$/);
    expect((await login({ json: { ...creds, code: after } })).status).toBe(200);
  });
});

describe('users.generatePersonalAccessToken', () => {
  const path = '/api/v1/users.generatePersonalAccessToken';

  it('falls back to the password method for users without 2FA', async () => {
    await start();
    const john = server.login('test.john');
    const challenge = await call(server, 'POST', path, {
      auth: john,
      json: { tokenName: 'cli', bypassTwoFactor: false },
    });
    expect(challenge.status).toBe(400);
    expect(challenge.text).toBe(
      JSON.stringify({
        success: false,
        error: 'TOTP Required [totp-required]',
        errorType: 'totp-required',
        details: { method: 'password', codeGenerated: false, availableMethods: [] },
      }),
    );
    const bad = await call(server, 'POST', path, {
      auth: john,
      json: { tokenName: 'cli' },
      headers: { 'x-2fa-code': sha256('nope'), 'x-2fa-method': 'password' },
    });
    expect(bad.body).toEqual({
      success: false,
      error: 'TOTP Invalid [totp-invalid]',
      errorType: 'totp-invalid',
      details: { method: 'password', codeGenerated: false, availableMethods: [] },
    });
    const ok = await call(server, 'POST', path, {
      auth: john,
      json: { tokenName: 'cli' },
      headers: { 'x-2fa-code': sha256('test.john-pw'), 'x-2fa-method': 'password' },
    });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body)).toEqual(['token', 'success']);
    const me = await call(server, 'GET', '/api/v1/me', { auth: { userId: john.userId, authToken: ok.body.token } });
    expect(me.body.username).toBe('test.john');
    const dup = await call(server, 'POST', path, {
      auth: john,
      json: { tokenName: 'cli' },
      headers: { 'x-2fa-code': sha256('test.john-pw') },
    });
    expect(dup.body).toEqual({
      success: false,
      error: 'A token with this name already exists [error-token-already-exists]',
      errorType: 'error-token-already-exists',
    });
  });

  it("uses the user's own method when 2FA is enabled", async () => {
    await start();
    const tina = server.login('tina.totp');
    const challenge = await call(server, 'POST', path, { auth: tina, json: { tokenName: 'cli' } });
    expect(challenge.body.details).toEqual({ method: 'totp', codeGenerated: false, availableMethods: ['totp'] });
    const ok = await call(server, 'POST', path, {
      auth: tina,
      json: { tokenName: 'cli' },
      headers: { 'x-2fa-code': server.totpCode('tina.totp'), 'x-2fa-method': 'totp' },
    });
    expect(ok.status).toBe(200);
  });

  it('needs create-personal-access-tokens', async () => {
    await start();
    server.setPermission('create-personal-access-tokens', ['admin']);
    const res = await call(server, 'POST', path, {
      auth: server.login('roxie'),
      json: { tokenName: 'cli' },
      headers: { 'x-2fa-code': sha256('roxie-pw') },
    });
    expect(res.body).toEqual({ success: false, error: 'Not Authorized [not-authorized]', errorType: 'not-authorized' });
  });
});
