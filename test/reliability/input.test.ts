/**
 * Catalog, second round: odd stdin and terminals. stdin that is a directory, and TERM=dumb, which
 * cannot move the cursor, so no redrawn progress line may be sent to it.
 */
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { runCli } from '../helpers/cli.js';
import { testContext } from '../helpers/io.js';
import { expectClean, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

describe('catalog: stdin and the terminal', () => {
  it('I1 `info -` with stdin a directory is a usage error, not "nothing to look up"', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const r = await runCli(['info', '-', '--json'], { env: credentials(s, admin), stdinFile: os.tmpdir() });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stdin is a directory');
    expect(r.stdout).toBe('');
    expect(s.requests.filter((q) => q.path.startsWith('/api/v1/'))).toEqual([]);
  });

  it('I2 `login --password-stdin` with stdin a directory is a usage error', async () => {
    const s = await startServer();
    const dir = fs.mkdtempSync(`${os.tmpdir()}/rcuser-i2-`);
    const r = await runCli(['login', s.url, '-u', 'test.john', '--password-stdin'], {
      env: { HOME: os.tmpdir(), RCUSER_CONFIG_DIR: dir },
      stdinFile: os.tmpdir(),
    }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stdin is a directory: there is no password to read from it');
    expect(s.requests.filter((q) => q.path === '/api/v1/login')).toEqual([]);
  });

  it('I3 TERM=dumb: a batch on a terminal draws no progress line (no cursor control on stderr)', async () => {
    const s = await startServer();
    const { userId, token } = s.createPersonalAccessToken('admin');
    const run = async (term: string) => {
      const ctx = testContext({
        tty: true,
        stdinTTY: false,
        stdin: 'jane.doe\nroxie\nnobody\n',
        env: credentials(s, { userId, token }, { TERM: term }),
      });
      let t = 0;
      ctx.now = () => (t += 600); // the progress line appears after a second
      const code = await main(['info', '-'], ctx);
      return { code, err: ctx.io.err() };
    };
    const xterm = await run('xterm');
    expect(xterm.err).toContain('\x1b[2K'); // the case can fail: on a real terminal the line is drawn
    const dumb = await run('dumb');
    expect(dumb.code).toBe(3);
    expect(dumb.err).not.toMatch(/[\r\x1b]/);
  });
});

describe('catalog: a blank search', () => {
  it("I4 `list --search '   '` is a usage error like `search '   '`, nothing sent (was: everyone listed)", async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const env = credentials(s, admin);
    const before = s.requests.length;
    const list = await runCli(['list', '--search', '   '], { env });
    expectClean(list, [admin.authToken]);
    expect([list.code, list.stdout, list.stderr.split('\n')[0]]).toEqual([2, '', 'rcuser: the --search term is empty']);
    const search = await runCli(['search', '   '], { env });
    expect(search.code).toBe(2);
    expect(s.requests.length).toBe(before);
  }, 20_000);
});
