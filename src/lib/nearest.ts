/** "Did you mean …?" for names people type: commands, help topics, profile names, usernames (commands/info/suggest.ts). */

/**
 * Edits (insert, delete, change, swap two neighbours) that turn a into b, counted in characters (code
 * points); anything over `max` is reported as max + 1. Only a band of 2·max + 1 cells per row is
 * computed, in three rows: a 16,000-character typo against long names took 244 s and 3.7 GB as a
 * full table (reliability catalog TM2).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  const over = Math.min(max, Math.max(s.length, t.length)) + 1;
  if (Math.abs(s.length - t.length) >= over) return over;
  const band = Math.min(over, Math.max(s.length, t.length));
  let before = new Array<number>(t.length + 1).fill(over);
  let prev = Array.from({ length: t.length + 1 }, (_, j) => Math.min(j, over));
  let row = new Array<number>(t.length + 1).fill(over);
  for (let i = 1; i <= s.length; i++) {
    row.fill(over);
    row[0] = Math.min(i, over);
    const from = Math.max(1, i - band);
    const to = Math.min(t.length, i + band);
    let best = row[0];
    for (let j = from; j <= to; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = Math.min(v, over);
      if (row[j]! < best) best = row[j]!;
    }
    // Every cell of this row is already over the limit: so is the answer.
    if (best >= over) return over;
    [before, prev, row] = [prev, row, before];
  }
  return prev[t.length]!;
}

/**
 * The candidate `word` most likely meant: one that starts with it (a name typed short, such as
 * `127.0.0.1` for `127.0.0.1:45555`), else the closest within a third of its length (at least one edit).
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (!w) return undefined;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w) && c.length > w.length);
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(w.length / 3)) + 1;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase(), bestDistance - 1);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

/** " (did you mean x?)", or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const n = nearest(word, candidates);
  return n === undefined ? '' : ` (did you mean ${n}?)`;
}

/** Words people type to look a user up: they point to info and search, never to a command that changes state. */
const LOOKUP_WORDS = new Set([
  'lookup',
  'look',
  'get',
  'show',
  'find',
  'user',
  'users',
  'usr',
  'query',
  'who',
  'whois',
  'view',
  'describe',
  'member',
  'members',
  'people',
]);

/** Commands that change state (end a session, switch profiles): suggested only for a one-edit typo of their own name. */
const STATEFUL = new Set(['login', 'logout', 'use']);

/**
 * The fix for an unknown command `word` (followed by `rest`), among `commands`: a lookup word points
 * to info and search; a near read-only command is suggested by closeness; a command that changes
 * state only for a one-edit typo of a word that does not look like a lookup.
 */
export function suggestCommand(word: string, rest: readonly string[], commands: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const arg = rest[0] !== undefined && /^[\w.@:+-]{1,80}$/.test(rest[0]) ? rest[0] : undefined;
  if (LOOKUP_WORDS.has(w)) {
    return arg
      ? `to look a user up: rcuser info ${arg}; to find users by name: rcuser search ${arg}`
      : 'to look a user up: rcuser info <user>; to find users by name: rcuser search <term>';
  }
  const safe = nearest(
    word,
    commands.filter((c) => !STATEFUL.has(c)),
  );
  if (safe) return `did you mean ${safe}?`;
  const stateful = commands.filter((c) => STATEFUL.has(c) && w.length >= 3 && editDistance(w, c) === 1);
  if (stateful.length === 1) return `did you mean ${stateful[0]}?`;
  // A lone word that is no command is most likely a username.
  if (rest.length === 0 && /^@?[\w.-]{1,80}$/.test(word)) return `to look a user up: rcuser info ${word}`;
  return undefined;
}
