import { autocompleteUsers } from '../../api/finding.js';
import type { RocketChatClient } from '../../api/client.js';
import { handleOf } from '../../lib/values.js';
import { clean } from '../../render/text.js';
import { editDistance } from '../../lib/nearest.js';

/**
 * Longer than any username worth a suggestion: nothing is asked and no distance computed (a
 * 16,000-character typo took minutes and gigabytes; reliability catalog TM2).
 */
const MAX_TYPED = 64;

/** The edit distance (a swap of neighbours is one edit: jonh → john), case-insensitive, capped at max + 1. */
function distance(a: string, b: string, max: number): number {
  return editDistance(a.toLowerCase(), b.toLowerCase(), max);
}

/**
 * How far `candidate` is from what was typed: the smaller of the distance to the whole username (a
 * typo) and, half a point worse, to its start (a partial name: `alic` for `alice`).
 */
function score(typed: string, candidate: string, full: number, limit: number): number {
  const n = [...typed].length;
  // The candidate's first n characters, without spreading all of a name that may be megabytes long.
  const start = [...candidate.slice(0, 2 * n)].slice(0, n).join('');
  return Math.min(full, distance(typed, start, limit) + 0.5);
}

/** Up to `max` usernames near `typed`, nearest first; far-off ones are left out. */
export function rankSuggestions(typed: string, candidates: string[], max = 3): string[] {
  const n = [...typed].length;
  if (n > MAX_TYPED) return [];
  const limit = Math.max(1, Math.ceil(n / 3));
  // A name more than `limit` characters longer is never near as a whole (the distance is at least
  // the difference in length): its distance is not computed, which for a server's name of millions
  // of characters took seconds and hundreds of MB (at least length/2 characters: surrogate pairs).
  const fullDistance = (c: string): number => (c.length / 2 - n > limit ? Infinity : distance(typed, c, limit));
  return [...new Set(candidates)]
    .filter((c) => c !== typed)
    .map((c) => {
      const full = fullDistance(c);
      return { c, s: score(typed, c, full, limit), full };
    })
    .filter((x) => x.s <= limit)
    .sort((x, y) => x.s - y.s || x.full - y.full || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, max)
    .map((x) => x.c);
}

/** "did you mean @alice?", "did you mean @a or @b?", "did you mean @a, @b or @c?" */
export function didYouMeanUsers(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  const at = names.map((n) => clean(handleOf(n), 80));
  const list = at.length === 1 ? at[0] : `${at.slice(0, -1).join(', ')} or ${at.at(-1)}`;
  return `did you mean ${list}?`;
}

/** The most a hint may hold up a "not found": it is a courtesy, never worth a wait. */
export const SUGGEST_DEADLINE_MS = 3000;

/**
 * A second autocomplete term, for when the first three characters found nothing near: the start of
 * the next part when the first call was full (`anna.s` among many `ann…`), else the next part itself
 * (`doe` for `jnae.doe`), else the end of the word (`ce` for `ailce`).
 */
function secondTerm(chars: string[], firstWasFull: boolean): string | undefined {
  const text = chars.join('');
  const parts = text.split(/([._-])/);
  if (parts.length >= 3) {
    const next = [...parts[2]!];
    if (firstWasFull && next.length) return `${parts[0]}${parts[1]}${next[0]}`;
    const longest = parts.filter((_, i) => i >= 2 && i % 2 === 0).sort((a, b) => b.length - a.length)[0] ?? '';
    if ([...longest].length >= 2) return [...longest].slice(0, 3).join('');
  }
  const tail = chars.slice(chars.length <= 5 ? -2 : -3).join('');
  return tail.trim() && tail !== chars.slice(0, 3).join('') ? tail : undefined;
}

/**
 * Near usernames for one that found nobody, from at most two autocomplete calls (open to every
 * caller): the first three characters, then a second term (secondTerm) leaving out what the first
 * found. Never waits for a rate limit (the client given has no wait) nor longer than the deadline;
 * any failure just means no suggestion.
 */
export async function suggestUsernames(
  client: RocketChatClient,
  typed: string,
  deadlineMs = SUGGEST_DEADLINE_MS,
): Promise<string[]> {
  const chars = [...typed];
  if (chars.length < 3 || chars.length > MAX_TYPED) return [];
  const prefix = chars.slice(0, 3).join('');
  if (prefix.trim() === '') return [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const names = (found: Awaited<ReturnType<typeof autocompleteUsers>>) =>
    found.map((u) => u.user.username).filter((u): u is string => typeof u === 'string');
  const seen: string[] = [];
  try {
    const first = await Promise.race([autocompleteUsers(client, prefix), deadline]);
    if (first === 'late') return [];
    seen.push(...names(first));
    const ranked = rankSuggestions(typed, seen);
    if (ranked.length) return ranked;
    const term = secondTerm(chars, first.length >= 10);
    if (term === undefined) return [];
    const second = await Promise.race([autocompleteUsers(client, term, seen.slice(0, 50)), deadline]);
    if (second === 'late') return rankSuggestions(typed, seen);
    return rankSuggestions(typed, [...seen, ...names(second)]);
  } catch {
    return rankSuggestions(typed, seen);
  } finally {
    clearTimeout(timer);
  }
}
