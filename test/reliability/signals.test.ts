/**
 * Catalog, second round: a signal while stdout is a slow pipe. The CLI is stopped with a real
 * SIGINT / SIGTERM while its pipe is full and a 20 KB NDJSON line is half written; whatever the
 * reader then gets must be whole lines.
 */
import { describe, expect, it } from 'vitest';
import { notOnWindows, onWindows } from '../helpers/platform.js';
import { startServer } from './servers.js';
import { credentials, spawnCli } from '../helpers/harness.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function interrupted(signal: 'SIGINT' | 'SIGTERM') {
  const s = await startServer();
  // Every line about 20 KB: a 64 KiB pipe holds three and a part of the fourth.
  s.addUser({
    _id: 'big1',
    username: 'big',
    name: 'Big',
    type: 'user',
    active: true,
    roles: ['user'],
    bio: 'é'.repeat(10_000),
  });
  const admin = s.login('admin');
  const run = spawnCli(['info', '-', '--json'], {
    env: credentials(s, admin),
    stdin: 'big\n'.repeat(500),
    stdout: 'manual',
    timeoutMs: 60_000,
  });
  const child = run.child;
  // Nobody reads yet: the pipe fills and rcuser waits in the middle of a line.
  child.stdout!.pause();
  await sleep(1500);
  child.kill(signal);
  // Now a slow reader: a chunk at a time.
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout!) {
    chunks.push(chunk as Buffer);
    await sleep(2);
  }
  const { code, stderr } = await run.done;
  return { code, killedBy: run.signal(), stdout: Buffer.concat(chunks).toString('utf8'), stderr };
}

describe.skipIf(onWindows)(
  `catalog: signals${notOnWindows('POSIX signals: Node on Windows cannot send SIGINT, and SIGTERM kills at once')}`,
  () => {
    for (const [signal, exitCode] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      it(`G1 ${signal} during a batch into a slow pipe: every line the reader gets is whole JSON, exit ${exitCode}`, async () => {
        const r = await interrupted(signal);
        expect(r.killedBy).toBeNull();
        expect(r.code).toBe(exitCode);
        expect(r.stdout.endsWith('\n')).toBe(true);
        const lines = r.stdout.slice(0, -1).split('\n');
        expect(lines.length).toBeGreaterThanOrEqual(3);
        // It stopped: far fewer lines than were asked for.
        expect(lines.length).toBeLessThan(500);
        for (const line of lines) expect(JSON.parse(line).user.username).toBe('big');
        expect(r.stderr).not.toMatch(/\bat .+:\d+/);
      }, 30_000);
    }
  },
);
