/** Timing helpers shared by the bench's rows (bench.ts, list.ts). */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Run {
  /** Wall clock, spawn to exit. */
  ms: number;
  /** CPU time (user + system) of the process, and its peak RSS: where python3 is there to ask wait4(). */
  cpuMs?: number;
  maxRssKiB?: number;
  code: number | null;
  stdoutBytes: number;
  stderr: string;
}

/**
 * A shared machine stretches wall-clock times however it likes; the CPU time a process used moves
 * far less. Node cannot read a child's rusage, so a small python3 wrapper runs the command and
 * reports wall time, CPU time and peak RSS from wait4() on fd 3 (Python's own start-up is outside
 * both clocks).
 */
const WRAPPER = `import os, sys, time
argv = sys.argv[1:]
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(3)
    os.execv(argv[0], argv)
_, status, ru = os.wait4(pid, 0)
os.write(3, ("%.3f %.3f %d" % ((time.perf_counter() - t) * 1000, (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss)).encode())
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
`;
let wrapper: string | null | undefined;
function rusageWrapper(): string | null {
  if (wrapper !== undefined) return wrapper;
  if (
    process.platform !== 'linux' ||
    spawnSync('python3', ['-c', 'import os; os.wait4'], { stdio: 'ignore' }).status !== 0
  )
    return (wrapper = null);
  // Beside the bench's bundle (dist/bench/), where its other scripts go too.
  wrapper = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rusage.py');
  fs.writeFileSync(wrapper, WRAPPER);
  return wrapper;
}

/**
 * Run and time one command, stdout counted and dropped. Always asynchronous: the test server runs
 * in the bench's own process and a sync spawn would stop it.
 */
export function time(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; stdin?: string }): Promise<Run> {
  const py = rusageWrapper();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = py
      ? spawn('python3', [py, cmd, ...args], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] })
      : spawn(cmd, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    let report = '';
    child.stdout!.on('data', (d: Buffer) => (stdoutBytes += d.length));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdio[3]?.on('data', (d: Buffer) => (report += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const [wall, cpu, rss] = report.split(' ').map(Number);
      const ms = performance.now() - started;
      resolve(
        py && report
          ? { ms: wall!, cpuMs: cpu!, maxRssKiB: rss!, code, stdoutBytes, stderr }
          : { ms, code, stdoutBytes, stderr },
      );
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(opts.stdin ?? '');
  });
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))]!;
  return { median: q(0.5), min: s[0]!, max: s[s.length - 1]!, p25: q(0.25), p75: q(0.75) };
}

export const fmtMs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;

/** Throws unless the run exited 0 and printed at least minBytes on stdout. */
export function expectOk(label: string, r: Run, minBytes = 1): void {
  if (r.code !== 0) throw new Error(`${label} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
  if (r.stdoutBytes < minBytes) throw new Error(`${label} printed only ${r.stdoutBytes} bytes`);
}

/** A markdown table, columns padded so it also reads in a terminal. */
export function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
