/**
 * `npm run bench`: rcuser side by side with the floor for each job, in one run, on this machine.
 * Not a test (nothing here fails CI); bundled to dist/bench/bench.js because Node 20 cannot run .ts.
 *
 *   npm run bench                 all measurements (about two minutes)
 *   BENCH_RUNS=30 npm run bench   more runs per measurement (default 15 for the short ones)
 *
 * The test server runs in this process, so children are always spawned asynchronously (a sync spawn
 * would stop the server). Pairs are interleaved run by run, so a busy machine slows both sides alike.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeServer, type FakeServer } from '../fake-server/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/rcuser.js');
const WORK = path.join(ROOT, 'dist/bench');
const RUNS = Number(process.env.BENCH_RUNS) || 15;
const BATCH = 2_000;
const BIG_BATCH = 20_000;
const SHELL_SAMPLE = 50;

interface Run {
  ms: number;
  code: number | null;
  stdoutBytes: number;
  stderr: string;
}

/** Spawn and time one command (wall clock, spawn to exit), stdout counted and dropped. */
function time(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdoutBytes += d.length));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdoutBytes, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}

interface Stats {
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))]!;
  return { median: q(0.5), min: s[0]!, max: s[s.length - 1]!, p25: q(0.25), p75: q(0.75) };
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtStats = (s: Stats) => `${fmtMs(s.median)} (IQR ${fmtMs(s.p25)}–${fmtMs(s.p75)}, min ${fmtMs(s.min)})`;

/** Run `a` and `b` alternately `n` times after one warm-up each; fail loudly if a run fails. */
async function pair(n: number, a: () => Promise<Run>, b: () => Promise<Run>, check: (r: Run, which: 'a' | 'b') => void): Promise<[Stats, Stats, number[]]> {
  check(await a(), 'a');
  check(await b(), 'b');
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    const ra = await a();
    const rb = await b();
    check(ra, 'a');
    check(rb, 'b');
    as.push(ra.ms);
    bs.push(rb.ms);
  }
  // Ratio per run (a_i / b_i): its spread says how much of the difference is noise.
  return [stats(as), stats(bs), as.map((x, i) => x / bs[i]!)];
}

const results: string[] = [];
function report(name: string, detail: string[], ratio: string, target: string, ok: boolean): void {
  const line = [`${ok ? 'ok  ' : 'MISS'} ${name}: ${ratio} (target ${target})`, ...detail.map((d) => `       ${d}`)].join('\n');
  console.log(line + '\n');
  results.push(`${ok ? 'ok  ' : 'MISS'} ${name}: ${ratio} (target ${target})`);
}

function expectOk(label: string) {
  return (r: Run, which: 'a' | 'b') => {
    if (r.code !== 0) throw new Error(`${label} (${which}) exited ${r.code}: ${r.stderr.slice(0, 500)}`);
  };
}

