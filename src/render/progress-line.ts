/**
 * The one-line progress of a batch, in the words of its summary ("looked up", "not found",
 * "failed"), with a bar and the time left when the number of lookups is known, like `gh` and `npm`.
 */
import { type Glyphs, UNICODE } from './glyphs.js';

/** Batch counts as shown while a batch runs. */
export interface ProgressCounts {
  /** Lookups finished (in any order: a line is done when it is done, not when it is printed). */
  done: number;
  notFound: number;
  failed: number;
  /** How many there are in all, when the input's size is known (arguments, or stdin from a file). */
  total?: number;
  /** Since the batch started, for the time left. */
  elapsedMs?: number;
}

/** Erases the current terminal line and returns to its start. */
export const CLEAR_LINE = '\r\x1b[2K';

export const count = (n: number): string => n.toLocaleString('en-US');

/** "12 s", "3:05", "1:02:03". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const BAR = 20;

/** The text of the line (no escape codes), at most `width - 1` columns so it never wraps. */
export function progressLine(p: ProgressCounts, width = 80, g: Glyphs = UNICODE): string {
  const parts: string[] = [];
  let bar = '';
  if (p.total !== undefined && p.total > 0) {
    const filled = Math.round(Math.min(1, p.done / p.total) * BAR);
    bar = `${g.barDone.repeat(filled)}${g.barLeft.repeat(BAR - filled)} `;
    parts.push(`${count(p.done)} of ${count(p.total)} looked up`);
  } else {
    parts.push(`${count(p.done)} looked up`);
  }
  if (p.notFound) parts.push(`${count(p.notFound)} not found`);
  if (p.failed) parts.push(`${count(p.failed)} failed`);
  const elapsed = p.elapsedMs ?? 0;
  if (p.total !== undefined && p.done > 0 && p.done < p.total && elapsed >= 1000) {
    parts.push(`${formatDuration((elapsed / p.done) * (p.total - p.done))} left`);
  }
  const max = width - 1;
  const sep = ` ${g.sep} `;
  const full = parts.join(sep);
  if (bar.length + full.length <= max) return bar + full;
  // Narrower: the bar goes, then shorter words ("12/300"), then the parts from the end (time left,
  // failed, not found); only then is the line cut. It never wraps (a wrapped line is redrawn below).
  if (full.length <= max) return full;
  const short = parts.map((p, i) =>
    i === 0 ? p.replace(/ of /, '/').replace(/ looked up$/, ' done') : p.replace(/ not found$/, ' missing'),
  );
  for (let keep = short.length; keep >= 1; keep--) {
    const text = short.slice(0, keep).join(sep);
    if (text.length <= max) return text;
  }
  return `${short[0]!.slice(0, Math.max(0, max - g.ellipsis.length))}${g.ellipsis}`;
}

/** The line drawn over the current terminal line. */
export function renderProgress(c: ProgressCounts, width?: number, g: Glyphs = UNICODE): string {
  return CLEAR_LINE + progressLine(c, width, g);
}

/** The summary's last line, in the same words: "3,000 looked up: 2,990 found, 8 not found, 2 failed". */
export function batchCountLine(total: number, found: number, notFound: number, failed: number): string {
  const parts = [
    `${count(found)} found`,
    ...(notFound ? [`${count(notFound)} not found`] : []),
    ...(failed ? [`${count(failed)} failed`] : []),
  ];
  return `${count(total)} looked up: ${parts.join(', ')}`;
}

/** "1,200 of 5,312 users", drawn over the current terminal line. */
export function renderListProgress(done: number, total: number): string {
  return `${CLEAR_LINE}${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} users`;
}
