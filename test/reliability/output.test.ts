/**
 * Catalog, second round: stdout and stderr that fail. /dev/full and a full tmpfs for real, a
 * kernel out of buffers (ENOBUFS, which no file can be made to return on demand) through the
 * writer with an injected write call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/iostreams/stdout-writer.js';
import type { CliResult } from '../helpers/cli.js';
import { expectClean, startServer } from './servers.js';
import { tinyTmpfs, tmpfsSkip } from './tmpfs.js';
import { credentials, spawnCli } from '../helpers/harness.js';

/** The CLI with stdout (and optionally stderr) connected to the given file descriptors. */
function runTo(
  args: string[],
  env: Record<string, string>,
  fds: { stdout?: number; stderr?: number | 'closed-pipe' },
  stdin = '',
): Promise<CliResult> {
  const closedPipe = fds.stderr === 'closed-pipe';
  const run = spawnCli(args, {
    env,
    stdin,
    stdout: fds.stdout,
    stderr: closedPipe ? 'manual' : (fds.stderr as number | undefined),
  });
  // A reader that has gone before anything is written: every write to stderr fails with EPIPE.
  if (closedPipe) run.child.stderr!.destroy();
  return run.done;
}

async function adminEnv() {
  const s = await startServer();
  const admin = s.login('admin');
  return { s, admin, env: credentials(s, admin) };
}

describe('catalog: stdout that cannot be written', () => {
  it.skipIf(!fs.existsSync('/dev/full'))(
    'W1 stdout is /dev/full: one sentence, exit 1, no stack trace (Linux)',
    async () => {
      const { admin, env } = await adminEnv();
      const full = fs.openSync('/dev/full', 'w');
      try {
        const r = await runTo(['info', 'test.john', '--json'], env, { stdout: full });
        expectClean(r, [admin.authToken]);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe('rcuser: cannot write the output: no space left on device\n');
      } finally {
        fs.closeSync(full);
      }
    },
  );

  it.skipIf(tmpfsSkip)(
    `W2 a disk that fills up during a batch: one sentence, exit 1 (${tmpfsSkip ?? 'tiny tmpfs'})`,
    async () => {
      const { admin, env } = await adminEnv();
      const dir = tinyTmpfs(16);
      const file = path.join(dir, 'out.ndjson');
      const fd = fs.openSync(file, 'w');
      try {
        const r = await runTo(['info', '-', '--json'], env, { stdout: fd }, 'test.john\n'.repeat(400));
        expectClean(r, [admin.authToken]);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe('rcuser: cannot write the output: no space left on device\n');
        // What did fit is there, line after line.
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        expect(lines.length).toBeGreaterThan(3);
        expect(JSON.parse(lines[0]!).user.username).toBe('test.john');
      } finally {
        fs.closeSync(fd);
      }
    },
  );

  it('W3 ENOBUFS and EAGAIN are waited out and the same bytes written again: no line lost', async () => {
    const written: string[] = [];
    const failures = ['ENOBUFS', 'ENOBUFS', 'EAGAIN'];
    const out = new Output({
      fd: 1,
      writeSync: (_fd, data) => {
        const code = failures.shift();
        if (code) throw Object.assign(new Error(code), { code });
        // A short write: the kernel took half of it.
        const n = Math.max(1, Math.floor(data.length / 2));
        written.push(data.subarray(0, n).toString());
        return n;
      },
      onReaderGone: () => expect.unreachable('not a broken pipe'),
      retryDelayMs: () => 1,
    });
    const lines = ['{"query":"a"}\n', '{"query":"b"}\n', '{"query":"c"}\n'];
    for (const l of lines) out.write(l);
    await out.flush();
    expect(written.join('')).toBe(lines.join(''));
  });

  it('W4 a write error after a wait is reported by the next write and by flush', async () => {
    let calls = 0;
    const out = new Output({
      fd: 1,
      writeSync: () => {
        calls++;
        throw Object.assign(new Error('x'), { code: calls === 1 ? 'EAGAIN' : 'EIO' });
      },
      onReaderGone: () => undefined,
      retryDelayMs: () => 1,
    });
    out.write('line\n');
    await expect(out.flush()).rejects.toThrow('cannot write the output: input/output error');
    expect(() => out.write('more\n')).toThrow('cannot write the output: input/output error');
  });

  it('W5 with stderr a broken pipe, `info nobody` still exits 3', async () => {
    const { env } = await adminEnv();
    const r = await runTo(['info', 'nobody-at-all'], env, { stderr: 'closed-pipe' });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });
});
