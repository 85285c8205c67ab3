/**
 * `npm run bench`: rcuser against the cheapest Node program doing the same job, on every Node line of
 * the test matrix side by side (this node plus the newest 22, 24 and 26 from scripts/node-lines.mjs),
 * in one run. Not a test (nothing here fails CI); bundled to dist/bench/bench.js because Node 20
 * cannot run .ts.
 *
 *   npm run bench                       all lines, 15 runs per start-up measurement (2-3 minutes)
 *   BENCH_RUNS=30 npm run bench         steadier figures on a busy machine
 *   BENCH_NODES="20 24" npm run bench   some lines only (20 = the node running the bench)
 *   BENCH_ONLY=export npm run bench     only the output formats' rows (export.ts)
 *
 * Both sides run in the same clean environment: only PATH, HOME and what rcuser needs. Variables such
 * as NODE_EXTRA_CA_CERTS (Node 20 then loads the CA bundle at start-up, ~35 ms) or NODE_OPTIONS would
 * hide rcuser's own cost. Runs are interleaved round by round over every command and every line, so
 * a busy machine slows all of them alike.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MATRIX_MAJORS, matrixNodes } from '../../scripts/node-lines.mjs';
import { startFakeServer, type FakeServer } from '../fake-server/index.js';
import { expectOk, fmtMs, markdownTable, stats, time, type Run, type Stats } from './measure.js';
import { benchExport } from './export.js';
import { benchList } from './list.js';
import { benchIdle } from './idle.js';
import { writeScripts } from './scripts.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/rcuser.js');
const RUNS = Number(process.env.BENCH_RUNS) || 15;
const BATCH = 2_000;
const BIG_BATCH = 20_000;

export interface NodeLine {
  /** e.g. "24.21.0" */
  version: string;
  major: number;
  node: string;
}

/** What a bench row gets: the lines, the server with BIG_BATCH extra users (bench.0…), the clean env. */
export interface BenchContext {
  lines: NodeLine[];
  server: FakeServer;
  env: NodeJS.ProcessEnv;
  runs: number;
  bin: string;
}

