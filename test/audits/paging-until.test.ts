/** fetchPages' `until` and `skip` (src/lib/paging.ts), which `list --idle` pages with. */
import { describe, expect, it } from 'vitest';
import { fetchPages } from '../../src/lib/paging.js';

/** 1..n in pages of 10, with a total or without, logging each offset asked for. */
function pager(n: number, withTotal: boolean) {
  const asked: number[] = [];
  const fetchPage = async (offset: number) => {
    asked.push(offset);
    const users = Array.from({ length: Math.max(0, Math.min(10, n - offset)) }, (_, i) => offset + i + 1);
    return { users, total: withTotal ? n : undefined };
  };
  return { asked, fetchPage };
}

describe('fetchPages until/skip', () => {
  it('without a total: stops at the page holding the first item past the cutoff, keeps what came before it', async () => {
    const { asked, fetchPage } = pager(1000, false);
    const got: number[] = [];
    const r = await fetchPages(fetchPage, {
      concurrency: 4,
      until: (x) => x > 25,
      onPage: (items) => got.push(...items),
    });
    expect(got).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(asked).toEqual([0, 10, 20]);
    expect(r.fetched).toBe(25);
  });

  it('the first page holding the cutoff is the only request', async () => {
    const { asked, fetchPage } = pager(1000, false);
    const got: number[] = [];
    await fetchPages(fetchPage, { concurrency: 4, until: (x) => x > 3, onPage: (items) => got.push(...items) });
    expect([got, asked]).toEqual([[1, 2, 3], [0]]);
  });

  it('skip leaves items out without moving the offsets; --limit still counts what is kept', async () => {
    const { asked, fetchPage } = pager(1000, false);
    const got: number[] = [];
    await fetchPages(fetchPage, {
      concurrency: 4,
      skip: (x) => x <= 12,
      until: (x) => x > 30,
      limit: 15,
      onPage: (items) => got.push(...items),
    });
    expect(got).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]);
    expect(asked).toEqual([0, 10, 20]);
  });

  it('with a total: no offset past the cutoff page is asked for once it is known (at most the pages already in flight)', async () => {
    const { asked, fetchPage } = pager(1000, true);
    const got: number[] = [];
    await fetchPages(fetchPage, { concurrency: 2, until: (x) => x > 45, onPage: (items) => got.push(...items) });
    expect(got).toHaveLength(45);
    expect(Math.max(...asked)).toBeLessThanOrEqual(60);
  });
});
