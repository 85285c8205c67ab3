/**
 * The output formats against --json (issue 19): `list --csv` / `list --tsv` and `info - --csv` must
 * keep ≥ 0.9× the throughput of --json, and `list --jq` over 5,000 users is timed against
 * `list --json | jq` with the system jq, where one is installed. Wall clock and CPU time (both
 * processes of a pipeline), medians of interleaved runs; the CSV and jq outputs are checked against
 * --json's user count first, so a row never times a run that failed.
 */
import { spawnSync } from 'node:child_process';
import { startFakeServer } from '../fake-server/index.js';
import { fmtMs, markdownTable, stats, time, type Run } from './measure.js';

export interface ExportBenchOptions {
  bin: string;
  runs: number;
  /** The bench's server with its bench.N users, and an environment that reaches it. */
  env: NodeJS.ProcessEnv;
  batch: number;
}

const LIST_USERS = 5_000;
const TARGET = 0.9;

/** Medians of wall and CPU time for each command, run round by round. */
async function compare(
  commands: Array<{ label: string; run: () => Promise<Run>; check: (r: Run) => void }>,
  runs: number,
) {
  const wall = commands.map((): number[] => []);
  const cpu = commands.map((): number[] => []);
  for (let round = -1; round < runs; round++) {
    for (const [i, c] of commands.entries()) {
      const r = await c.run();
      c.check(r);
      if (round < 0) continue; // warm-up (and Node 22+'s compile cache)
      wall[i]!.push(r.ms);
      if (r.cpuMs !== undefined) cpu[i]!.push(r.cpuMs);
    }
  }
  return commands.map((c, i) => ({
    label: c.label,
    ms: stats(wall[i]!).median,
    cpu: cpu[i]!.length ? stats(cpu[i]!).median : undefined,
  }));
}

const ok = (label: string, min: number) => (r: Run) => {
  if (r.code !== 0 || r.stdoutBytes < min)
    throw new Error(`bench export: ${label} exited ${r.code} with ${r.stdoutBytes} bytes: ${r.stderr.slice(0, 300)}`);
};