function nodeLines(): NodeLine[] {
  const own = Number(process.versions.node.split('.')[0]);
  const wanted = (process.env.BENCH_NODES ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  const majors = wanted.length ? wanted : [own, ...MATRIX_MAJORS];
  const lines: NodeLine[] = majors.includes(own)
    ? [{ version: process.versions.node, major: own, node: process.execPath }]
    : [];
  const others = majors.filter((m) => m !== own);
  if (others.length)
    for (const { version, major, bin } of matrixNodes(others)) lines.push({ version, major, node: bin });
  return lines.sort((a, b) => a.major - b.major);
}

/** The issue's targets: Node 20 has no compile cache; 22+ (with it) are held to Node 24's. */
const targets = (major: number) =>
  major < 22 ? { json: 2.0, table: 2.4, help: 1.6 } : { json: 1.6, table: 1.9, help: 1.4 };
const BATCH_TARGET = 0.9;
const RSS_SINGLE = 70;
const RSS_BIG = 120;

const verdicts: string[][] = [];
const mark = (ok: boolean, text: string) => `${ok ? '' : 'MISS '}${text}`;

async function startup(ctx: BenchContext, scripts: ReturnType<typeof writeScripts>): Promise<void> {
  const url = `${ctx.server.url}/api/v1/users.info?username=bench.7`;
  const rows: Array<{ label: string; args: string[]; minBytes: number }> = [
    { label: '`node -e 0`', args: ['-e', '0'], minBytes: 0 },
    { label: 'floor: CommonJS `node:http` GET, print, exit', args: [scripts.floor, url], minBytes: 100 },
    { label: '`rcuser info <u> --json`', args: [BIN, 'info', 'bench.7', '--json'], minBytes: 100 },
    { label: '`rcuser info <u>` (table)', args: [BIN, 'info', 'bench.7'], minBytes: 100 },
    { label: '`rcuser --help`', args: [BIN, '--help'], minBytes: 100 },
    { label: 'reference: built-in `fetch`, same GET', args: [scripts.fetch, url], minBytes: 100 },
    {
      label: "reference: undici's main entry (all of undici), same GET",
      args: [scripts.undiciAll, url],
      minBytes: 100,
    },
    {
      label: 'reference: the undici pieces rcuser loads (bundled, compile cache), same GET',
      args: [scripts.undiciPieces, url],
      minBytes: 100,
    },
  ];
  const ms = rows.map(() => ctx.lines.map((): number[] => []));
  const cpu = rows.map(() => ctx.lines.map((): number[] => []));
  // One warm-up round (it also fills Node 22+'s compile cache), then RUNS measured rounds.
  for (let round = -1; round < ctx.runs; round++) {
    for (const [l, line] of ctx.lines.entries()) {
      for (const [r, row] of rows.entries()) {
        const run: Run = await time(line.node, row.args, { env: ctx.env });
        expectOk(`${row.label} on Node ${line.version}`, run, row.minBytes);
        if (round >= 0) ms[r]![l]!.push(run.ms);
        if (round >= 0 && run.cpuMs !== undefined) cpu[r]![l]!.push(run.cpuMs);
      }
    }
  }
  const s: Stats[][] = ms.map((perLine) => perLine.map(stats));
  const median = (r: number, l: number) => s[r]![l]!.median;
  const cell = (r: number, l: number, base?: number) =>
    `${fmtMs(median(r, l))}${base === undefined ? '' : ` (${(median(r, l) / median(base, l)).toFixed(2)}×)`}`;
  const bases = [undefined, undefined, 1, 1, 0, 1, 1, 1];
  console.log(`start-up, medians of ${ctx.runs} (× = against the floor; for --help, against node -e 0):\n`);
  console.log(
    markdownTable(
      ['', ...ctx.lines.map((l) => `Node ${l.version}`)],
      rows.map((row, r) => [row.label, ...ctx.lines.map((_, l) => cell(r, l, bases[r]))]),
    ),
  );
  console.log(`\nspread, the middle half of the runs (25th–75th percentile):\n`);
  console.log(
    markdownTable(
      ['', ...ctx.lines.map((l) => `Node ${l.version}`)],
      rows.map((row, r) => [row.label, ...ctx.lines.map((_, l) => `${fmtMs(s[r]![l]!.p25)}–${fmtMs(s[r]![l]!.p75)}`)]),
    ),
  );
  const c: Stats[][] | undefined = cpu[0]![0]!.length ? cpu.map((perLine) => perLine.map(stats)) : undefined;
  if (c) {
    const cpuCell = (r: number, l: number, base?: number) =>
      `${fmtMs(c[r]![l]!.median)}${base === undefined ? '' : ` (${(c[r]![l]!.median / c[base]![l]!.median).toFixed(2)}×)`}`;
    console.log(`\nCPU time (user + system), medians: steadier than wall clock when the machine is shared:\n`);
    console.log(
      markdownTable(
        ['', ...ctx.lines.map((l) => `Node ${l.version}`)],
        rows.map((row, r) => [row.label, ...ctx.lines.map((_, l) => cpuCell(r, l, bases[r]))]),
      ),
    );
  }
  console.log('');
  for (const [l, line] of ctx.lines.entries()) {
    const t = targets(line.major);
    const ratio = (r: number, base: number) => median(r, l) / median(base, l);
    // The verdict is on wall clock, as the targets are; the CPU ratio beside it says how far load moved it.
    const cpuRatio = (r: number, base: number) =>
      c ? `, CPU ${(c[r]![l]!.median / c[base]![l]!.median).toFixed(2)}×` : '';
    const verdict = (r: number, base: number, target: number) =>
      mark(ratio(r, base) <= target, `${ratio(r, base).toFixed(2)}× (≤ ${target}${cpuRatio(r, base)})`);
    verdicts.push([`Node ${line.version}`, verdict(2, 1, t.json), verdict(3, 1, t.table), verdict(4, 0, t.help)]);
  }
}

async function batch(ctx: BenchContext, scripts: ReturnType<typeof writeScripts>): Promise<void> {
  const input = `${Array.from({ length: BATCH }, (_, i) => `bench.${i}`).join('\n')}\n`;
  const n = Math.max(5, Math.round(ctx.runs / 2));
  const ms = ctx.lines.map(() => ({
    rcuser: [] as number[],
    undici: [] as number[],
    rcuserCpu: [] as number[],
    undiciCpu: [] as number[],
  }));
  for (let round = -1; round < n; round++) {
    for (const [l, line] of ctx.lines.entries()) {
      const a = await time(line.node, [BIN, 'info', '-', '--json', '--concurrency', '8'], {
        env: ctx.env,
        stdin: input,
      });
      const b = await time(line.node, [scripts.undiciLoop, ctx.server.url, '8'], { env: ctx.env, stdin: input });
      expectOk(`batch on Node ${line.version}`, a, BATCH * 100);
      expectOk(`undici loop on Node ${line.version}`, b, BATCH * 100);
      if (round >= 0) ms[l]!.rcuser.push(a.ms), ms[l]!.undici.push(b.ms);
      if (round >= 0 && a.cpuMs !== undefined && b.cpuMs !== undefined)
        ms[l]!.rcuserCpu.push(a.cpuMs), ms[l]!.undiciCpu.push(b.cpuMs);
    }
  }
  console.log(
    `batch of ${BATCH.toLocaleString('en-US')} users at concurrency 8, medians of ${n} (process start included):\n`,
  );
  const rows = ctx.lines.map((line, l) => {
    const a = stats(ms[l]!.rcuser).median;
    const b = stats(ms[l]!.undici).median;
    const cpu = ms[l]!.rcuserCpu.length ? stats(ms[l]!.undiciCpu).median / stats(ms[l]!.rcuserCpu).median : undefined;
    return { line, a, b, ratio: b / a, cpu };
  });
  console.log(
    markdownTable(
      ['', ...ctx.lines.map((l) => `Node ${l.version}`)],
      [
        [
          '`rcuser info - --json --concurrency 8`',
          ...rows.map((r) => `${fmtMs(r.a)} (${Math.round(BATCH / (r.a / 1000))}/s)`),
        ],
        ['bare undici pool loop (8)', ...rows.map((r) => `${fmtMs(r.b)} (${Math.round(BATCH / (r.b / 1000))}/s)`)],
        ['throughput rcuser / undici loop', ...rows.map((r) => `${r.ratio.toFixed(2)}×`)],
        ...(rows[0]?.cpu === undefined
          ? []
          : [['CPU time undici loop / rcuser', ...rows.map((r) => `${r.cpu!.toFixed(2)}×`)]]),
      ],
    ),
  );
  console.log('');
  rows.forEach(
    (r, l) => void verdicts[l]!.push(mark(r.ratio >= BATCH_TARGET, `${r.ratio.toFixed(2)}× (≥ ${BATCH_TARGET})`)),
  );
}

/** Peak RSS of one run in MiB: from wait4() (see measure.ts), else the child's own resourceUsage() at exit. */
async function peakRss(
  node: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin: string,
  probe: string,
): Promise<number> {
  const r = await time(node, [BIN, ...args], { env, stdin });
  if (r.code !== 0) throw new Error(`rss run exited ${r.code}: ${r.stderr.slice(0, 300)}`);
  if (r.maxRssKiB !== undefined) return r.maxRssKiB / 1024;
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['--require', probe, BIN, ...args], { env, stdio: ['pipe', 'ignore', 'ignore', 'pipe'] });
    let kb = '';
    child.stdio[3]!.on('data', (d: Buffer) => (kb += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(Number(kb) / 1024));
    child.stdin!.end(stdin);
  });
}

