/**
 * `rcuser list --idle 90d` against a full `rcuser list`, on a test server holding 20,000 more users
 * of whom 1 in 100 has not logged in for months or years (the rest logged in this month). Counted:
 * the users.listByStatus requests each sends (from the server's request log) and wall time. Target:
 * the idle listing asks for the pages holding the idle users plus at most one more (the one with
 * the first user past the cutoff), never the whole list.
 *
 * For test/bench/bench.ts to call (bundled with it):
 *   const row = await benchIdle();  console.log(row.line);
 */
import path from 'node:path';
import { startFakeServer, type FakeServer } from '../fake-server/index.js';
import { spawnCli } from '../helpers/cli.js';

const DAY_MS = 86_400_000;

export interface IdleBenchResult {
  users: number;
  idle: number;
  /** users.listByStatus requests of the full list and of the idle one. */
  fullRequests: number;
  idleRequests: number;
  fullMs: number;
  idleMs: number;
  /** The idle listing asked for no page past the one holding the cutoff. */
  met: boolean;
  line: string;
}

/** The built CLI as the tests spawn it (test/helpers/cli.ts: not harness.ts, which needs vitest's hooks). */
async function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; code: number | null; lines: number; stderr: string }> {
  const started = performance.now();
  const { code, stdout, stderr } = await spawnCli(args, { env, timeoutMs: 300_000 }).done;
  const ms = performance.now() - started;
  return { ms, code, lines: stdout.split('\n').filter(Boolean).length, stderr };
}

const listByStatus = (s: FakeServer, from: number): number =>
  s.requests.slice(from).filter((r) => r.path === '/api/v1/users.listByStatus').length;

export async function benchIdle(opts: { users?: number } = {}): Promise<IdleBenchResult> {
  const extra = opts.users ?? 20_000;
  const server = await startFakeServer();
  try {
    const now = Date.now();
    for (let i = 0; i < extra; i++) {
      // 1 in 100 idle, their last logins spread from 2016 to about 120 days ago; the rest this month.
      const login = i % 100 === 0 ? Date.UTC(2016, 0, 1) + ((i / 100) % 3000) * DAY_MS : now - (i % 30) * DAY_MS;
      server.addUser({
        _id: `idleBench${String(i).padStart(8, '0')}`,
        username: `idle.bench${i}`,
        type: 'user',
        status: 'offline',
        active: true,
        roles: ['user'],
        name: `Idle Bench ${i}`,
        lastLogin: new Date(login).toISOString(),
      });
    }
    const { userId, authToken } = server.login('admin');
    const env = {
      RCUSER_SERVER: server.url,
      RCUSER_USER_ID: userId,
      RCUSER_TOKEN: authToken,
      RCUSER_CONFIG_DIR: '/nonexistent/rcuser-bench',
    };
    let mark = server.requests.length;
    const full = await run(['list', '--json'], env);
    const fullRequests = listByStatus(server, mark);
    mark = server.requests.length;
    const idle = await run(['list', '--idle', '90d', '--json'], env);
    const idleRequests = listByStatus(server, mark);
    for (const [who, r] of [
      ['list', full],
      ['list --idle', idle],
    ] as const) {
      if (r.code !== 0) throw new Error(`bench idle: rcuser ${who} exited ${r.code}: ${r.stderr}`);
    }
    // Pages of 100 up to and including the one where the cutoff falls.
    const met = idleRequests <= Math.floor(idle.lines / 100) + 1;
    const line =
      `| \`rcuser list --idle 90d\`: ${idle.lines.toLocaleString('en-US')} idle of ${full.lines.toLocaleString('en-US')} users | ≤ ⌊idle/100⌋ + 1 requests | ` +
      `${idleRequests} requests, ${Math.round(idle.ms)} ms; full \`rcuser list\`: ${fullRequests} requests, ${Math.round(full.ms)} ms ${met ? 'met' : '**missed**'} |`;
    return {
      users: full.lines,
      idle: idle.lines,
      fullRequests,
      idleRequests,
      fullMs: full.ms,
      idleMs: idle.ms,
      met,
      line,
    };
  } finally {
    await server.close();
  }
}

// Run on its own: `node dist/bench/idle.js` after bundling like bench.ts. By the entry's file name:
// inside bench.js's bundle import.meta.url is bench.js too, and the run was made twice.
if (process.argv[1] && /^idle\.[cm]?[jt]s$/.test(path.basename(process.argv[1]))) {
  console.log((await benchIdle()).line);
}
