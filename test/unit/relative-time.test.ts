/** relativeTime spells out what Intl.RelativeTimeFormat('en') says, without loading ICU at start-up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeTime } from '../../src/render/text.js';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** The reference: Intl's English, same units and rounding. */
function intl(seconds: number): string {
  const fmt = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return fmt.format(Math.trunc(seconds / size), unit);
  return 'just now';
}

describe('relativeTime', () => {
  it.each([
    0,
    59,
    60,
    61,
    119,
    120,
    3599,
    3600,
    86399,
    86400,
    6 * 86400,
    7 * 86400,
    29 * 86400,
    30 * 86400,
    364 * 86400,
    365 * 86400,
    1500 * 365 * 86400,
  ])('%i seconds either way reads as Intl says', (s) => {
    expect(relativeTime(NOW - s * 1000, NOW)).toBe(intl(-s));
    expect(relativeTime(NOW + s * 1000, NOW)).toBe(intl(s));
  });

  it('matches Intl for any date a server can send (thousands separators included)', () => {
    // ±8.64e15 ms is the whole range of a JavaScript Date.
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (t) => {
        expect(relativeTime(new Date(t).toISOString(), NOW)).toBe(intl((t - NOW) / 1000));
      }),
      { numRuns: 2000 },
    );
  });
});