async function memory(ctx: BenchContext, probe: string): Promise<void> {
  const big = `${Array.from({ length: BIG_BATCH }, (_, i) => `bench.${i}`).join('\n')}\n`;
  const rows: string[][] = [
    ['peak RSS, `rcuser info <u> --json`'],
    [`peak RSS, \`rcuser info - --json\`, ${BIG_BATCH.toLocaleString('en-US')} users`],
  ];
  for (const [l, line] of ctx.lines.entries()) {
    const single: number[] = [];
    for (let i = 0; i < 5; i++)
      single.push(await peakRss(line.node, ['info', 'bench.7', '--json'], ctx.env, '', probe));
    const one = stats(single).median;
    const many = await peakRss(line.node, ['info', '-', '--json'], ctx.env, big, probe);
    rows[0]!.push(`${one.toFixed(0)} MiB`);
    rows[1]!.push(`${many.toFixed(0)} MiB`);
    verdicts[l]!.push(
      mark(one <= RSS_SINGLE, `${one.toFixed(0)} MiB (≤ ${RSS_SINGLE})`),
      mark(many <= RSS_BIG, `${many.toFixed(0)} MiB (≤ ${RSS_BIG})`),
    );
  }
  console.log(
    `memory (single: median of 5):\n\n${markdownTable(['', ...ctx.lines.map((l) => `Node ${l.version}`)], rows)}\n`,
  );
}

