import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { useConfigDir, useServer } from '../helpers/harness.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';

const server = useServer();
const config = useConfigDir('rcuser-tty-');

/** Every file under the config config.dir, as text. */
function configFiles(): string {
  return fs
    .readdirSync(config.dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

/** What the kernel says the process was started with, and its environment (Linux only). */
function procArgvAndEnv(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') + fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return undefined;
  }
}

describe.runIf(hasPython)(`interactive login in a real pseudo-terminal${PTY_SKIP}`, () => {
  it('asks for the username and a hidden password; the password is never echoed, in argv or on disk', async () => {
    const pw = SEED_PASSWORDS['test.john']!;
    const s = runInPty(['login', server.url], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Username or e-mail: ');
    s.type('test.john\r');
    await s.waitFor(`Password for test.john on ${server.host}: `);
    s.type(`${pw}\r`);
    await s.waitFor(`Logged in to ${server.url} as test.john (profile "${server.host}", now active)`);
    expect(await s.exit).toBe(0);
    // The username was typed with echo on, so it shows; the password was not.
    expect(s.transcript()).toContain('Username or e-mail: test.john');
    expect(s.transcript()).not.toContain(pw);
    expect(config.stored().profiles[server.host]!.username).toBe('test.john');
    expect(configFiles()).not.toContain(pw);
  });

  it('backspace edits the hidden password', async () => {
    const pw = SEED_PASSWORDS['test.john']!;
    const s = runInPty(['login', server.url, '-u', 'test.john'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password for test.john');
    s.type(`${pw}xy\u007f\u007f\r`);
    await s.waitFor('Logged in to');
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain(pw);
  });

  it('a wrong password on a terminal: asked again, three tries in all, then exit 4; nothing echoed', async () => {
    const s = runInPty(['login', server.url, '-u', 'test.john'], { RCUSER_CONFIG_DIR: config.dir });
    for (let i = 1; i <= 3; i++) {
      await s.waitFor('Password for test.john');
      s.type(`hunter2-wrong${i}\r`);
      if (i < 3) await s.waitFor('Wrong username or password; try again.');
    }
    await s.waitFor('rcuser: wrong username or password');
    expect(await s.exit).toBe(4);
    expect(s.transcript()).toContain('have no password here: create a personal access token');
    for (let i = 1; i <= 3; i++) expect(s.transcript()).not.toContain(`hunter2-wrong${i}`);
  });

  it('a mistyped password, then the right one: logged in', async () => {
    const s = runInPty(['login', server.url, '-u', 'test.john'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password for test.john');
    s.type('typo\r');
    await s.waitFor('Wrong username or password; try again.');
    s.type(`${SEED_PASSWORDS['test.john']}\r`);
    await s.waitFor('Logged in to');
    expect(await s.exit).toBe(0);
  });

  it('Ctrl-C at the password prompt: exit 130, nothing stored', async () => {
    const s = runInPty(['login', server.url, '-u', 'test.john'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password for test.john');
    s.type('abc\u0003');
    expect(await s.exit).toBe(130);
    expect(fs.existsSync(path.join(config.dir, 'profiles.json'))).toBe(false);
  });

  it('TOTP: asks for the authenticator code, again after a wrong one; the password is in no argv, environment, file or output', async () => {
    const pw = SEED_PASSWORDS['tina.totp']!;
    const s = runInPty(['login', server.url, '-u', 'tina.totp'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password for tina.totp');
    s.type(`${pw}\r`);
    await s.waitFor('Two-factor code from your authenticator app (or a backup code): ');
    const proc = procArgvAndEnv(await s.pid);
    if (process.platform === 'linux') {
      expect(proc).toBeDefined();
      expect(proc).toContain('login'); // the right process
      expect(proc).not.toContain(pw);
    }
    s.type('000000\r');
    await s.waitFor('That code was not accepted; try again.');
    await s.waitFor('Two-factor code from your authenticator app (or a backup code): ');
    s.type(`${server.totpCode('tina.totp')}\r`);
    await s.waitFor(`Logged in to ${server.url} as tina.totp`);
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain(pw);
    expect(configFiles()).not.toContain(pw);
    expect(config.stored().profiles[server.host]!.username).toBe('tina.totp');
  });

  it('TOTP: three wrong codes on a terminal, then exit 4', async () => {
    const s = runInPty(['login', server.url, '-u', 'tina.totp'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password for tina.totp');
    s.type(`${SEED_PASSWORDS['tina.totp']}\r`);
    for (let i = 0; i < 3; i++) {
      await s.waitFor('Two-factor code from your authenticator app (or a backup code): ');
      s.type('000000\r');
    }
    await s.waitFor('the two-factor code was not accepted (3 tries)');
    // The one command that repeats this login, not `rcuser login` (that renews the active profile).
    await s.waitFor(`run \`rcuser login ${server.url} -u tina.totp\` to try again`);
    expect(await s.exit).toBe(4);
  });

  it('e-mail 2FA: says where the code was sent, and the typed code logs in', async () => {
    const s = runInPty(['login', server.url, '-u', 'eddie.email'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password for eddie.email');
    s.type(`${SEED_PASSWORDS['eddie.email']}\r`);
    await s.waitFor('Two-factor code sent by e-mail to eddie.email: ');
    const code = server.lastEmailCode('eddie.email');
    expect(code).toMatch(/^\d{6}$/);
    s.type(`${code}\r`);
    await s.waitFor(`Logged in to ${server.url} as eddie.email`);
    expect(await s.exit).toBe(0);
  });
});
