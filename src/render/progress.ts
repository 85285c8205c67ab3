/** Batch counts as shown while a batch runs. */
export interface ProgressCounts {
  done: number;
  notFound: number;
  failed: number;
}

/** Erases the current terminal line and returns to its start. */
export const CLEAR_LINE = '\r\x1b[2K';

/** "1,234 done · 3 not found · 1 failed", drawn over the current terminal line. */
export function renderProgress(c: ProgressCounts): string {
  const parts = [`${c.done.toLocaleString('en-US')} done`];
  if (c.notFound) parts.push(`${c.notFound.toLocaleString('en-US')} not found`);
  if (c.failed) parts.push(`${c.failed.toLocaleString('en-US')} failed`);
  return CLEAR_LINE + parts.join(' · ');
}

/** "1,200 of 5,312 users", drawn over the current terminal line. */
export function renderListProgress(done: number, total: number): string {
  return `${CLEAR_LINE}${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} users`;
}
