/**
 * Issue 9, item 1: a self lookup gets `services` back with its secrets (rocketchat-api.md §9);
 * rcuser prints none of them, in any output, and keeps every other byte of the server's object.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEEDED_SECRETS, TOTP_BACKUP_CODES, TOTP_SECRET } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { credentials, startServer, useServer } from '../helpers/harness.js';

const E2E_TIMEOUT = 30_000;
const server = useServer({ version: '8.8.1' });
const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Every secret the server holds for these users, and the hashes of their login tokens. */
function secretsOf(tokens: string[]): string[] {
  return [
    TOTP_SECRET,
    ...TOTP_BACKUP_CODES.map(sha256Hex),
    ...Object.values(SEEDED_SECRETS),
    ...tokens.flatMap((t) => [t, createHash('sha256').update(t).digest('base64')]),
  ];
}

/** The server's answer as text, and that text with the credentials a reader of the README expects redacted. */
async function serverUser(env: Record<string, string>, username: string): Promise<{ raw: string; user: any }> {
  const res = await fetch(`${server.url}/api/v1/users.info?username=${username}`, {
    headers: { 'x-user-id': env.RCUSER_USER_ID!, 'x-auth-token': env.RCUSER_TOKEN! },
  });
  const text = await res.text();
  return { raw: text, user: JSON.parse(text).user };
}

function expectNoSecret(out: string, tokens: string[]): void {
  for (const secret of secretsOf(tokens)) expect(out).not.toContain(secret);
}

describe('rcuser info <me> prints no secret', { timeout: E2E_TIMEOUT }, () => {
  it('TOTP user, --json: every credential is "[redacted]", the rest is the server\'s object', async () => {
    const env = credentials(server, 'tina.totp');
    const token = env.RCUSER_TOKEN;
    const r = await runCli(['info', 'tina.totp', '--json'], { env });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const { raw, user } = await serverUser(env, 'tina.totp');
    expect(raw).toContain(TOTP_SECRET); // the server did send it
    expectNoSecret(r.stdout, [token]);
    const s = user.services;
    // Written out by hand from the README's list, not from rcuser's code.
    user.services = {
      password: true,
      totp: { enabled: true, secret: '[redacted]', hashedBackup: '[redacted]' },
      passwordHistory: '[redacted]',
      email: { verificationTokens: '[redacted]' },
      resume: '[redacted]',
    };
    expect(Object.keys(s)).toEqual(Object.keys(user.services));
    expect(r.stdout).toBe(`${JSON.stringify(user, null, 2)}\n`);
  });

  it('OAuth user, --json: provider tokens, known and unknown names alike', async () => {
    const env = credentials(server, 'otto.oauth');
    const token = env.RCUSER_TOKEN;
    const r = await runCli(['info', 'otto.oauth', '--json'], { env });
    expect(r.code).toBe(0);
    expectNoSecret(r.stdout, [token]);
    const out = JSON.parse(r.stdout);
    expect(out.services.google).toEqual({
      id: '109876543210987654321',
      accessToken: '[redacted]',
      idToken: '[redacted]',
      scope: ['email', 'profile'],
      expiresAt: 1767225600000,
      refreshToken: '[redacted]',
      email: 'otto@gmail.example',
      verified_email: true,
      name: 'Otto OAuth',
    });
    expect(out.services['corp-sso']).toEqual({
      id: 'corp-4711',
      jwt: '[redacted]',
      sessionToken: '[redacted]',
      username: 'otto',
    });
    const { user } = await serverUser(env, 'otto.oauth');
    delete user.services;
    delete out.services;
    expect(out).toEqual(user);
  });

  it('NDJSON batch lines, with --verbose: no secret on stdout or stderr', async () => {
    const env = credentials(server, 'tina.totp');
    const token = env.RCUSER_TOKEN;
    const r = await runCli(['--verbose', 'info', 'tina.totp', 'roxie', '--json'], { env });
    expect(r.code).toBe(0);
    expectNoSecret(r.stdout + r.stderr, [token]);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].user.services.totp).toEqual({ enabled: true, secret: '[redacted]', hashedBackup: '[redacted]' });
    expect(lines[1].user.services).toBeUndefined();
    expect(r.stderr).toContain('GET /api/v1/users.info?username=tina.totp 200');
  });

  it('tables: the useful part only (2FA, sign-in providers)', async () => {
    const tina = credentials(server, 'tina.totp');
    const t = await runCli(['info', 'tina.totp'], { env: tina });
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('  2FA         authenticator app\n  Sign-in     password\n');
    expectNoSecret(t.stdout, [tina.RCUSER_TOKEN]);
    const otto = credentials(server, 'otto.oauth');
    const o = await runCli(['info', 'otto.oauth'], { env: otto });
    expect(o.stdout).toContain('  2FA         off\n  Sign-in     google, corp-sso\n');
    expectNoSecret(o.stdout, [otto.RCUSER_TOKEN]);
  });

  it('whoami: 2FA and every linked sign-in provider, no secret', async () => {
    const otto = credentials(server, 'otto.oauth');
    const r = await runCli(['whoami'], { env: otto });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  2FA          off\n  Sign-in      google, corp-sso\n');
    expectNoSecret(r.stdout + r.stderr, [otto.RCUSER_TOKEN]);
    const tina = credentials(server, 'tina.totp');
    const j = await runCli(['whoami', '--json'], { env: tina });
    expect(JSON.parse(j.stdout)).toMatchObject({ twoFactor: ['totp'], signIn: ['password'] });
  });

  it('the newest line (9.x) sends fewer secrets; what it still sends is redacted', async () => {
    const s9 = await startServer({ version: '9.0.0' });
    const r = await runCli(['info', 'tina.totp', '--json'], { env: credentials(s9, 'tina.totp') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).services).toEqual({
      password: true,
      totp: { enabled: true, secret: '[redacted]', hashedBackup: '[redacted]' },
    });
  });
});