/**
 * Rows other issues add, each in its own file, run after the start-up rows. `rcuser list` runs on
 * the bench's own node only (list.ts spawns process.execPath, with its own test server).
 */
const extraRows: Array<(ctx: BenchContext) => Promise<void>> = [
  // Why batches exist: the same 2,000 users as a shell loop of single lookups (timed on 50, scaled).
  async (ctx) => {
    const sample = 50;
    const names = Array.from({ length: sample }, (_, i) => `bench.${i}`).join(' ');
    const script = `for u in ${names}; do "${process.execPath}" "${BIN}" info "$u" --json >/dev/null || exit 1; done`;
    const loops: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await time('/bin/sh', ['-c', script], { env: ctx.env });
      expectOk('shell loop', r, 0);
      loops.push(r.ms);
    }
    const input = `${Array.from({ length: BATCH }, (_, i) => `bench.${i}`).join('\n')}\n`;
    const one = await time(process.execPath, [BIN, 'info', '-', '--json'], { env: ctx.env, stdin: input });
    expectOk('batch', one, BATCH * 100);
    const scaled = (stats(loops).median * BATCH) / sample;
    const ratio = scaled / one.ms;
    console.log(
      `shell loop of single lookups, Node ${process.versions.node}: ${fmtMs(scaled)} for ${BATCH.toLocaleString('en-US')} users (timed on ${sample}) against ${fmtMs(one.ms)} as one \`rcuser info -\`: ${ratio.toFixed(0)}× (target ≥ 25×)\n`,
    );
    loopVerdict = mark(ratio >= 25, `${ratio.toFixed(0)}× (≥ 25)`);
  },
  // The output formats (issue 19): CSV/TSV against --json, the built-in jq against `| jq`.
  async (ctx) => {
    const out = await benchExport({
      bin: BIN,
      runs: Math.max(5, Math.round(ctx.runs / 2)),
      env: ctx.env,
      batch: BATCH,
    });
    console.log(`${out.lines.join('\n')}\n`);
    exportVerdicts = out.verdicts;
  },
  async (ctx) => {
    const row = await benchList({ runs: Math.max(5, Math.round(ctx.runs / 2)) });
    console.log(
      `list, Node ${process.versions.node}, medians of ${row.runs}:\n\n| | target | |\n|---|---|---|\n${row.line}\n`,
    );
    listVerdict = mark(row.ratio >= 0.8, `${row.ratio.toFixed(2)}× (≥ 0.8)`);
  },
  // list --idle stops paging at the cutoff: requests against a full list of the same server.
  async () => {
    const row = await benchIdle();
    console.log(`list --idle, Node ${process.versions.node}:\n\n| | target | |\n|---|---|---|\n${row.line}\n`);
    idleVerdict = mark(row.met, `${row.idleRequests} requests against ${row.fullRequests}`);
  },
];
let idleVerdict: string | undefined;
let listVerdict: string | undefined;
let exportVerdicts: string[] = [];
let loopVerdict: string | undefined;

