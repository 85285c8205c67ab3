/**
 * Catalog, third round: the pager of `list` and `search` on a real pseudo-terminal. A pager shares
 * the terminal (and its Ctrl-C) with rcuser; rcuser must never leave one behind, nor lose the table
 * to one that could not show it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty, runProgramInPty } from '../helpers/pty.js';
import { wildServer } from './wild.js';
import { credentials, useServer } from '../helpers/harness.js';

const server = useServer();
let tmp: string;
let env: Record<string, string>;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-pager-'));
  env = credentials(server, 'admin');
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A process that has exited (gone, or a zombie its parent has not reaped yet). */
function isGone(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return true;
  }
}

async function whenGone(pid: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!isGone(pid)) {
    if (Date.now() > until) throw new Error(`process ${pid} still running`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A pager that, like less, takes Ctrl-C itself; it reads the text, then stays a while before it quits. */
function slowPager(mark: string): string {
  const script = path.join(tmp, `pager-${path.basename(mark)}.sh`);
  fs.writeFileSync(script, `trap '' INT\ncat >/dev/null\necho PAGER-READY\nsleep 1\necho quit > '${mark}'\n`);
  return `sh '${script}'`;
}

describe.skipIf(!hasPython || process.platform !== 'linux')(`catalog: the pager${PTY_SKIP}`, () => {
  it('PG1 Ctrl-C while the pager shows the table: rcuser waits until the pager quits, then exits 130', async () => {
    const mark = path.join(tmp, 'pg1');
    const session = runInPty(['list', '--role', 'moderator'], { ...env, RCUSER_PAGER: slowPager(mark) });
    await session.waitFor('PAGER-READY');
    const pid = await session.pid;
    session.type('\x03');
    await whenGone(pid);
    // Had rcuser left at Ctrl-C, the pager would still be on the terminal, fighting the shell.
    expect(fs.existsSync(mark)).toBe(true);
    expect(await session.exit).toBe(130);
  }, 30_000);

  it('PG2 Ctrl-C twice in the pager: still waited for', async () => {
    const mark = path.join(tmp, 'pg2');
    const session = runInPty(['search', 'a'], { ...env, RCUSER_PAGER: slowPager(mark) });
    await session.waitFor('PAGER-READY');
    const pid = await session.pid;
    session.type('\x03');
    await new Promise((r) => setTimeout(r, 100));
    session.type('\x03');
    await whenGone(pid);
    expect(fs.existsSync(mark)).toBe(true);
    expect(await session.exit).toBe(130);
  }, 30_000);

  it('PG7 SIGTERM while the pager shows the table: the pager is stopped too, exit 143', async () => {
    const mark = path.join(tmp, 'pg7');
    const script = path.join(tmp, 'pager-pg7.sh');
    fs.writeFileSync(script, `cat >/dev/null\necho PAGER-READY\nsleep 1\necho quit > '${mark}'\n`);
    // Under a shell, as at a terminal: rcuser is not the session leader, so its exit hangs nobody up.
    // A plain command line (no quotes or pipes), as PAGER usually is.
    const shell = `${process.execPath} ${BIN} list --role moderator & echo RCPID=$!; wait $!; echo RC=$?; sleep 2`;
    const session = runProgramInPty(['/bin/bash', '-c', shell], { ...env, RCUSER_PAGER: `sh ${script}` });
    await session.waitFor('PAGER-READY');
    const pid = Number(/RCPID=(\d+)/.exec(session.transcript())![1]);
    process.kill(pid, 'SIGTERM');
    await session.waitFor('RC=143');
    await new Promise((r) => setTimeout(r, 1500));
    // A pager left behind would have gone on (and kept the terminal from the shell).
    expect(fs.existsSync(mark)).toBe(false);
    await session.exit;
  }, 30_000);

  it('PG3 a pager that cannot run (not executable: 126) or fails before reading: the table is printed, and why', async () => {
    const notExec = path.join(tmp, 'not-executable');
    fs.writeFileSync(notExec, 'echo hi\n', { mode: 0o644 });
    for (const pager of [notExec, 'sh -c "exit 3"', 'no-such-pager-xyz']) {
      const session = runInPty(['list', '--role', 'moderator'], { ...env, RCUSER_PAGER: pager });
      expect(await session.exit).toBe(0);
      expect(session.transcript()).toMatch(/\d+ users/);
      expect(session.transcript()).toContain('rcuser: the pager');
    }
  }, 30_000);

  it('PG8 a pager that ends without reading (true, exit 0; killed first): the table is printed, and why', async () => {
    for (const [pager, why] of [
      ['true', 'ended (exit 0) without reading the table'],
      ['kill -KILL $$', 'ended (SIGKILL) without reading the table'],
    ]) {
      const session = runInPty(['list', '--role', 'moderator'], { ...env, RCUSER_PAGER: pager! });
      expect(await session.exit).toBe(0);
      expect(session.transcript()).toMatch(/\d+ users/);
      expect(session.transcript()).toContain(`rcuser: the pager \`${pager}\` ${why}; printing instead`);
    }
  }, 30_000);

  it('PG9 a pager that shows the table, then exits non-zero (cat; exit 1): the table once, no message', async () => {
    const session = runInPty(['list', '--role', 'moderator'], { ...env, RCUSER_PAGER: 'cat; exit 1' });
    expect(await session.exit).toBe(0);
    const t = session.transcript();
    expect(t.match(/\d+ users/g)).toHaveLength(1);
    expect(t.split('\n').filter((l) => l.startsWith('┌')).length).toBe(1);
    expect(t).not.toContain('rcuser:');
  }, 30_000);

  it('PG4 a pager that quits at once (EPIPE on a long table): exit 0, no message', async () => {
    const session = runInPty(['list'], { ...env, RCUSER_PAGER: 'head -n 3' });
    expect(await session.exit).toBe(0);
    expect(session.transcript()).not.toMatch(/rcuser:|EPIPE/);
    expect(
      session
        .transcript()
        .split('\n')
        .filter((l) => l.startsWith('│')).length,
    ).toBeLessThanOrEqual(2);
  }, 30_000);

  it('PG5 RCUSER_PAGER with arguments and quotes runs through the shell', async () => {
    const session = runInPty(['list', '--role', 'moderator'], { ...env, RCUSER_PAGER: `sed -e 's/^/[p] /'` });
    expect(await session.exit).toBe(0);
    expect(session.transcript()).toMatch(/\[p\] \d+ users/);
  }, 30_000);

  it('PG6 not a terminal: no pager at all', async () => {
    const r = await runCli(['list', '--role', 'moderator'], { env: { ...env, RCUSER_PAGER: `sed -e 's/^/[p] /'` } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('[p]');
  });
});

describe.skipIf(!hasPython)(`catalog: Ctrl-C during a long list on a terminal${PTY_SKIP}`, () => {
  for (const args of [['list'], ['list', '--json'], ['search', 'wild']]) {
    it(`LI1 rcuser ${args.join(' ')}: the progress line is erased, then how far it got, exit 130`, async () => {
      const url = await wildServer('slow-list');
      // --json to a file would keep the progress line; to the terminal it has none, so stdout goes to /dev/null.
      const session = args.includes('--json')
        ? runProgramInPty(
            ['/bin/bash', '-c', `exec ${process.execPath} ${BIN} ${args.join(' ')} >/dev/null`],
            credentials(url, { userId: 'u1', token: 'wild-token' }),
          )
        : runInPty(args, credentials(url, { userId: 'u1', token: 'wild-token' }));
      await session.waitFor(' of 3,000 users');
      session.type('\x03');
      expect(await session.exit).toBe(130);
      const t = session.transcript();
      // The last thing on the screen: the erased progress line, then one sentence on a line of its own.
      expect(t).toMatch(/\r\x1b\[2K(?:\^C)?rcuser: interrupted after [\d,]+ of 3,000 users(?: matching "wild")?\r?\n$/);
      expect(t).not.toContain('│');
    }, 30_000);
  }
});
