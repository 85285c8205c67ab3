import { beforeAll, describe, expect, it } from 'vitest';
import { credentials, runCli, useServer } from '../helpers/harness.js';
import { hasPython, runInPty } from '../helpers/pty.js';

/**
 * Issue 21 items 11 and 13 (colors): no pager on a dumb terminal (less stops there at "terminal is
 * not fully functional" and waits for a key), and the CLICOLOR convention the contract names.
 */
const server = useServer();
let env: Record<string, string>;
beforeAll(() => {
  env = credentials(server, 'admin');
});

const COLOR = /\u001b\[(?:1|2|3\d|9\d)m/;

describe.runIf(hasPython)('at a terminal', { timeout: 30_000 }, () => {
  it('TERM=dumb: a long list is printed, no pager is started', async () => {
    const s = runInPty(
      ['list', '--limit', '60'],
      { ...env, TERM: 'dumb', PAGER: undefined, RCUSER_PAGER: undefined },
      { columns: 80, rows: 10 },
    );
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain('not fully functional');
    expect(s.transcript()).toContain('60 of ');
  });

  it('CLICOLOR=0 turns colors off at a terminal; without it they are on', async () => {
    const plain = runInPty(['info', 'test.john'], { ...env, NO_COLOR: undefined, CLICOLOR: '0' });
    expect(await plain.exit).toBe(0);
    expect(plain.transcript()).toContain('test.john');
    expect(plain.transcript()).not.toMatch(COLOR);
    const colored = runInPty(['info', 'test.john'], { ...env, NO_COLOR: undefined });
    expect(await colored.exit).toBe(0);
    expect(colored.transcript()).toMatch(COLOR);
  });
});

describe('in a pipe', () => {
  it('CLICOLOR_FORCE=1 turns colors on; NO_COLOR still wins', async () => {
    const forced = await runCli(['info', 'test.john'], { env: { ...env, NO_COLOR: undefined, CLICOLOR_FORCE: '1' } });
    expect(forced.stdout).toMatch(COLOR);
    const no = await runCli(['info', 'test.john'], { env: { ...env, NO_COLOR: '1', CLICOLOR_FORCE: '1' } });
    expect(no.stdout).not.toMatch(COLOR);
  });
});