async function main(): Promise<void> {
  // BENCH_ONLY=export: test/bench/export.ts has run its rows alone, at import.
  if (process.env.BENCH_ONLY === 'export') return;
  const started = performance.now();
  const lines = nodeLines();
  const scripts = writeScripts(ROOT, path.join(ROOT, 'dist/bench'));
  const server: FakeServer = await startFakeServer();
  for (let i = 0; i < BIG_BATCH; i++) {
    server.addUser({
      _id: `BenchUser${String(i).padStart(8, '0')}`,
      createdAt: '2024-01-15T09:30:00.000Z',
      username: `bench.${i}`,
      emails: [{ address: `bench.${i}@example.com`, verified: true }],
      type: 'user',
      status: 'offline',
      active: true,
      roles: ['user'],
      name: `Bench User ${i}`,
      utcOffset: 0,
    });
  }
  // An admin token: the bench measures rcuser, not the rate limiter (admins bypass it).
  const { userId, token } = server.createPersonalAccessToken('admin');
  // Built from nothing, for both sides alike (see the top of this file).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    RCUSER_SERVER: server.url,
    RCUSER_USER_ID: userId,
    RCUSER_TOKEN: token,
    RCUSER_CONFIG_DIR: path.join(os.tmpdir(), 'rcuser-bench-none'),
  };
  const dropped = Object.keys(process.env).filter((k) => /^(NODE_|UV_|SSL_CERT|OPENSSL)/.test(k));
  const ctx: BenchContext = { lines, server, env, runs: RUNS, bin: BIN };
  console.log(
    `rcuser bench: ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(2)}; Node ${lines.map((l) => l.version).join(', ')}\n` +
      `clean environment for every run${dropped.length ? ` (left out: ${dropped.join(', ')})` : ''}\n` +
      (os.loadavg()[0]! > os.cpus().length * 0.75
        ? `the machine is busy: wall-clock figures will be inflated and uneven; compare the CPU-time figures\n`
        : ''),
  );

  await startup(ctx, scripts);
  for (const row of extraRows) await row(ctx);
  await batch(ctx, scripts);
  await memory(ctx, scripts.rssProbe);
  await server.close();

  console.log(
    `targets (MISS where missed; Node 22+ held to Node 24's), ${fmtMs(performance.now() - started)} in all:\n`,
  );
  console.log(
    markdownTable(
      [
        '',
        '--json / floor',
        'table / floor',
        '--help / node -e 0',
        'batch / undici loop',
        'RSS single',
        `RSS ${BIG_BATCH.toLocaleString('en-US')}`,
      ],
      verdicts,
    ),
  );
  if (loopVerdict)
    console.log(
      `\none \`rcuser info -\` / a shell loop of single lookups, Node ${process.versions.node}: ${loopVerdict}`,
    );
  if (listVerdict) console.log(`\nlist / bare undici paging loop, Node ${process.versions.node}: ${listVerdict}`);
  for (const v of exportVerdicts) console.log(`\n${v}, Node ${process.versions.node}`);
  if (idleVerdict) console.log(`\nlist --idle 90d / a full list, Node ${process.versions.node}: ${idleVerdict}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
