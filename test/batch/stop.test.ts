import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeServer } from '../fake-server/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { notOnWindows, onWindows } from '../helpers/platform.js';
import { refusedPort } from '../reliability/servers.js';
import { credentials, spawnCli, startServer } from '../helpers/harness.js';

/** A batch that cannot or should not go on: Ctrl-C, a dead server, a URL that is not Rocket.Chat's. */

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-stop-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let server: FakeServer | undefined;

/** Run rcuser with stdin from a file (its size is known), or from a pipe; optionally Ctrl-C it once `when` holds. */
function run(
  args: string[],
  env: Record<string, string>,
  opts: {
    stdinFile?: string;
    stdin?: string;
    interruptWhen?: (stderr: string, stdout: string) => boolean;
    afterMs?: number;
  } = {},
): Promise<CliResult> {
  const { child, done } = spawnCli(args, { env, stdinFile: opts.stdinFile, stdin: opts.stdin, timeoutMs: 30_000 });
  if (opts.afterMs !== undefined) {
    // Ctrl-C once the batch is under way (a few lookups answered), however slowly the process started.
    const poll = setInterval(() => {
      const asked = server?.requests.filter((q) => q.path === '/api/v1/users.info').length ?? 0;
      if (asked >= 4) {
        clearInterval(poll);
        setTimeout(() => child.kill('SIGINT'), opts.afterMs);
      }
    }, 20);
    child.on('close', () => clearInterval(poll));
  }
  return done;
}

describe.skipIf(onWindows)(
  `Ctrl-C in a table batch${notOnWindows('POSIX signals: Node on Windows cannot send SIGINT, and SIGTERM kills at once')}`,
  () => {
    it('prints the rows done so far, in order, then "interrupted after N of M", exit 130', async () => {
      // Each lookup takes 100 ms, two at a time: 40 users take 2 s; Ctrl-C comes 0.3 s after the fourth request.
      server = await startServer({ delay: (req) => (req.url?.startsWith('/api/v1/users.info') ? 100 : 0) });
      const names = Array.from({ length: 40 }, (_, i) => ['jane.doe', 'roxie', 'test.john', 'admin'][i % 4]!);
      const r = await run(['info', ...names, '--concurrency', '2'], credentials(server, 'admin'), { afterMs: 300 });
      expect(r.code).toBe(130);
      const m = /^rcuser: interrupted after (\d+) of 40\n$/.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      const n = Number(m![1]);
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(40);
      // The table holds exactly the first n rows, in input order.
      const queries = r.stdout
        .split('\n')
        .filter((l) => l.startsWith('│ ') && !l.startsWith('│ Query'))
        .map((l) => l.split('│')[1]!.trim());
      expect(queries).toEqual(names.slice(0, n));
      expect(r.stdout).toContain(`${n} looked up: ${n} found`);
    });

    it('with stdin from a file: "of M" counts its identifiers', async () => {
      server = await startServer({ delay: (req) => (req.url?.startsWith('/api/v1/users.info') ? 100 : 0) });
      const file = path.join(tmp, 'users.txt');
      fs.writeFileSync(file, `${['# a comment', '', ...Array.from({ length: 30 }, () => 'jane.doe')].join('\n')}\n`);
      const r = await run(['info', '-', '--concurrency', '2'], credentials(server, 'admin'), {
        stdinFile: file,
        afterMs: 300,
      });
      expect(r.code).toBe(130);
      expect(r.stderr).toMatch(/^rcuser: interrupted after \d+ of 30\n$/);
    });
  },
);

describe('a batch against a server every line would fail on', () => {
  it('connection refused: one message and how many lines were not looked up, instead of 3,000 errors', async () => {
    const port = await refusedPort();
    const file = path.join(tmp, 'many.txt');
    fs.writeFileSync(file, `${Array.from({ length: 3000 }, (_, i) => `user.${i}`).join('\n')}\n`);
    const env = credentials(`http://127.0.0.1:${port}`, { userId: 'u', token: 't' });
    const r = await run(['info', '-', '--json'], env, { stdinFile: file });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `rcuser: could not connect to http://127.0.0.1:${port}: connection refused\n  check the server URL and that the server is running\n  note: the batch stopped: 3,000 of 3,000 lines were not looked up\n`,
    });
    const table = await run(['info', 'a', 'b', 'c'], env);
    expect(table.stderr).toBe(
      `rcuser: could not connect to http://127.0.0.1:${port}: connection refused\n  check the server URL and that the server is running\n  note: the batch stopped: 3 of 3 lines were not looked up\n`,
    );
    const piped = await run(['info', '-', '--json'], env, { stdin: 'a\nb\n' });
    expect(piped.stderr).toContain(
      '  note: the batch stopped after 0 lines; the rest of the input was not looked up\n',
    );
  });

  it('a web page where the API should be (HTTP 200, text/html): stops at once', async () => {
    server = await startServer({
      route: (req, res) =>
        req.url?.startsWith('/api/v1/users.info')
          ? (res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hello</html>'), true)
          : false,
    });
    const r = await runCli(['info', 'a', 'b', 'c', 'd', '--json'], { env: credentials(server, 'admin') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('rcuser: '))).toHaveLength(1);
    expect(r.stderr).toContain('HTTP 200 with text/html');
    expect(r.stderr).toContain('note: the batch stopped: 4 of 4 lines were not looked up');
    expect(server.requests.filter((q) => q.path === '/api/v1/users.info').length).toBeLessThanOrEqual(4);
  });
});
