/**
 * `rcuser list --json` over a few thousand users against a bare undici paging loop doing the same
 * job (GET users.listByStatus 100 at a time until `total`, 4 pages in flight, one JSON line per
 * user to stdout). Both
 * sides are new Node processes, so start-up is paid on both; runs are interleaved so a busy machine
 * slows both alike. Target: rcuser's throughput ≥ 0.8× the bare loop's (bareMs / rcuserMs ≥ 0.8).
 *
 * For test/bench/bench.ts to call (bundled with it, so it runs on Node 20):
 *   const row = await benchList({ users: 5_000, runs: RUNS });  console.log(row.line);
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeServer } from '../fake-server/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/rcuser.js');

/**
 * The floor: what any client must do for this job, with undici and nothing else: the first page for
 * the total, then the other pages 4 at a time (as rcuser fetches them), printed in order.
 */
const BARE_LOOP = `
import { Agent, request } from 'undici';
const [server, userId, token] = process.argv.slice(2);
const dispatcher = new Agent({ connections: 4 });
const headers = { 'x-user-id': userId, 'x-auth-token': token, accept: 'application/json' };
const get = async (offset) => {
  const res = await request(server + '/api/v1/users.listByStatus?count=100&offset=' + offset, { headers, dispatcher });
  if (res.statusCode !== 200) throw new Error('HTTP ' + res.statusCode);
  return res.body.json();
};
const write = (users) => process.stdout.write(users.map((u) => JSON.stringify(u) + '\\n').join(''));
const first = await get(0);
write(first.users);
const offsets = [];
for (let o = first.users.length; first.users.length > 0 && o < first.total; o += first.users.length) offsets.push(o);
const done = new Map();
let next = 0;
let emitted = 0;
const worker = async () => {
  while (next < offsets.length) {
    const i = next++;
    done.set(i, (await get(offsets[i])).users);
    while (done.has(emitted)) {
      write(done.get(emitted));
      done.delete(emitted++);
    }
  }
};
await Promise.all([worker(), worker(), worker(), worker()]);
await dispatcher.destroy();
`;

export interface ListBenchResult {
  users: number;
  runs: number;
  /** Medians of wall-clock time, spawn to exit. */
  rcuserMs: number;
  bareMs: number;
  /** bareMs / rcuserMs: rcuser's throughput relative to the bare loop (target ≥ 0.8). */
  ratio: number;
  /** A table row for the bench's report. */
  line: string;
}

function timeRun(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; code: number | null; lines: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, lines, stderr }));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Start a test server holding `users` more users, time both sides `runs` times each, close it. */
export async function benchList(opts: { users?: number; runs?: number } = {}): Promise<ListBenchResult> {
  const extra = opts.users ?? 5_000;
  const runs = opts.runs ?? 9;
  const server = await startFakeServer();
  try {
    for (let i = 0; i < extra; i++) {
      const id = `bench${String(i).padStart(12, '0')}`;
      server.addUser({
        _id: id,
        createdAt: '2024-01-01T00:00:00.000Z',
        username: `bench.user${i}`,
        emails: [{ address: `bench.user${i}@example.org`, verified: true }],
        type: 'user',
        status: 'offline',
        active: i % 9 !== 0,
        roles: ['user'],
        name: `Bench User ${i}`,
        lastLogin: '2024-06-01T12:00:00.000Z',
      });
    }
    const { userId, authToken } = server.login('admin');
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      RCUSER_SERVER: server.url,
      RCUSER_USER_ID: userId,
      RCUSER_TOKEN: authToken,
      RCUSER_CONFIG_DIR: '/nonexistent/rcuser-bench',
    };
    // Written beside the bundle, so `import 'undici'` resolves from the project's node_modules.
    const dir = path.join(ROOT, 'dist/bench');
    fs.mkdirSync(dir, { recursive: true });
    const bareScript = path.join(dir, 'bare-list.mjs');
    fs.writeFileSync(bareScript, BARE_LOOP);
    const rcuser = () => timeRun([BIN, 'list', '--json'], env);
    const bare = () => timeRun([bareScript, server.url, userId, authToken], env);

    const expected = (await rcuser()).lines;
    const check = (r: { code: number | null; lines: number; stderr: string }, who: string) => {
      if (r.code !== 0 || r.lines !== expected)
        throw new Error(
          `bench list: ${who} exited ${r.code} with ${r.lines} lines (expected ${expected}): ${r.stderr}`,
        );
    };
    check(await bare(), 'the bare loop');
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      const ra = await rcuser();
      check(ra, 'rcuser');
      a.push(ra.ms);
      const rb = await bare();
      check(rb, 'the bare loop');
      b.push(rb.ms);
    }
    const rcuserMs = median(a);
    const bareMs = median(b);
    const ratio = bareMs / rcuserMs;
    const line = `| \`rcuser list --json\` of ${expected.toLocaleString('en-US')} users / bare undici paging loop (throughput) | ≥ 0.8× | ${ratio.toFixed(2)}× (${Math.round(rcuserMs)} ms / ${Math.round(bareMs)} ms) |`;
    return { users: expected, runs, rcuserMs, bareMs, ratio, line };
  } finally {
    await server.close();
  }
}

// Run on its own: `node dist/bench/list.js` after bundling like bench.ts. By the entry's file name:
// inside bench.js's bundle import.meta.url is bench.js too, and the run was made twice.
if (process.argv[1] && /^list\.[cm]?[jt]s$/.test(path.basename(process.argv[1]))) {
  const r = await benchList({ runs: Number(process.env.BENCH_RUNS) || 9 });
  console.log(r.line);
}
