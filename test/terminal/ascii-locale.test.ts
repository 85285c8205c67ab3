import { beforeAll, describe, expect, it } from 'vitest';
import { credentials, runCli, useServer } from '../helpers/harness.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';

/**
 * Issue 21 item 13: a terminal whose locale is not UTF-8 (LC_ALL=POSIX, LANG=C) cannot show box
 * drawing, "…", "●" or "✓": rcuser draws with ASCII there. Only human output changes; --json and
 * --csv are the server's data either way.
 */
const server = useServer();
let env: Record<string, string>;
beforeAll(() => {
  // The pty driver is python3, which turns LANG=C into LC_CTYPE=C.UTF-8 for its children (PEP 538)
  // unless told not to: a real terminal passes the locale on as it is.
  env = credentials(server, 'admin', { PYTHONCOERCECLOCALE: '0' });
});

const NON_ASCII = /[^\x00-\x7f]/;
const screen = (t: string) => t.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

describe.runIf(hasPython)(`at a terminal${PTY_SKIP}`, { timeout: 30_000 }, () => {
  it.each([{ LC_ALL: 'POSIX' }, { LANG: 'C' }, { LC_CTYPE: 'C', LANG: 'en_US.UTF-8' }])(
    '%j: the card and the rooms table in ASCII, cut cells with "..."',
    async (locale) => {
      const s = runInPty(['info', 'test.john', '--rooms'], { ...env, ...locale }, { columns: 60 });
      expect(await s.exit).toBe(0);
      const t = screen(s.transcript());
      expect(t).not.toMatch(NON_ASCII);
      expect(t).toContain('(@test.john)  * offline');
      expect(t).toMatch(/^\+-+\+-+\+-+\+\r?$/m);
      expect(t).toMatch(/^\| Room +\| Type +\| Room ID +\|\r?$/m);
      expect(t).toContain('| Livest... | channel |');
    },
  );

  it('a UTF-8 locale, or none, keeps the box drawing (LC_ALL wins over LANG)', async () => {
    for (const locale of [{}, { LC_ALL: 'en_US.UTF-8', LANG: 'C' }]) {
      const s = runInPty(['info', 'test.john', '--rooms'], { ...env, ...locale }, { columns: 60 });
      expect(await s.exit).toBe(0);
      const t = screen(s.transcript());
      expect(t).toContain('(@test.john)  ● offline');
      expect(t).toContain('│ Livestre… │ channel │');
    }
  });

  it('LC_ALL=C: a list in ASCII', async () => {
    const list = runInPty(['list', '--limit', '5', '--no-pager'], { ...env, LC_ALL: 'C' }, { columns: 50 });
    expect(await list.exit).toBe(0);
    const t = screen(list.transcript());
    expect(t).not.toMatch(NON_ASCII);
    expect(t).toMatch(/^\| Username +\| Name +\|/m);
  });
});

describe('help in a locale that is not UTF-8', () => {
  it("a command's --help and a help topic in ASCII", async () => {
    const help = await runCli(['logout', '--help'], { env: { LC_ALL: 'C' } });
    expect(help.stdout).toContain('(My Account -> Personal Access');
    expect(help.stdout).not.toMatch(NON_ASCII);
    expect((await runCli(['help', 'formats'], { env: { LC_ALL: 'C' } })).stdout).not.toMatch(NON_ASCII);
    expect((await runCli(['logout', '--help'])).stdout).toContain('(My Account → Personal Access');
  });
});

describe('data formats are not touched by the locale', () => {
  it.each([['--json'], ['--csv', '--fields', 'username,name,emails.0.address']])('%s', async (...flags) => {
    const argv = ['info', 'test.john', 'roxie', ...flags];
    const utf8 = await runCli(argv, { env: { ...env, LANG: 'en_US.UTF-8' } });
    const posix = await runCli(argv, { env: { ...env, LC_ALL: 'POSIX' } });
    expect(utf8.code).toBe(0);
    expect(posix).toEqual(utf8);
  });

  it('a human table in a pipe follows the locale too, whatever reads it', async () => {
    const r = await runCli(['info', 'test.john', 'roxie'], { env: { ...env, LC_ALL: 'POSIX' } });
    expect(r.stdout).not.toMatch(NON_ASCII);
    expect(r.stdout).toMatch(/^\| Query +\| Username/m);
  });
});
