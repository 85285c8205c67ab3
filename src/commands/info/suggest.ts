import { autocompleteUsers } from '../../api/finding.js';
import type { RocketChatClient } from '../../api/client.js';
import { handleOf } from '../../lib/values.js';
import { clean } from '../../render/text.js';
import { editDistance } from '../../lib/nearest.js';

/** The edit distance (a swap of neighbours is one edit: jonh → john), case-insensitive. */
function distance(a: string, b: string): number {
  return editDistance(a.toLowerCase(), b.toLowerCase());
}

/**
 * How far `candidate` is from what was typed: the smaller of the distance to the whole username (a
 * typo) and, half a point worse, to its start (a partial name: `alic` for `alice`).
 */
function score(typed: string, candidate: string, full: number): number {
  return Math.min(full, distance(typed, candidate.slice(0, [...typed].length)) + 0.5);
}

/** Up to `max` usernames near `typed`, nearest first; far-off ones are left out. */
export function rankSuggestions(typed: string, candidates: string[], max = 3): string[] {
  const n = [...typed].length;
  const limit = Math.max(1, Math.ceil(n / 3));
  // A name more than `limit` characters longer is never near as a whole (the distance is at least
  // the difference in length): its distance is not computed, which for a server's name of millions
  // of characters took seconds and hundreds of MB (at least length/2 characters: surrogate pairs).
  const fullDistance = (c: string): number => (c.length / 2 - n > limit ? Infinity : distance(typed, c));
  return [...new Set(candidates)]
    .filter((c) => c !== typed)
    .map((c) => {
      const full = fullDistance(c);
      return { c, s: score(typed, c, full), full };
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

/**
 * One extra call for a username that found nobody: autocomplete on its first three characters
 * (open to every caller), ranked by edit distance. Any failure just means no suggestion.
 */
export async function suggestUsernames(client: RocketChatClient, typed: string): Promise<string[]> {
  const prefix = [...typed].slice(0, 3).join('');
  if (prefix.trim() === '') return [];
  try {
    const found = await autocompleteUsers(client, prefix);
    return rankSuggestions(typed, found.map((u) => u.user.username).filter((u): u is string => typeof u === 'string'));
  } catch {
    return [];
  }
}
