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
  /** An item's identity (a user's id): a page of items all seen before means the server ignores `offset`. */
  key?: (item: T) => string;
  /**
   * The listing ends before the first item for which this holds: the server sorted by what it tests
   * (`list --idle` asks for lastLogin ascending and stops at the cutoff instead of paging on).
   */
  until?: (item: T) => boolean;
  /** Items to leave out (they still count as the server's page: offsets never shift). */
  skip?: (item: T) => boolean;
}

export interface PagingResult {
  fetched: number;
  total?: number;
  /** The offset whose page repeated items already seen: the listing stopped there. */
  repeatedAt?: number;
}

/**
 * Page through a listing: ask at `offset`, read how many came and `total`, never assume the server's
 * page size. The first page says the total and the real page size; the other offsets are then
 * fetched a few at a time through the ordered runner (in order, the first error stops everything).
 * Without a total, pages are read one by one until one comes back short.
 *
 * A server's word is not trusted to end the loop: an empty page ends it whatever `total` says (a
 * total of a billion over 150 users, or users deleted while paging), and so does a page of items
 * all seen before (a server that ignores `offset` would otherwise repeat its first page for ever).
 */
export async function fetchPages<T>(fetchPage: (offset: number) => Promise<Page<T>>, opts: PagingOptions<T>): Promise<PagingResult> {
  const limit = opts.limit ?? Infinity;
  const seen = new Set<string>();
  let fetched = 0;
  let ended = false;
  let repeatedAt: number | undefined;
  /** Takes one page in order; false once the listing is over (the page was empty or repeated). */
  const take = (items: T[], total: number | undefined, offset: number): boolean => {
    if (ended) return false;
    if (items.length === 0) return !(ended = true);
    if (opts.key) {
      const keys = items.map(opts.key);
      if (offset > 0 && keys.every((k) => seen.has(k))) {
        repeatedAt = offset;
        return !(ended = true);
      }
      for (const k of keys) seen.add(k);
    }
    const stop = opts.until ? items.findIndex(opts.until) : -1;
    if (stop >= 0) {
      items = items.slice(0, stop);
      ended = true;
    }
    if (opts.skip) items = items.filter((item) => !opts.skip!(item));
    const room = limit - fetched;
    if (room <= 0) return !(ended = true);
    const kept = items.length > room ? items.slice(0, room) : items;
    fetched += kept.length;
    if (kept.length > 0) opts.onPage(kept, total);
    return !ended;
  };

  const first = await fetchPage(0);
  const step = first.users.length;
  const total = validTotal(first.total);
  take(first.users, total, 0);
  if (step === 0 || fetched >= limit || ended) return { fetched, total };

  if (total === undefined) {
    for (let offset = step; fetched < limit; offset += step) {
      const page = await fetchPage(offset);
      if (!take(page.users, undefined, offset) || page.users.length < step) break;
    }
    return { fetched, total, repeatedAt };
  }

  const end = Math.min(total, limit);
  // An empty or repeated page stops asking as soon as it arrives, before the pages ahead of it are in.
  let stopAt = Infinity;
  async function* offsets(): AsyncGenerator<number> {
    for (let offset = step; offset < end && offset < stopAt && !ended; offset += step) yield offset;
  }
  const key = opts.key;
  const work = async (offset: number) => {
    const page = await fetchPage(offset);
    if (page.users.length === 0 || (key && page.users.every((u) => seen.has(key(u))))) stopAt = Math.min(stopAt, offset);
    return { offset, page };
  };
  await runOrdered(offsets(), opts.concurrency, work, ({ offset, page }) => void take(page.users, total, offset));
  // Pages ran out before the total did: the count is what came, not what the server claimed.
  return { fetched, total: ended && fetched < end ? fetched : total, repeatedAt };
}

/** A count of users: a whole number, not negative. Anything else is no total at all. */
function validTotal(total: number | undefined): number | undefined {
  return total !== undefined && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}
