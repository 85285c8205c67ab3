import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, useConfigDir, useServer } from '../helpers/harness.js';
import { profileOn } from '../helpers/profiles.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';

/**
 * Issue 21 item 4: `status` while one server hangs. The hanging server is a process of its own (it
 * accepts and never answers), so nothing in the test process can answer for it: each profile is
 * printed as its answer comes, a terminal says whom it still waits for, Ctrl-C (a real SIGINT) keeps
 * what is known and names who never answered, exit 130.
 */
const server = useServer();
const config = useConfigDir();
let hang: ChildProcess;
let hangUrl: string;

beforeAll(async () => {
  hang = spawn(
    process.execPath,
    [
      '-e',
      "require('http').createServer(() => {}).listen(0, '127.0.0.1', function () { console.log(this.address().port) })",
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<string>((resolve) =>
    hang.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  hangUrl = `http://127.0.0.1:${port}`;
});
afterAll(() => void hang.kill());

function storeProfiles(): Record<string, string> {
  const { userId, authToken } = server.login('test.john');
  const profiles = {
    'a-hang': profileOn(hangUrl, 'a-hang'),
    'b-ok': profileOn(server.url, 'b-ok', { userId, token: authToken, username: 'test.john' }),
  };
  fs.writeFileSync(`${config.dir}/profiles.json`, JSON.stringify({ active: 'b-ok', profiles }), { mode: 0o600 });
  return { RCUSER_CONFIG_DIR: config.dir };
}

describe('status while one server hangs', { timeout: 30_000 }, () => {
  it('in a pipe: the answer that came is printed at once; Ctrl-C keeps it, names the silent one, exits 130', async () => {
    const run = spawnCli(['status', '--timeout', '25'], { env: storeProfiles() });
    while (!run.out().includes('test.john on')) {
      if (run.child.exitCode !== null) throw new Error(`status ended early:\n${run.out()}\n${run.err()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe(`b-ok (active)\n  ✓ test.john on ${server.url}: login token valid\n`);
    expect(r.stderr).toContain('no answer yet from a-hang');
    expect(r.stderr).not.toContain('waiting for'); // not a terminal
  });
});

describe.runIf(hasPython)(`status at a terminal while one server hangs${PTY_SKIP}`, { timeout: 30_000 }, () => {
  it('says whom it waits for after a couple of seconds; Ctrl-C stops with what is known', async () => {
    const s = runInPty(['status', '--timeout', '25'], storeProfiles());
    await s.waitFor('login token valid', 20_000);
    await s.waitFor('waiting for a-hang', 20_000);
    s.type('\x03');
    expect(await s.exit).toBe(130);
    const t = s.transcript();
    expect(t.indexOf('b-ok (active)')).toBeLessThan(t.indexOf('waiting for a-hang'));
    expect(t).toContain('no answer yet from a-hang');
  });
});
