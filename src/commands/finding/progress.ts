/** "1,200 of 5,312 users", redrawn in place on a terminal's stderr, at most 10 times a second. */
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
    this.write(`\r\x1b[2K${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} users`);
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}
