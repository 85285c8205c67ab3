import type { Context } from '../../cmdutil/context.js';
import { ExitCode } from '../../errors.js';
import { Progress } from '../../iostreams/progress.js';
import { count } from '../../render/progress-line.js';
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
  private readonly progress?: Progress;

  constructor(ctx: Context, showProgress: boolean) {
    if (showProgress)
      this.progress = new Progress(
        (s) => ctx.io.stderr.write(s),
        () => ctx.now(),
        ctx.io.stderrColumns ?? ctx.io.columns ?? 80,
        ctx.io.ascii,
      );
  }

  /** The number of lookups, once known: arguments at once, a stdin file after a quick count. */
  knowTotal(total: number | Promise<number> | undefined): void {
    const set = (n: number) => {
      this.total = n;
      this.progress?.setTotal(n);
    };
    if (typeof total === 'number') set(total);
    else if (total) this.counting = total.then(set, () => undefined);
  }

  private counting?: Promise<void>;

  /** Wait for the count of a stdin file (a quick read) before saying how much was not looked up. */
  async settled(): Promise<void> {
    await this.counting;
  }

  /** One lookup finished, whatever its place in the output. */
  finished(exitCode: number): void {
    this.done++;
    if (exitCode === ExitCode.notFound) this.notFound++;
    else if (exitCode !== ExitCode.ok) this.failed++;
    this.progress?.update({ done: this.done, notFound: this.notFound, failed: this.failed });
  }

  clear(): void {
    this.progress?.clear();
  }

  /** "1,234 of 3,000" or "1,234": how far the output got. */
  howFar(printed: number): string {
    return this.total !== undefined ? `${count(printed)} of ${count(this.total)}` : count(printed);
  }

  /** For a batch stopped early: how many lines were never looked up, when that is known. */
  notLookedUp(printed: number): string {
    if (this.total !== undefined)
      return `the batch stopped: ${count(Math.max(0, this.total - printed))} of ${count(this.total)} lines were not looked up`;
    return `the batch stopped after ${count(printed)} ${printed === 1 ? 'line' : 'lines'}; the rest of the input was not looked up`;
  }
}