/** The floors: what any Node CLI doing the same job costs at least. */
function writeBaselines(): { bareHttp: string; bareUndici: string; undiciOne: string; rssProbe: string } {
  fs.mkdirSync(WORK, { recursive: true });
  const bareHttp = path.join(WORK, 'bare-http.mjs');
  fs.writeFileSync(
    bareHttp,
    `import http from 'node:http';
const { RCUSER_USER_ID: id, RCUSER_TOKEN: token } = process.env;
http.get(process.argv[2], { headers: { 'x-user-id': id, 'x-auth-token': token } }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (body += d));
  res.on('end', () => process.stdout.write(body + '\\n'));
});
`,
  );
  const bareUndici = path.join(WORK, 'bare-undici.mjs');
  const undiciUrl = pathToFileURL(path.join(ROOT, 'node_modules/undici/index.js')).href;
  fs.writeFileSync(
    bareUndici,
    `import { Agent, request } from ${JSON.stringify(undiciUrl)};
import { createInterface } from 'node:readline';
const [server, concurrency] = [process.argv[2], Number(process.argv[3])];
const headers = { 'x-user-id': process.env.RCUSER_USER_ID, 'x-auth-token': process.env.RCUSER_TOKEN };
const names = [];
for await (const line of createInterface({ input: process.stdin })) if (line) names.push(line);
const dispatcher = new Agent({ connections: concurrency });
const out = new Array(names.length);
let next = 0;
let printed = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < names.length) {
    const i = next++;
    const res = await request(server + '/api/v1/users.info?username=' + encodeURIComponent(names[i]), { dispatcher, headers });
    out[i] = await res.body.text();
    while (printed < names.length && out[printed] !== undefined) { process.stdout.write(out[printed] + '\\n'); out[printed++] = null; }
  }
}));
await dispatcher.destroy();
`,
  );
  // Not a target: one GET with the undici pieces rcuser loads, to show how much of the single-lookup
  // time is the HTTP client's own start-up (and so out of reach of anything above it).
  const undiciOne = path.join(WORK, 'undici-one.mjs');
  const piece = (p: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/undici/lib', p)).href);
  fs.writeFileSync(
    undiciOne,
    `import { setFlagsFromString } from 'node:v8';
import Agent from ${piece('dispatcher/agent.js')};
import request from ${piece('api/api-request.js')};
setFlagsFromString('--liftoff-only');
const url = new URL(process.argv[2]);
const dispatcher = new Agent({ connections: 8 });
const headers = { 'x-user-id': process.env.RCUSER_USER_ID, 'x-auth-token': process.env.RCUSER_TOKEN };
const res = await request.call(dispatcher, { origin: url.origin, path: url.pathname + url.search, method: 'GET', headers });
process.stdout.write((await res.body.text()) + '\\n');
await dispatcher.destroy();
`,
  );
  // Where /usr/bin/time is missing: a preload that reports the process's peak RSS on fd 3.
  const rssProbe = path.join(WORK, 'rss-probe.mjs');
  fs.writeFileSync(rssProbe, `import fs from 'node:fs';\nprocess.on('exit', () => { try { fs.writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n`);
  return { bareHttp, bareUndici, undiciOne, rssProbe };
}

/** Peak RSS of one run in MiB: /usr/bin/time -v if present, else the child's own resourceUsage(). */
async function peakRss(args: string[], env: NodeJS.ProcessEnv, stdin: string, probe: string): Promise<number> {
  const gnuTime = '/usr/bin/time';
  if (fs.existsSync(gnuTime)) {
    const r = await time(gnuTime, ['-v', process.execPath, BIN, ...args], { env, stdin });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (r.code !== 0 && r.code !== 3) throw new Error(`rss run exited ${r.code}: ${r.stderr.slice(0, 300)}`);
    if (m) return Number(m[1]) / 1024;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(probe).href, BIN, ...args], { env, stdio: ['pipe', 'ignore', 'ignore', 'pipe'] });
    let kb = '';
    child.stdio[3]!.on('data', (d: Buffer) => (kb += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(Number(kb) / 1024));
    child.stdin!.end(stdin);
  });
}

