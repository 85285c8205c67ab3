import { describe, expect, it } from 'vitest';
import { batchCountLine, formatDuration, progressLine } from '../../src/render/progress-line.js';

describe('progressLine', () => {
  it('without a known size: the count in the summary words', () => {
    expect(progressLine({ done: 10339, notFound: 3, failed: 1, elapsedMs: 5000 })).toBe(
      '10,339 looked up · 3 not found · 1 failed',
    );
  });
  it('with a known size: a bar, "n of m" and the time left', () => {
    expect(progressLine({ done: 750, total: 3000, notFound: 0, failed: 0, elapsedMs: 10_000 })).toBe(
      '█████░░░░░░░░░░░░░░░ 750 of 3,000 looked up · 30 s left',
    );
    expect(progressLine({ done: 100, total: 3000, notFound: 2, failed: 0, elapsedMs: 10_000 })).toBe(
      '█░░░░░░░░░░░░░░░░░░░ 100 of 3,000 looked up · 2 not found · 4:50 left',
    );
  });
  it('never wider than the terminal: the bar goes first', () => {
    const line = progressLine({ done: 750, total: 3000, notFound: 12, failed: 3, elapsedMs: 10_000 }, 62);
    expect(line).toBe('750 of 3,000 looked up · 12 not found · 3 failed · 30 s left');
    expect(
      progressLine({ done: 750, total: 3000, notFound: 12, failed: 3, elapsedMs: 10_000 }, 30).length,
    ).toBeLessThanOrEqual(29);
  });
  it('durations', () => {
    expect([formatDuration(4_400), formatDuration(65_000), formatDuration(3_723_000)]).toEqual([
      '4 s',
      '1:05',
      '1:02:03',
    ]);
  });
  it('the summary line uses the same words', () => {
    expect(batchCountLine(3000, 2990, 8, 2)).toBe('3,000 looked up: 2,990 found, 8 not found, 2 failed');
    expect(batchCountLine(2, 2, 0, 0)).toBe('2 looked up: 2 found');
  });
});

describe('the progress line at a narrow terminal (issue 21 item 3)', () => {
  it('drops the bar, then shortens its words, then drops parts from the end; never wraps', () => {
    const p = { done: 1234, total: 30_000, notFound: 56, failed: 7, elapsedMs: 60_000 };
    expect(progressLine(p, 60)).toBe('1,234/30,000 done · 56 missing · 7 failed · 23:19 left');
    expect(progressLine(p, 40)).toBe('1,234/30,000 done · 56 missing');
    expect(progressLine(p, 30)).toBe('1,234/30,000 done');
    for (const w of [20, 30, 40, 60, 80]) expect(progressLine(p, w).length).toBeLessThan(w);
  });
});
