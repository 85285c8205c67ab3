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
  /** Awaited after each page is shown: a slow reader of the output slows the paging (backpressure). */
  drain?: () => Promise<void>;
}

export interface PagingResult {
  fetched: number;
  total?: number;
  /** The offset whose page repeated items already seen: the listing stopped there. */
  repeatedAt?: number;
  /** The server's total, when its pages ran out before reaching it (and nothing else ended the listing). */
  claimed?: number;
}

/**
 * The ids of the current and the previous page: enough to drop what overlapping pages repeat and to
 * see a page that is all repeats, and bounded (a listing that never ends kept every id it had seen:
 * 774 MB after 33 s, then "Set maximum size exceeded").
 */
class SeenWindow {
  private previous = new Set<string>();
  private current = new Set<string>();
  has(k: string): boolean {
    return this.current.has(k) || this.previous.has(k);
  }
  push(page: Set<string>): void {
    this.previous = this.current;
    this.current = page;
  }
}

/**
 * Page through a listing: ask at `offset`, read how many came and `total`, never assume the server's
 * page size. The first page says the total and the real page size; the other offsets are then
 * fetched a few at a time through the ordered runner (in order, the first error stops everything).
 * A page shorter than the first does not leave a gap: the rest of its stretch is asked for at the
 * offset after what it held (a server whose later pages held 50 of 100 got 550 of 1,000 listed).
 * Without a total, each offset is the last one plus what its page held, until an empty page.
 *
 * A server's word is not trusted to end the loop: an empty page ends it whatever `total` says (a
 * total of a billion over 150 users, or users deleted while paging), and so does a page of items
 * all seen before (a server that ignores `offset` would otherwise repeat its first page for ever).
 * Items seen on the page before (overlapping pages) are left out, not printed twice.
 */
export async function fetchPages<T>(
  fetchPage: (offset: number) => Promise<Page<T>>,
  opts: PagingOptions<T>,
): Promise<PagingResult> {
  const limit = opts.limit ?? Infinity;
  const seen = new SeenWindow();
  const key = opts.key;
  let fetched = 0;
  let served = 0;
  let ended = false;
  let cut = false;
  let repeatedAt: number | undefined;
  /** Takes one page in order; false once the listing is over (the page was empty or repeated). */
  const take = (items: T[], total: number | undefined, offset: number): boolean => {
    if (ended) return false;
    if (items.length === 0) return !(ended = true);
    if (key) {
      const page = new Set<string>();
      items = items.filter((item) => {
        const k = key(item);
        if (seen.has(k) || page.has(k)) return false;
        page.add(k);
        return true;
      });
      if (offset > 0 && items.length === 0) {
        repeatedAt = offset;
        return !(ended = true);
      }
      seen.push(page);
    }
    served += items.length;
    const stop = opts.until ? items.findIndex(opts.until) : -1;
    if (stop >= 0) {
      items = items.slice(0, stop);
      ended = cut = true;
    }
    if (opts.skip) items = items.filter((item) => !opts.skip!(item));
    const room = limit - fetched;
    if (room <= 0) return !(ended = cut = true);
    const kept = items.length > room ? items.slice(0, room) : items;
    fetched += kept.length;
    if (kept.length > 0) opts.onPage(kept, total);
    return !ended;
  };
  const drain = async (): Promise<void> => {
    if (opts.drain) await opts.drain();
  };

  const first = await fetchPage(0);
  const step = first.users.length;
  const total = validTotal(first.total);
  take(first.users, total, 0);
  await drain();
  if (step === 0 || fetched >= limit || ended) return { fetched, total };

  if (total === undefined) {
    for (let offset = step; fetched < limit; ) {
      const page = await fetchPage(offset);
      if (!take(page.users, undefined, offset)) break;
      offset += page.users.length;
      await drain();
    }
    return { fetched, total, repeatedAt };
  }

  const end = Math.min(total, limit);
  // An empty or repeated page stops asking as soon as it arrives, before the pages ahead of it are in.
  let stopAt = Infinity;
  async function* offsets(): AsyncGenerator<number> {
    for (let offset = step; offset < end && offset < stopAt && !ended; offset += step) yield offset;
  }
  /** The stretch [offset, offset + step) of the listing, asked for again after a short page. */
  const work = async (offset: number) => {
    const want = Math.min(step, total - offset);
    const users: T[] = [];
    for (let at = offset; users.length < want; ) {
      const page = await fetchPage(at);
      if (page.users.length === 0 || stopAt < offset) break;
      for (const u of page.users.slice(0, want - users.length)) users.push(u);
      at += page.users.length;
    }
    if (users.length === 0 || (key && users.every((u) => seen.has(key(u))))) stopAt = Math.min(stopAt, offset);
    return { offset, page: { users } };
  };
  await runOrdered(
    offsets(),
    opts.concurrency,
    work,
    ({ offset, page }) => void take(page.users, total, offset),
    drain,
  );
  const short = served < total && !cut && repeatedAt === undefined && fetched < limit;
  // Pages ran out before the total did: the count is what came, not what the server claimed.
  return { fetched, total: ended && fetched < end ? fetched : total, repeatedAt, ...(short ? { claimed: total } : {}) };
}
/** A count of users: a whole number, not negative. Anything else is no total at all. */
function validTotal(total: number | undefined): number | undefined {
  return total !== undefined && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}
