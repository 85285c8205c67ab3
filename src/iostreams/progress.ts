import { glyphsFor } from '../render/glyphs.js';
import { CLEAR_LINE, renderListProgress, renderProgress, type ProgressCounts } from '../render/progress-line.js';

/**
 * A batch's progress line, for any command that runs many lookups: redrawn in place on a terminal's
 * stderr at most 10 times a second, and on a clock too, so that while one slow lookup holds the
 * output back, the count and the time left still move.
 */
export class Progress {
  private shown = false;
  private last = 0;
  private readonly started: number;
  private counts: ProgressCounts = { done: 0, notFound: 0, failed: 0 };
  private total?: number;
  private timer?: ReturnType<typeof setInterval>;
  constructor(
    private readonly write: (s: string) => unknown,
    private readonly now: () => number,
    /** The terminal's width: the line never wraps. */
    private readonly width?: number,
    /** ASCII bar and separators (IO.ascii). */
    private readonly ascii = false,
  ) {
    this.started = now();
    this.timer = setInterval(() => this.draw(), 200);
    this.timer.unref();
  }

  /** How many lookups there are in all, once known. */
  setTotal(total: number): void {
    this.total = total;
  }

  update(counts: ProgressCounts): void {
    this.counts = counts;
    this.draw();
  }

  private draw(): void {
    const t = this.now();
    // Short batches finish before anyone wonders; only show it after a second.
    if (t - this.started < 1000 || t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    this.write(
      renderProgress(
        { total: this.total, ...this.counts, elapsedMs: t - this.started },
        this.width,
        glyphsFor(this.ascii),
      ),
    );
  }

  clear(): void {
    clearInterval(this.timer);
    if (this.shown) this.write(CLEAR_LINE);
    this.shown = false;
  }
}

/** A listing's progress (`1,200 of 5,312 users`) on a terminal's stderr, for lists of several pages. */
export class ListProgress {
  private shown = false;
  private last = 0;
  private readonly started: number;
  constructor(
    private readonly write: (s: string) => unknown,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  update(done: number, total: number | undefined): void {
    const t = this.now();
    // A list that is over in half a second needs no progress line flickering by.
    if (t - this.started < 500 || t - this.last < 100) return;
    if (total === undefined || done >= total) return;
    this.last = t;
    this.shown = true;
    this.write(renderListProgress(done, total));
  }

  clear(): void {
    if (this.shown) this.write(CLEAR_LINE);
    this.shown = false;
  }
}
