import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/index.js';
import { BIN } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty, runProgramInPty } from '../helpers/pty.js';

/**
 * The progress line as a person sees it on a terminal. The first user takes 2.5 s to answer and the
 * rest answer at once, so after a second 11 of 12 lookups are done while none can be printed yet.
 */

let server: FakeServer;
let env: Record<string, string>;
let tmp: string;
const NAMES = ['roxie', ...Array.from({ length: 11 }, (_, i) => ['jane.doe', 'test.john', 'admin'][i % 3]!)];

beforeAll(async () => {
  server = await startFakeServer({ delay: (req) => (req.url?.includes('username=roxie') ? 2500 : 0) });
  const { userId, authToken } = server.login('admin');
  env = { RCUSER_SERVER: server.url, RCUSER_USER_ID: userId, RCUSER_TOKEN: authToken };
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-progress-'));
  fs.writeFileSync(path.join(tmp, 'users.txt'), NAMES.join('\n') + '\n');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.runIf(hasPython)(`progress on a terminal${PTY_SKIP}`, { timeout: 20_000 }, () => {
  it('counts a lookup when it is done, with the total, a bar and the time left when the size is known', async () => {
    const s = runInPty(['info', ...NAMES, '--concurrency', '4'], env);
    await s.waitFor('11 of 12 looked up');
    expect(await s.exit).toBe(0);
    const t = s.transcript();
    expect(t).toMatch(/█+░+ 11 of 12 looked up · \d+ s left/);
    expect(t).toContain('12 looked up: 12 found');
  });

  it('stdin from a file: the size is known', async () => {
    const s = runProgramInPty(['/bin/sh', '-c', `cd "${tmp}" && exec "${process.execPath}" "${BIN}" info - --concurrency 4 < users.txt`], env);
    await s.waitFor('of 12 looked up');
    expect(await s.exit).toBe(0);
  });

  it('stdin from a pipe: the count alone', async () => {
    const s = runProgramInPty(['/bin/sh', '-c', `cd "${tmp}" && cat users.txt | "${process.execPath}" "${BIN}" info - --concurrency 4`], env);
    await s.waitFor('11 looked up');
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain(' of 12 looked up');
  });

  it('TERM=dumb: no progress line at all', async () => {
    const s = runInPty(['info', ...NAMES, '--concurrency', '4'], { ...env, TERM: 'dumb' });
    expect(await s.exit).toBe(0);
    const t = s.transcript();
    expect(t).toContain('12 looked up: 12 found');
    expect(t).not.toContain(' of 12 looked up');
    expect(t).not.toContain('\u001b[2K');
  });
});
