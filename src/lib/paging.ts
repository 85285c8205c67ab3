import { runOrdered } from './ordered.js';

/** One page of a listing: its items, and how many match in all when the endpoint says. */
export interface Page<T> {
  users: T[];
  total?: number;
}

export interface PagingOptions<T> {
  /** Stop after this many items (--limit). */
  limit?: number;
  /** Pages in flight at once after the first (the first says how many there are). */
  concurrency: number;
  /** Each page's items in the server's order, as soon as it and every page before it are in. */
  onPage: (items: T[], total: number | undefined) => void;
}

/**
 * Page through a listing: ask at `offset`, read how many came and `total`, never assume the server's
 * page size. The first page says the total and the real page size; the other offsets are then
 * fetched a few at a time through the ordered runner (in order, the first error stops everything).
 * Without a total, pages are read one by one until one comes back short.
 */
export async function fetchPages<T>(fetchPage: (offset: number) => Promise<Page<T>>, opts: PagingOptions<T>): Promise<{ fetched: number; total?: number }> {
  const limit = opts.limit ?? Infinity;
  let fetched = 0;
  const take = (items: T[], total: number | undefined): void => {
    const room = limit - fetched;
    if (room <= 0) return;
    const kept = items.length > room ? items.slice(0, room) : items;
    fetched += kept.length;
    opts.onPage(kept, total);
  };

  const first = await fetchPage(0);
  const step = first.users.length;
  const total = first.total;
  take(first.users, total);
  if (step === 0 || fetched >= limit) return { fetched, total };

  if (total === undefined) {
    for (let offset = step; fetched < limit; offset += step) {
      const page = await fetchPage(offset);
      take(page.users, undefined);
      if (page.users.length < step) break;
    }
    return { fetched, total };
  }

  const end = Math.min(total, limit);
  async function* offsets(): AsyncGenerator<number> {
    for (let offset = step; offset < end; offset += step) yield offset;
  }
  await runOrdered(offsets(), opts.concurrency, fetchPage, (page) => take(page.users, total));
  return { fetched, total };
}
