import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, spawnCli } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty, runProgramInPty } from '../helpers/pty.js';
import { useServer } from '../helpers/harness.js';

/**
 * The progress line as a person sees it on a terminal. The server holds the first user's answer
 * until the test releases it and answers the rest at once, so 11 of 12 lookups are done while none
 * can be printed yet. The line appears once the batch has run for a second (rcuser's real clock:
 * this is another process); how it is drawn against a fake clock is in test/unit/progress.test.ts
 * and test/batch/ordered.test.ts.
 */

let release: () => void = () => undefined;
/** A fresh hold on roxie's answer for each run; `release()` lets it through. */
const holdRoxie = (): Promise<void> => new Promise((r) => (release = r));
let roxie: Promise<void> = Promise.resolve();
const server = useServer({ hold: (req) => (req.url?.includes('username=roxie') ? roxie : undefined) });
let env: Record<string, string>;
let tmp: string;
const NAMES = ['roxie', ...Array.from({ length: 11 }, (_, i) => ['jane.doe', 'test.john', 'admin'][i % 3]!)];

beforeAll(() => {
  env = server.env('admin');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-progress-'));
  fs.writeFileSync(path.join(tmp, 'users.txt'), `${NAMES.join('\n')}\n`);
});
afterAll(() => {
  release();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** How many lookups the server has answered or holds. */
const asked = (): number => server.requests.filter((q) => q.path === '/api/v1/users.info').length;

describe.runIf(hasPython)(`progress on a terminal${PTY_SKIP}`, { timeout: 30_000 }, () => {
  it('counts a lookup when it is done, with the total, a bar and the time left when the size is known', async () => {
    roxie = holdRoxie();
    const s = runInPty(['info', ...NAMES, '--concurrency', '4'], env);
    await s.waitFor('11 of 12 looked up', 20_000);
    release();
    expect(await s.exit).toBe(0);
    const t = s.transcript();
    expect(t).toMatch(/█+░+ 11 of 12 looked up · \d+ s left/);
    expect(t).toContain('12 looked up: 12 found');
  });

  for (const [columns, shown] of [
    [40, '13/14 done · 2 missing'],
    [60, '13 of 14 looked up · 2 not found'],
  ] as const) {
    it(`at ${columns} columns the line fits: redrawn in place, never wrapped (issue 21 item 3)`, async () => {
      roxie = holdRoxie();
      const s = runInPty(['info', ...NAMES, 'ghost.one', 'ghost.two', '--concurrency', '4'], env, { columns });
      await s.waitFor(shown, 20_000);
      release();
      expect(await s.exit).toBe(3);
      const t = s.transcript();
      const start = t.indexOf('\r\u001b[2K');
      const end = t.lastIndexOf('\r\u001b[2K');
      // Every drawing of the line is narrower than the terminal, and none of them moved to a new line.
      const draws = t.slice(start, end).split('\r\u001b[2K').filter(Boolean);
      expect(draws.length).toBeGreaterThan(0);
      for (const d of draws) {
        expect(d).not.toContain('\n');
        expect([...d.replace(/\u001b\[[0-9;]*m/g, '')].length).toBeLessThan(columns);
      }
      expect(t).toContain('14 looked up: 12 found, 2 not found');
    });
  }

  it('stdin from a file: the size is known', async () => {
    roxie = holdRoxie();
    const s = runProgramInPty(
      ['/bin/sh', '-c', `cd "${tmp}" && exec "${process.execPath}" "${BIN}" info - --concurrency 4 < users.txt`],
      env,
    );
    await s.waitFor('of 12 looked up', 20_000);
    release();
    expect(await s.exit).toBe(0);
  });

  it('stdin from a pipe: the count alone', async () => {
    roxie = holdRoxie();
    const s = runProgramInPty(
      ['/bin/sh', '-c', `cd "${tmp}" && cat users.txt | "${process.execPath}" "${BIN}" info - --concurrency 4`],
      env,
    );
    await s.waitFor('11 looked up', 20_000);
    release();
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain(' of 12 looked up');
  });

  it('TERM=dumb: no progress line at all', async () => {
    roxie = holdRoxie();
    const before = asked();
    const s = runInPty(['info', ...NAMES, '--concurrency', '4'], { ...env, TERM: 'dumb' });
    // Held past the second after which a line would be drawn (the one real wait here: the CLI's own clock).
    while (asked() < before + NAMES.length) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 1_200));
    release();
    expect(await s.exit).toBe(0);
    const t = s.transcript();
    expect(t).toContain('12 looked up: 12 found');
    expect(t).not.toContain(' of 12 looked up');
    expect(t).not.toContain('\u001b[2K');
  });
});

describe('a batch that writes answers holds no more than --concurrency of them', () => {
  /** Ask for the 12 names with roxie held; true once `n` lookups reached the server. */
  const held = async (args: string[]) => {
    roxie = holdRoxie();
    const before = asked();
    const run = spawnCli(['info', ...NAMES, '--concurrency', '4', ...args], { env });
    const reached = async (n: number) => {
      while (asked() < before + n) await new Promise((r) => setTimeout(r, 10));
    };
    await reached(4);
    // Given the time to ask for more if it would (it used to ask for all 12 and hold 11 answers).
    await new Promise((r) => setTimeout(r, 500));
    const whileHeld = asked() - before;
    release();
    const r = await run.done;
    return { whileHeld, r, total: asked() - before };
  };

  it('--json: while the first answer is held, only 4 lookups are asked for; all 12 lines come, in order', async () => {
    const { whileHeld, r, total } = await held(['--json']);
    expect(whileHeld).toBe(4);
    expect(total).toBe(12);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { query: string }).query),
    ).toEqual(NAMES);
  });

  it('--csv as well; a table, whose rows are small, reads on ahead', async () => {
    expect((await held(['--csv', '--fields', 'username'])).whileHeld).toBe(4);
    expect((await held([])).whileHeld).toBe(12);
  });
});
