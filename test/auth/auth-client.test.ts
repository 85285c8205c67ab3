import { afterEach, describe, expect, it } from 'vitest';
import { LoginError, logout, passwordLogin } from '../../src/api/auth.js';
import { RocketChatClient, type Credentials } from '../../src/api/client.js';
import { SEED_IDS, SEED_PASSWORDS, type FakeServer } from '../fake-server/index.js';
import { rejection } from '../helpers/errors.js';
import { startServer } from '../helpers/harness.js';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

const serve = startServer;
function client(server: FakeServer, auth?: Credentials): RocketChatClient {
  const c = new RocketChatClient({ server: server.url, auth, timeoutMs: 5000, userAgent: 'rcuser-test' });
  open.push(c);
  return c;
}
const failure = (p: Promise<unknown>): Promise<LoginError> => rejection(p, LoginError);

const john = { user: 'test.john', password: SEED_PASSWORDS['test.john']! };

describe('passwordLogin', () => {
  it('sends the documented {user, password} body and returns the token', async () => {
    const s = await serve();
    const r = await passwordLogin(client(s), john);
    expect(r.userId).toBe(SEED_IDS['test.john']);
    expect(s.isTokenValid(r.authToken)).toBe(true);
    expect(r.me?.username).toBe('test.john');
    const sent = s.requests.find((q) => q.path === '/api/v1/login')!;
    expect(JSON.parse(sent.body!)).toEqual({ user: 'test.john', password: john.password });
    expect(sent.headers['x-auth-token']).toBeUndefined();
  });

  it.each(['6.6.0', '7.3.0', '8.8.1'])('wrong password on %s: bad-credentials, exit 4', async (version) => {
    const s = await serve({ version });
    const err = await failure(passwordLogin(client(s), { ...john, password: 'nope' }));
    expect(err.failure).toBe('bad-credentials');
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe('wrong username or password');
  });

  it('9.0 collapses every failure into one body: the message says it cannot tell which', async () => {
    const s = await serve({ version: '9.0.0' });
    const err = await failure(passwordLogin(client(s), { ...john, password: 'nope' }));
    expect(err.failure).toBe('ambiguous');
    expect(err.message).toContain(
      'wrong username or password, or a two-factor code is needed (the server does not say which)',
    );
    expect(err.hint).toContain('--code');
    const tina = await failure(passwordLogin(client(s), { user: 'tina.totp', password: SEED_PASSWORDS['tina.totp']! }));
    expect(tina.failure).toBe('ambiguous');
  });

  it('TOTP: totp-required with details.method, totp-invalid, then success with the code', async () => {
    const s = await serve();
    const c = client(s);
    const creds = { user: 'tina.totp', password: SEED_PASSWORDS['tina.totp']! };
    const required = await failure(passwordLogin(c, creds));
    expect(required.failure).toBe('totp-required');
    expect(required.details?.method).toBe('totp');
    const invalid = await failure(passwordLogin(c, { ...creds, code: '000000' }));
    expect(invalid.failure).toBe('totp-invalid');
    const ok = await passwordLogin(c, { ...creds, code: s.totpCode('tina.totp') });
    expect(ok.userId).toBe(SEED_IDS['tina.totp']);
  });

  it('e-mail 2FA: the challenge names who the code went to; too many wrong codes is totp-max-attempts', async () => {
    const s = await serve();
    const c = client(s);
    const creds = { user: 'eddie.email', password: SEED_PASSWORDS['eddie.email']! };
    const required = await failure(passwordLogin(c, creds));
    expect(required.details).toMatchObject({ method: 'email', emailOrUsername: 'eddie.email', codeGenerated: true });
    let last: LoginError | undefined;
    for (let i = 0; i < 5; i++) last = await failure(passwordLogin(c, { ...creds, code: '000000' }));
    expect(last!.failure).toBe('totp-max-attempts');
    expect(last!.exitCode).toBe(4);
  });

  it('failed-login blocking: blocked-user with a plain message', async () => {
    const s = await serve({ loginBlock: { userAttempts: 2, ipAttempts: 100, userBlockMs: 60_000, ipBlockMs: 60_000 } });
    const c = client(s);
    await failure(passwordLogin(c, { ...john, password: 'x' }));
    await failure(passwordLogin(c, { ...john, password: 'x' }));
    const err = await failure(passwordLogin(c, john));
    expect(err.failure).toBe('blocked-user');
    expect(err.message).toBe(`${s.url} has blocked logins for this user after too many failed attempts`);
  });

  it('failed-login blocking by IP: blocked-ip', async () => {
    const s = await serve({ loginBlock: { userAttempts: 100, ipAttempts: 2, userBlockMs: 60_000, ipBlockMs: 60_000 } });
    const c = client(s);
    await failure(passwordLogin(c, { user: 'jane.doe', password: 'x' }));
    await failure(passwordLogin(c, { user: 'roxie', password: 'x' }));
    expect((await failure(passwordLogin(c, john))).failure).toBe('blocked-ip');
  });
});

describe('logout', () => {
  it.each([
    ['7.3.0', '{"status":"success"'],
    ['8.8.1', ''],
  ])('on %s (body %j): revokes the token', async (version, bodyStart) => {
    const s = await serve({ version });
    const { userId, authToken } = s.login('test.john');
    let body = '';
    const c = new RocketChatClient({
      server: s.url,
      auth: { userId, token: authToken },
      timeoutMs: 5000,
      userAgent: 'rcuser-test',
    });
    open.push(c);
    const send = c.send.bind(c);
    c.send = async (req, a) => {
      const res = await send(req, a);
      body = res.text;
      return res;
    };
    expect(await logout(c)).toBe('logged-out');
    expect(body.startsWith(bodyStart)).toBe(true);
    expect(s.isTokenValid(authToken)).toBe(false);
    expect(s.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/logout' });
  });

  it('an already revoked or expired token is reported, not thrown', async () => {
    const s = await serve();
    const c = client(s, { userId: SEED_IDS['test.john'], token: 'revoked-token-xxxxxxxxxxxxxxxxxxxxxxxx' });
    expect(await logout(c)).toBe('already-invalid');
  });
});
