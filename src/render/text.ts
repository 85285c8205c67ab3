/** Small pure helpers for human output. Everything a server sends passes through clean(). */
import { graphemes } from './grid.js';
import { preview } from './preview.js';

// C0 controls, DEL, C1 controls, the bidi controls that can reorder what a terminal shows, the
// line/paragraph separators some terminals treat as newlines, and lone surrogates (invalid UTF-16,
// which would print as U+FFFD and hide what the server really sent).
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Make a server-supplied value safe to print: a name can carry terminal escape sequences or bidi
 * overrides. Control characters become visible escapes (ESC → "\x1b", RLO → "\u202e").
 */
export function clean(value: unknown, max = 500): string {
  let s =
    typeof value === 'string'
      ? value
      : value === undefined || value === null
        ? ''
        : typeof value === 'object'
          ? preview(value, max)
          : String(value);
  s = s.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  if (s.length > max) {
    // Never cut a character in half: an emoji's surrogate pair, a ZWJ sequence, a flag, a base and its marks.
    let end = 0;
    for (const g of graphemes(s)) {
      if (end + g.length > max - 1) break;
      end += g.length;
    }
    // One "character" longer than the cap (a letter under thousands of marks): cut by code point.
    if (end === 0) end = /[\ud800-\udbff]/.test(s[max - 2] ?? '') ? max - 2 : max - 1;
    s = `${s.slice(0, end)}…`;
  }
  return s;
}

/** Lone surrogates replaced by U+FFFD, so encodeURIComponent cannot throw on a server's string. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** "2023-07-10 16:44 UTC", or undefined for something that is not a date. */
export function formatDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return undefined;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const UNITS: Array<[string, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 years ago", "in 2 days", "just now": what Intl.RelativeTimeFormat('en') says, spelled out,
 * because creating one loads ICU's locale data, ~10 ms of every table (node --cpu-prof).
 */
export function relativeTime(value: unknown, now: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return undefined;
  const seconds = (t - now) / 1000;
  const abs = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (abs < size) continue;
    const n = Math.trunc(abs / size);
    const amount = `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${unit}${n === 1 ? '' : 's'}`;
    return seconds < 0 ? `${amount} ago` : `in ${amount}`;
  }
  return 'just now';
}

/** Rocket.Chat keeps utcOffset as hours (1, -3, 5.5). */
export function formatUtcOffset(value: unknown): string | undefined {
  const hours =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(hours) || Math.abs(hours) > 24) return undefined;
  const total = Math.round(Math.abs(hours) * 60);
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `UTC${hours < 0 ? '-' : '+'}${hh}:${mm}`;
}

const ROOM_TYPES: Record<string, string> = { c: 'channel', p: 'private', d: 'direct', l: 'omnichannel', v: 'voip' };

export function roomTypeName(t: unknown): string {
  if (typeof t !== 'string') return '';
  return Object.hasOwn(ROOM_TYPES, t) ? ROOM_TYPES[t]! : clean(t, 20);
}
