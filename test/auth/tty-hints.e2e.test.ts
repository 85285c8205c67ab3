import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';
import { useServer } from '../helpers/harness.js';

/** What a person at a terminal is told to do next: one command, with everything rcuser knows in it. */

const server = useServer();
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-tty-hints-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.runIf(hasPython)(`login at a terminal${PTY_SKIP}`, { timeout: 20_000 }, () => {
  it('three wrong 2FA codes on a new login under --name: the hint repeats this login, name and user included', async () => {
    const s = runInPty(['login', server.url, '-u', 'tina.totp', '--name', 'work'], { RCUSER_CONFIG_DIR: dir });
    await s.waitFor('Password for tina.totp');
    s.type(`${SEED_PASSWORDS['tina.totp']}\r`);
    for (let i = 0; i < 3; i++) {
      await s.waitFor('Two-factor code from your authenticator app');
      s.type('000000\r');
    }
    await s.waitFor(`run \`rcuser login ${server.url} --name work -u tina.totp\` to try again`);
    expect(await s.exit).toBe(4);
  });

  it('no server and no stored profile: asks for the server', async () => {
    const s = runInPty(['login', '-u', 'test.john'], { RCUSER_CONFIG_DIR: dir });
    await s.waitFor('Server (e.g. chat.example.com): ');
    s.type(`${server.url}\r`);
    await s.waitFor('Password for test.john');
    s.type(`${SEED_PASSWORDS['test.john']}\r`);
    await s.waitFor(`Logged in to ${server.url} as test.john`);
    expect(await s.exit).toBe(0);
  });
});

describe('login in a script', () => {
  it('no server and no stored profile: exit 2 naming the argument, nothing asked', async () => {
    const r = await runCli(['login', '-u', 'test.john', '--password-stdin'], {
      env: { RCUSER_CONFIG_DIR: dir },
      stdin: 'x\n',
    });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "rcuser: which server? none given\n  run `rcuser login <server>`, e.g. `rcuser login chat.example.com`\nRun 'rcuser login --help' for usage.\n",
    });
  });

  it('a wrong password: the hint repeats this exact login', async () => {
    const r = await runCli(['login', server.url, '-u', 'test.john', '--password-stdin', '--name', 'my box'], {
      env: { RCUSER_CONFIG_DIR: dir },
      stdin: 'wrong\n',
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`run \`rcuser login ${server.url} --name 'my box' -u test.john --password-stdin\``);
  });
});
