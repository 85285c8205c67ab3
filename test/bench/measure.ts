/** Timing helpers shared by the bench's rows (bench.ts, list.ts). */
import { spawn } from 'node:child_process';

export interface Run {
  ms: number;
  code: number | null;
  stdoutBytes: number;
  stderr: string;
}

/**
 * Spawn and time one command (wall clock, spawn to exit), stdout counted and dropped. Always
 * asynchronous: the test server runs in the bench's own process and a sync spawn would stop it.
 */
export function time(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; stdin?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
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

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** Throws unless the run exited 0 and printed at least minBytes on stdout. */
export function expectOk(label: string, r: Run, minBytes = 1): void {
  if (r.code !== 0) throw new Error(`${label} exited ${r.code}: ${r.stderr.slice(0, 500)}`);
  if (r.stdoutBytes < minBytes) throw new Error(`${label} printed only ${r.stdoutBytes} bytes`);
}

/** A markdown table, columns padded so it also reads in a terminal. */
export function markdownTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
