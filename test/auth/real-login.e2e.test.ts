/**
 * Issue 9, items 2 and 4: 2FA codes as people type them, backup codes, and one sentence (exit 4) for
 * each login refusal the real server makes (rocketchat-api.md §9).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginError, passwordLogin } from '../../src/api/auth.js';
import { RocketChatClient } from '../../src/api/client.js';
import { normalizeCode } from '../../src/commands/login/twofactor.js';
import { SEED_PASSWORDS, TOTP_BACKUP_CODES, type FakeServer } from '../fake-server/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';
import { startServer, useServer } from '../helpers/harness.js';

const server = useServer({ emailVerification: true });
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-real-login-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function login(
  user: string,
  extra: string[] = [],
  env: Record<string, string> = {},
  s: FakeServer = server,
): Promise<CliResult> {
  return runCli(['login', s.url, '-u', user, '--password-stdin', ...extra], {
    stdin: `${SEED_PASSWORDS[user] ?? 'whatever'}\n`,
    env: { RCUSER_CONFIG_DIR: dir, ...env },
  });
}

describe('normalizeCode', () => {
  it('drops spaces and dashes, keeps case', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
    expect(normalizeCode('123\u2013456')).toBe('123456');
    expect(normalizeCode('k7Qm 2XpR')).toBe('k7Qm2XpR');
  });
});

describe('2FA codes as people type them', () => {
  it('--code "123 456" logs in (the server compares TOTP codes exactly)', async () => {
    const code = server.totpCode('tina.totp');
    const r = await login('tina.totp', ['--code', `${code.slice(0, 3)} ${code.slice(3)}`]);
    expect(r.code).toBe(0);
    const body = JSON.parse(server.requests.filter((q) => q.path === '/api/v1/login').at(-1)!.body!);
    expect(body.code).toBe(code);
  });

  it('RCUSER_2FA_CODE "123-456" logs in', async () => {
    const code = server.totpCode('tina.totp');
    expect((await login('tina.totp', [], { RCUSER_2FA_CODE: `${code.slice(0, 3)}-${code.slice(3)}` })).code).toBe(0);
  });

  it('a backup code logs in once; the second time it is refused (exit 4)', async () => {
    const backup = TOTP_BACKUP_CODES[5]!;
    expect((await login('tina.totp', ['--code', backup])).code).toBe(0);
    const again = await login('tina.totp', ['--code', backup]);
    expect(again.code).toBe(4);
    expect(again.stderr).toBe(
      `rcuser: the two-factor code was not accepted\n  run \`rcuser login ${server.url} -u tina.totp --password-stdin --code <code>\` with a current code (or set RCUSER_2FA_CODE); a backup code works once\n`,
    );
  });
});

describe('login refusals: one sentence each, exit 4', () => {
  const host = (): string => server.url;
  it.each([
    [
      'app.user',
      () =>
        `rcuser: ${host()} refused the login: this is an app's user account, and app users may not log in\n  log in as a person or a bot account instead\n`,
    ],
    [
      'old.timer',
      () =>
        `rcuser: ${host()} refused the login: this account is not active (deactivated, or new and waiting for an administrator's approval)\n  ask an administrator of the server to activate it\n`,
    ],
    [
      'pat.pending',
      () =>
        `rcuser: ${host()} refused the login: this account is not active (deactivated, or new and waiting for an administrator's approval)\n  ask an administrator of the server to activate it\n`,
    ],
    [
      'nora.noroles',
      () =>
        `rcuser: ${host()} refused the login: this account has no roles, and an account without roles may not log in\n  ask an administrator of the server to give it a role (usually \`user\`)\n`,
    ],
    [
      'uma.unverified',
      () =>
        `rcuser: ${host()} refused the login: the account's e-mail address is not verified, and this server requires a verified one\n  open the verification link Rocket.Chat sent by e-mail (or ask an administrator to verify the address), then log in again\n`,
    ],
    [
      'forbid.den',
      () =>
        `rcuser: ${host()} refused the login (Login forbidden): a rule on the server does not let this account log in\n  ask an administrator of the server why\n`,
    ],
  ])('%s', async (user, expected) => {
    const r = await login(user);
    expect(r).toEqual({ code: 4, stdout: '', stderr: expected() });
    expect(r.stderr).not.toContain('__');
    expect(fs.existsSync(path.join(dir, 'profiles.json'))).toBe(false);
  });

  it('an SSO-only account: the password refusal names personal access tokens and the exact login line', async () => {
    const r = await login('otto.oauth');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      'accounts that sign in through SSO (SAML, OAuth, CAS) have no password here: create a personal access token',
    );
    expect(r.stderr).toContain(`    rcuser login ${server.url} --token-stdin --user-id <your-user-id> < token.txt\n`);
  });

  it('blocked after too many failures: its own sentence', async () => {
    const s = await startServer({
      loginBlock: { userAttempts: 1, ipAttempts: 100, userBlockMs: 60_000, ipBlockMs: 60_000 },
    });
    await runCli(['login', s.url, '-u', 'roxie', '--password-stdin'], {
      stdin: 'wrong\n',
      env: { RCUSER_CONFIG_DIR: dir },
    });
    const r = await login('roxie', [], {}, s);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('has blocked logins for this user after too many failed attempts');
  });
});

describe('a refusal rcuser does not know', () => {
  it("shows the server's reason without an unfilled placeholder, exit 4", async () => {
    const s = await startServer({
      route(req, res) {
        if (!req.url?.endsWith('/api/v1/login')) return false;
        const body = JSON.stringify({
          success: false,
          error: 'error-new-rule',
          status: 'error',
          message: 'Refused for __reason__ by policy',
        });
        res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return true;
      },
    });
    const c = new RocketChatClient({ server: s.url, timeoutMs: 5000, userAgent: 'rcuser-test' });
    try {
      const err = await passwordLogin(c, { user: 'x', password: 'y' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LoginError);
      expect((err as LoginError).message).toBe(`${s.url} refused the login: Refused for by policy`);
      expect((err as LoginError).exitCode).toBe(4);
    } finally {
      await c.close();
    }
  });
});

describe.runIf(hasPython)(`at a terminal${PTY_SKIP}`, () => {
  it('the TOTP prompt says a backup code works too, and a backup code typed with a space logs in', async () => {
    const s = runInPty(['login', server.url, '-u', 'tina.totp'], { RCUSER_CONFIG_DIR: dir });
    await s.waitFor('Password for tina.totp');
    s.type(`${SEED_PASSWORDS['tina.totp']}\r`);
    await s.waitFor('Two-factor code from your authenticator app (or a backup code): ');
    const b = TOTP_BACKUP_CODES[7]!;
    s.type(`${b.slice(0, 4)} ${b.slice(4)}\r`);
    await s.waitFor('Logged in to');
    expect(await s.exit).toBe(0);
  });

  it('a server that cannot tell a wrong password from a missing code: asks for a code (Enter to skip)', async () => {
    const s9 = await startServer({ version: '9.0.0' });
    const s = runInPty(['login', s9.url, '-u', 'tina.totp'], { RCUSER_CONFIG_DIR: dir });
    await s.waitFor('Password for tina.totp');
    s.type(`${SEED_PASSWORDS['tina.totp']}\r`);
    await s.waitFor('enter a code (Enter to skip): ');
    s.type(`${s9.totpCode('tina.totp')}\r`);
    await s.waitFor('Logged in to');
    expect(await s.exit).toBe(0);

    // Enter skips the code: the password is asked for again.
    const t = runInPty(['login', s9.url, '-u', 'roxie', '--name', 'roxie'], { RCUSER_CONFIG_DIR: dir });
    await t.waitFor('Password for roxie');
    t.type('typo\r');
    await t.waitFor('enter a code (Enter to skip): ');
    t.type('\r');
    await t.waitFor('Wrong username or password; try again.');
    await t.waitFor('Password for roxie');
    t.type(`${SEED_PASSWORDS.roxie}\r`);
    await t.waitFor('Logged in to');
    expect(await t.exit).toBe(0);
  });
});
