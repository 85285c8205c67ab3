import type { Context } from '../../context.js';
import { ExitCode } from '../../errors.js';
import { count, progressLine } from '../../render/progress-line.js';
import { isSkippable } from './lookup.js';

/** Lines of input that name someone, counted from a second read of a stdin file (its size is then known). */
export async function countIdentifiers(lines: AsyncIterable<string>): Promise<number> {
  let n = 0;
  for await (const line of lines) if (!isSkippable(line)) n++;
  return n;
}

/**
 * What a batch knows while it runs: how many lookups are done (when they are done, not when their
 * line is printed: output waits for the slowest line before it), how many there are in all when
 * that is known, and the progress line on a terminal's stderr.
 */
export class BatchWatch {
  done = 0;
  notFound = 0;
  failed = 0;
  total?: number;
  private shown = false;
  private last = 0;
  private readonly started: number;

  constructor(
    private readonly ctx: Context,
    private readonly showProgress: boolean,
  ) {
    this.started = ctx.now();
    // Redrawn on a clock too: while one slow lookup holds the output back, the count (and the time
    // left) still moves.
    if (showProgress) {
      this.timer = setInterval(() => this.draw(), 200);
      this.timer.unref();
    }
  }

  private timer?: ReturnType<typeof setInterval>;

  /** The number of lookups, once known: arguments at once, a stdin file after a quick count. */
  knowTotal(total: number | Promise<number | undefined> | undefined): void {
    if (typeof total === 'number') this.total = total;
    else void total?.then((n) => (this.total = n), () => undefined);
  }

  /** One lookup finished, whatever its place in the output. */
  finished(exitCode: number): void {
    this.done++;
    if (exitCode === ExitCode.notFound) this.notFound++;
    else if (exitCode !== ExitCode.ok) this.failed++;
    this.draw();
  }

  private draw(): void {
    if (!this.showProgress) return;
    const t = this.ctx.now();
    // Short batches finish before anyone wonders; only show it after a second, at most 10 times a second.
    if (t - this.started < 1000 || t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    const line = progressLine({ done: this.done, total: this.total, notFound: this.notFound, failed: this.failed, elapsedMs: t - this.started }, this.ctx.io.columns ?? 80);
    this.ctx.io.stderr.write(`\r\x1b[2K${line}`);
  }

  clear(): void {
    clearInterval(this.timer);
    if (this.shown) this.ctx.io.stderr.write('\r\x1b[2K');
    this.shown = false;
  }

  /** "1,234 of 3,000" or "1,234": how far the output got. */
  howFar(printed: number): string {
    return this.total !== undefined ? `${count(printed)} of ${count(this.total)}` : count(printed);
  }

  /** For a batch stopped early: how many lines were never looked up, when that is known. */
  notLookedUp(printed: number): string {
    if (this.total !== undefined) return `the batch stopped: ${count(Math.max(0, this.total - printed))} of ${count(this.total)} lines were not looked up`;
    return `the batch stopped after ${count(printed)} ${printed === 1 ? 'line' : 'lines'}; the rest of the input was not looked up`;
  }
}