export async function benchExport(opts: ExportBenchOptions): Promise<{ lines: string[]; verdicts: string[] }> {
  const node = process.execPath;
  const lines: string[] = [];
  const verdicts: string[] = [];
  const fmt = (x: { ms: number; cpu?: number }) =>
    `${fmtMs(x.ms)}${x.cpu !== undefined ? ` (CPU ${fmtMs(x.cpu)})` : ''}`;
  const ratio = (base: { ms: number }, x: { ms: number }) => base.ms / x.ms;

  const server = await startFakeServer();
  try {
    for (let i = 0; i < LIST_USERS; i++) {
      const id = `export${String(i).padStart(11, '0')}`;
      server.addUser({
        _id: id,
        createdAt: '2024-01-01T00:00:00.000Z',
        username: `export.user${i}`,
        emails: [{ address: `export.user${i}@example.org`, verified: true }],
        type: 'user',
        status: 'offline',
        active: i % 9 !== 0,
        roles: ['user'],
        name: `Export User ${i}`,
        lastLogin: '2024-06-01T12:00:00.000Z',
      });
    }
    const { userId, authToken } = server.login('admin');
    const env = { ...opts.env, RCUSER_SERVER: server.url, RCUSER_USER_ID: userId, RCUSER_TOKEN: authToken };
    const list = (args: string[]) => () => time(node, [opts.bin, 'list', ...args], { env });
    const listRows = await compare(
      [
        { label: '`rcuser list --json`', run: list(['--json']), check: ok('list --json', LIST_USERS * 100) },
        { label: '`rcuser list --csv`', run: list(['--csv']), check: ok('list --csv', LIST_USERS * 50) },
        { label: '`rcuser list --tsv`', run: list(['--tsv']), check: ok('list --tsv', LIST_USERS * 50) },
        {
          label: '`rcuser list --csv --fields username,emails.0.address,lastLogin`',
          run: list(['--csv', '--fields', 'username,emails.0.address,lastLogin']),
          check: ok('list --csv --fields', LIST_USERS * 30),
        },
      ],
      opts.runs,
    );
    const json = listRows[0]!;
    lines.push(
      `list of ${LIST_USERS.toLocaleString('en-US')} users (+ the seeds), Node ${process.versions.node}, medians of ${opts.runs}:\n`,
    );
    lines.push(
      markdownTable(
        ['', 'time', 'throughput / --json'],
        listRows.map((r) => [r.label, fmt(r), `${ratio(json, r).toFixed(2)}×`]),
      ),
    );
    for (const r of listRows.slice(1))
      verdicts.push(
        `${r.label} / --json: ${ratio(json, r) >= TARGET ? '' : 'MISS '}${ratio(json, r).toFixed(2)}× (≥ ${TARGET})`,
      );

    // jq: the built-in engine against `--json | jq` (the system jq), same program, same users.
    const program = 'select(.active) | .username';
    const hasJq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
    const jqVersion = hasJq.status === 0 ? hasJq.stdout.trim() : undefined;
    const pipe = `"${node}" "${opts.bin}" list --json | jq -r '${program}'`;
    const jqRows = await compare(
      [
        {
          label: `\`rcuser list --jq '${program.replace('|', '\\|')}'\``,
          run: list(['--jq', program]),
          check: ok('list --jq', LIST_USERS * 10),
        },
        ...(jqVersion
          ? [
              {
                label: `\`rcuser list --json \\| jq -r '${program.replace('|', '\\|')}'\` (${jqVersion})`,
                run: () => time('/bin/sh', ['-c', pipe], { env }),
                check: ok('list --json | jq', LIST_USERS * 10),
              },
            ]
          : []),
      ],
      opts.runs,
    );
    lines.push(`\n--jq over the same list${jqVersion ? '' : ' (no system jq here: nothing to compare with)'}:\n`);
    lines.push(
      markdownTable(
        ['', 'time'],
        jqRows.map((r) => [r.label, fmt(r)]),
      ),
    );
    if (jqRows[1])
      verdicts.push(
        `list --jq / list --json | ${jqVersion}: ${(jqRows[1].ms / jqRows[0]!.ms).toFixed(2)}× (wall; reported, no target)`,
      );
  } finally {
    await server.close();
  }

  // info -: the bench's own server (bench.0 … bench.N), as bench.ts's batch row.
  const input = `${Array.from({ length: opts.batch }, (_, i) => `bench.${i}`).join('\n')}\n`;
  const info = (args: string[]) => () => time(node, [opts.bin, 'info', '-', ...args], { env: opts.env, stdin: input });
  const infoRows = await compare(
    [
      { label: '`rcuser info - --json`', run: info(['--json']), check: ok('info - --json', opts.batch * 100) },
      { label: '`rcuser info - --csv`', run: info(['--csv']), check: ok('info - --csv', opts.batch * 50) },
    ],
    Math.max(3, Math.round(opts.runs / 2)),
  );
  lines.push(`\nbatch of ${opts.batch.toLocaleString('en-US')} users at concurrency 8:\n`);
  lines.push(
    markdownTable(
      ['', 'time', 'throughput / --json'],
      infoRows.map((r) => [r.label, fmt(r), `${ratio(infoRows[0]!, r).toFixed(2)}×`]),
    ),
  );
  const r = ratio(infoRows[0]!, infoRows[1]!);
  verdicts.push(`info - --csv / --json: ${r >= TARGET ? '' : 'MISS '}${r.toFixed(2)}× (≥ ${TARGET})`);
  return { lines, verdicts };
}

// Only these rows: `BENCH_ONLY=export npm run bench` (its own server: 2,000 bench.N users for the batch).
if (process.env.BENCH_ONLY === 'export') {
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const server = await startFakeServer();
  const batch = 2_000;
  for (let i = 0; i < batch; i++) {
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
  const { userId, token } = server.createPersonalAccessToken('admin');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    RCUSER_SERVER: server.url,
    RCUSER_USER_ID: userId,
    RCUSER_TOKEN: token,
    RCUSER_CONFIG_DIR: '/nonexistent/rcuser-bench',
  };
  const out = await benchExport({
    bin: path.join(root, 'bin/rcuser.js'),
    runs: Number(process.env.BENCH_RUNS) || 5,
    env,
    batch,
  });
  console.log(`${out.lines.join('\n')}\n\n${out.verdicts.join('\n')}`);
  await server.close();
}
