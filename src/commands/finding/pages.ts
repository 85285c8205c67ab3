import type { UsersPage } from '../../api/finding.js';
import { runOrdered } from '../info/batch.js';

export interface PagingOptions {
  /** Stop after this many users (--limit). */
  limit?: number;
  /** Pages in flight at once after the first (the first says how many there are). */
  concurrency: number;
  /** Called with each page's users in the server's order, as soon as it and every page before it are in. */
  onPage: (page: UsersPage, total: number | undefined) => void;
}

/**
 * Page through a listing: ask for `size` users at `offset`, read how many came and `total`, never
 * assume the server's page size. The first page says the total and the real page size; the other
 * offsets are then fetched a few at a time through the batch runner (one pool, one rate-limit gate,
 * results in order, the first error stops everything). Without a total, pages are read one by one
 * until one comes back short.
 */
export async function fetchPages(fetchPage: (offset: number) => Promise<UsersPage>, opts: PagingOptions): Promise<{ fetched: number; total?: number }> {
  const limit = opts.limit ?? Infinity;
  let fetched = 0;
  const take = (page: UsersPage, total: number | undefined): void => {
    const room = limit - fetched;
    if (room <= 0) return;
    const users = page.users.length > room ? page.users.slice(0, room) : page.users;
    fetched += users.length;
    opts.onPage(users === page.users ? page : { ...page, users }, total);
  };

  const first = await fetchPage(0);
  const step = first.users.length;
  const total = first.total;
  take(first, total);
  if (step === 0 || fetched >= limit) return { fetched, total };

  if (total === undefined) {
    for (let offset = step; fetched < limit; offset += step) {
      const page = await fetchPage(offset);
      take(page, undefined);
      if (page.users.length < step) break;
    }
    return { fetched, total };
  }

  const end = Math.min(total, Number.isFinite(limit) ? limit : total);
  async function* offsets(): AsyncGenerator<number> {
    for (let offset = step; offset < end; offset += step) yield offset;
  }
  await runOrdered(offsets(), opts.concurrency, fetchPage, (page) => take(page, total));
  return { fetched, total };
}