async function main(): Promise<void> {
  const { bareHttp, bareUndici, undiciOne, rssProbe } = writeBaselines();
  const started = performance.now();
  const server: FakeServer = await startFakeServer();
  for (let i = 0; i < BIG_BATCH; i++) {
    server.addUser({ _id: `BenchUser${String(i).padStart(8, '0')}`, createdAt: '2024-01-15T09:30:00.000Z', username: `bench.${i}`, emails: [{ address: `bench.${i}@example.com`, verified: true }], type: 'user', status: 'offline', active: true, roles: ['user'], name: `Bench User ${i}`, utcOffset: 0 });
  }
  // An admin token: the bench measures rcuser, not the rate limiter (admins bypass it).
  const { userId, token } = server.createPersonalAccessToken('admin');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', RCUSER_SERVER: server.url, RCUSER_USER_ID: userId, RCUSER_TOKEN: token, RCUSER_CONFIG_DIR: path.join(os.tmpdir(), 'rcuser-bench-none') };
  const names = (n: number) => Array.from({ length: n }, (_, i) => `bench.${i}`).join('\n') + '\n';
  const load = os.loadavg()[0]!.toFixed(2);
  console.log(`rcuser bench: node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs, load ${load}, ${RUNS} runs per pair\n`);

  const node = process.execPath;
  const rc = (args: string[], stdin?: string) => () => time(node, [BIN, ...args], { env, stdin });

  // 1. single lookup vs a bare node:http GET of the same URL.
  {
    const url = `${server.url}/api/v1/users.info?username=bench.7`;
    const [a, b, ratios] = await pair(RUNS, rc(['info', 'bench.7', '--json']), () => time(node, [bareHttp, url], { env }), expectOk('single lookup'));
    const r = stats(ratios);
    report('single lookup `rcuser info <u> --json` / bare node:http GET', [`rcuser   ${fmtStats(a)}`, `node:http ${fmtStats(b)}`, `ratio per run: median ${r.median.toFixed(2)}× (IQR ${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`], `${(a.median / b.median).toFixed(2)}×`, '≤ 1.5×', a.median / b.median <= 1.5);
    const [c, d] = await pair(RUNS, () => time(node, [undiciOne, url], { env }), () => time(node, [bareHttp, url], { env }), expectOk('undici floor'));
    console.log(`     for reference (not a target): a bare script making the same GET with undici (unbundled):\n       ${fmtStats(c)} = ${(c.median / d.median).toFixed(2)}× node:http (${fmtMs(d.median)}); the HTTP client's start-up is most of the gap\n`);
  }

  // 2. --help vs node -e 0.
  {
    const [a, b, ratios] = await pair(RUNS, rc(['--help']), () => time(node, ['-e', '0'], { env }), expectOk('--help'));
    const r = stats(ratios);
    report('`rcuser --help` / `node -e 0`', [`rcuser --help ${fmtStats(a)}`, `node -e 0     ${fmtStats(b)}`, `ratio per run: median ${r.median.toFixed(2)}× (IQR ${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`], `${(a.median / b.median).toFixed(2)}×`, '≤ 1.5×', a.median / b.median <= 1.5);
  }

  // 3. batch of 2,000 vs a bare undici loop at the same concurrency (both include process start).
  const input = names(BATCH);
  let batchMedian = 0;
  {
    const n = Math.max(5, Math.round(RUNS / 2));
    const check = (r: Run, which: 'a' | 'b') => {
      expectOk('batch')(r, which);
      if (r.stdoutBytes < BATCH * 100) throw new Error(`batch (${which}) printed only ${r.stdoutBytes} bytes`);
    };
    const [a, b, ratios] = await pair(n, rc(['info', '-', '--json', '--concurrency', '8'], input), () => time(node, [bareUndici, server.url, '8'], { env, stdin: input }), check);
    batchMedian = a.median;
    const r = stats(ratios.map((x) => 1 / x));
    report(
      `batch of ${BATCH.toLocaleString('en-US')}: throughput of \`rcuser info - --json --concurrency 8\` / bare undici loop (8)`,
      [`rcuser      ${fmtStats(a)}  (${Math.round(BATCH / (a.median / 1000))} users/s)`, `bare undici ${fmtStats(b)}  (${Math.round(BATCH / (b.median / 1000))} users/s)`, `ratio per run: median ${r.median.toFixed(2)}× (IQR ${r.p25.toFixed(2)}–${r.p75.toFixed(2)})`],
      `${(b.median / a.median).toFixed(2)}×`,
      '≥ 0.8×',
      b.median / a.median >= 0.8,
    );
  }

  // 4. the same batch vs a shell loop of single lookups (timed on 50, scaled to 2,000).
  {
    const sample = Array.from({ length: SHELL_SAMPLE }, (_, i) => `bench.${i}`).join(' ');
    const script = `for u in ${sample}; do "${node}" "${BIN}" info "$u" --json >/dev/null || exit 1; done`;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await time('/bin/sh', ['-c', script], { env });
      expectOk('shell loop')(r, 'a');
      runs.push(r.ms);
    }
    const s = stats(runs);
    const scaled = (s.median * BATCH) / SHELL_SAMPLE;
    report(
      `batch of ${BATCH.toLocaleString('en-US')}: shell loop of single \`rcuser info\` / one \`rcuser info -\``,
      [`shell loop of ${SHELL_SAMPLE}: ${fmtStats(s)} → ${fmtMs(scaled)} for ${BATCH.toLocaleString('en-US')} (${fmtMs(s.median / SHELL_SAMPLE)} a user)`, `rcuser info - : ${fmtMs(batchMedian)}`],
      `${(scaled / batchMedian).toFixed(0)}× faster`,
      '≥ 25×',
      scaled / batchMedian >= 25,
    );
  }

  // 5. peak memory: one lookup, and a batch of 20,000 (must not grow with the input).
  {
    const single: number[] = [];
    for (let i = 0; i < 5; i++) single.push(await peakRss(['info', 'bench.7', '--json'], env, '', rssProbe));
    const s = stats(single);
    report('peak RSS, single lookup', [`${s.median.toFixed(1)} MiB (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`], `${s.median.toFixed(1)} MiB`, '≤ 70 MiB', s.median <= 70);
    const bigInput = names(BIG_BATCH);
    const t0 = performance.now();
    const small = await peakRss(['info', '-', '--json'], env, names(BATCH), rssProbe);
    const big = await peakRss(['info', '-', '--json'], env, bigInput, rssProbe);
    const bigMs = performance.now() - t0;
    report(
      `peak RSS, batch of ${BIG_BATCH.toLocaleString('en-US')}`,
      [`${big.toFixed(1)} MiB (a batch of ${BATCH.toLocaleString('en-US')}: ${small.toFixed(1)} MiB; both batches took ${fmtMs(bigMs)})`],
      `${big.toFixed(1)} MiB`,
      '≤ 120 MiB',
      big <= 120,
    );
  }

  await server.close();
  console.log(`summary (${fmtMs(performance.now() - started)}):\n${results.map((r) => `  ${r}`).join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
