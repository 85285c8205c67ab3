/**
 * Catalog: hostile server data, at the renderer. Whatever a server puts in a user object, human
 * output is printable text: no raw control character, no bidi override, no crash, aligned tables.
 */
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/api/types.js';
import { cutToWidth } from '../../src/render/fit.js';
import { displayWidth, renderGrid } from '../../src/render/grid.js';
import { renderRooms } from '../../src/render/rooms.js';
import { renderSummary } from '../../src/render/summary.js';
import { clean } from '../../src/render/text.js';
import { renderUser } from '../../src/render/user.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const opts = { color: false, now: NOW, server: 'https://chat.example.com' };

/** C0 except \n, DEL, C1, bidi controls, line/paragraph separators, lone surrogates. */
const RAW_UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** chalk's own SGR codes are the only escape sequences allowed, and only with color on. */
const stripSgr = (s: string) => s.replace(/\u001b\[\d+(?:;\d+)*m/g, '');

function expectSafe(out: string, color = false): void {
  expect(color ? stripSgr(out) : out).not.toMatch(RAW_UNSAFE);
}

function expectAligned(table: string): void {
  const lines = table.split('\n').filter((l) => /^[┌├│└]/.test(l));
  const widths = new Set(lines.map((l) => displayWidth(l)));
  expect(widths.size).toBe(1);
}

const ESC_NAME = 'Evil \u001b[31mRed\u001b[0m \u001b]0;pwned\u0007 \u009b2J';

describe('catalog: hostile data in human output', () => {
  it('H1 ESC and OSC sequences in user fields are shown as visible escapes', () => {
    const out = renderUser(
      {
        _id: 'u\u001b[2J',
        name: ESC_NAME,
        username: 'e\u001bvil',
        nickname: '\u0007bell',
        bio: 'a\rb',
        statusText: 'x\u001b[Ay',
      },
      opts,
    );
    expectSafe(out);
    expect(out).toContain('Evil \\x1b[31mRed\\x1b[0m \\x1b]0;pwned\\x07 \\x9b2J');
    expect(out).toContain('a\\x0db');
  });

  it('H2 C1 controls (8-bit CSI, NEL) are escaped too, even with color on', () => {
    const out = renderUser(
      { name: 'a\u009b31mb\u0085c', username: 'u', status: 'online\u009b' },
      { ...opts, color: true },
    );
    expectSafe(out, true);
    expect(out).toContain('a\\x9b31mb\\x85c');
  });

  it('H3 bidi overrides cannot reorder a name, a role or a room', () => {
    const rlo = 'admin\u202egnp.exe\u202c';
    const out =
      renderUser({ name: rlo, username: 'u\u2066x\u2069', roles: [rlo] }, opts) +
      renderRooms([{ rid: 'r', name: rlo, t: 'c' }], { color: false });
    expectSafe(out);
    expect(out).toContain('admin\\u202egnp.exe\\u202c');
  });

  it('H4 a 100,000-character name is cut with an ellipsis', () => {
    const out = renderUser({ name: 'A'.repeat(100_000), username: 'long' }, opts);
    expect(out.split('\n')[0]!.length).toBeLessThan(600);
    expect(out).toContain('…');
  });

  it('H5 emoji, CJK and combining marks keep the rooms table aligned', () => {
    const rooms = [
      { rid: 'a', name: '日本語の部屋', t: 'c', unread: 1 },
      { rid: 'b', name: 'party 🎉🎉', t: 'p', unread: 22, roles: ['owner'] },
      { rid: 'c', name: 'fami\u0301ly 👨‍👩‍👧 🇫🇷', t: 'd' },
      { rid: 'ｆｕｌｌ', name: '한국어', t: 'l' },
    ];
    const out = renderRooms(rooms, { color: false });
    expectAligned(out);
    expect(out).toContain('👨‍👩‍👧');
  });

  it('H6 an empty user object renders a heading and nothing else', () => {
    expect(renderUser({}, opts)).toBe('unknown user\n');
  });

  it('H7 rooms that are not a list are reported, not rendered', () => {
    expect(renderRooms('general', { color: false })).toBe('Rooms: the server sent string instead of a list\n');
    expect(renderRooms(null, { color: false })).toBe('Rooms: the server sent null instead of a list\n');
    expect(renderRooms({ 0: { name: 'x' } }, { color: false })).toBe(
      'Rooms: the server sent object instead of a list\n',
    );
  });

  it('H8 numbers as strings (utcOffset, unread, dates as numbers) render', () => {
    const out = renderUser(
      {
        username: 'n',
        utcOffset: '5.5' as unknown as number,
        createdAt: 1700000000000 as unknown as string,
        active: 'true' as unknown as boolean,
      },
      opts,
    );
    expect(out).toContain('UTC+05:30');
    expect(out).toContain('2023-11-14 22:13 UTC');
    const rooms = renderRooms([{ rid: 'r', name: 'x', t: 'c', unread: '3' as unknown as number }], { color: false });
    expect(rooms).toMatch(/│\s+3 │/);
  });

  it('H9 nulls everywhere and unknown extra fields neither crash nor leak', () => {
    const nulls = Object.fromEntries(
      [
        '_id',
        'name',
        'username',
        'status',
        'roles',
        'emails',
        'createdAt',
        'utcOffset',
        'customFields',
        'services',
        'rooms',
      ].map((k) => [k, null]),
    );
    const out = renderUser(
      { ...nulls, futureField: { deep: ['x'] }, e2e: { private_key: 'SECRET-KEY' } } as User,
      opts,
    );
    expectSafe(out);
    expect(out).not.toContain('SECRET-KEY');
    expect(out).not.toContain('futureField');
  });

  it('H10 wrong types: roles as a string, emails as a string, customFields as a list', () => {
    const out = renderUser(
      {
        username: 'w',
        roles: 'admin' as unknown as string[],
        emails: 'a@b.c' as unknown as [],
        customFields: ['x'] as unknown as Record<string, unknown>,
        createdAt: 'yesterday',
      },
      opts,
    );
    expectSafe(out);
    expect(out).toContain('Roles');
    expect(out).toContain('yesterday');
  });

  it('H11 rooms with null, numbers and strings in the list are rows, not crashes', () => {
    const out = renderRooms([null, 42, 'x\u001b', { rid: 'ok', name: 'fine', t: 'c' }], { color: false });
    expectSafe(out);
    expect(out).toContain('Rooms (4)');
    expectAligned(out);
  });

  it('H12 a user in 50,000 rooms renders every room', () => {
    const rooms = Array.from({ length: 50_000 }, (_, i) => ({
      _id: `s${i}`,
      rid: `R${i}`,
      name: i % 2 ? `room-${i}` : `部屋-${i} 🎉`,
      t: 'c',
      unread: i % 9,
    }));
    const out = renderRooms(rooms, { color: false });
    expect(out.split('\n')).toHaveLength(50_000 + 6);
    expect(out).toContain('部屋-49998 🎉');
  });

  it('H13 the several-users summary escapes hostile values and errors', () => {
    const out = renderSummary(
      [
        { query: 'a\u001b[2J', user: { username: 'x\u202e', name: '\u009bn', roles: ['r\u0007'] } },
        { query: 'b', error: 'bad \u001b]8;;http://evil\u0007link' },
      ],
      { color: false },
    );
    expectSafe(out);
  });
  it('H14 a 10,000-character name: the card heading fits the terminal, the username and an ID stay whole', () => {
    const long = {
      name: 'N'.repeat(10_000),
      username: 'alice',
      status: 'online',
      statusText: 'S'.repeat(100),
      _id: 'u1',
    };
    for (const columns of [40, 60, 80]) {
      const head = renderUser(long, { ...opts, columns }).split('\n')[0]!;
      expect(displayWidth(head)).toBeLessThan(columns);
      expect(head).toContain('(@alice)  ● online · SSSSSS');
      expect(head).toMatch(/^N+… \(@alice\)/);
    }
    // Wide characters are measured as two columns.
    const cjk = renderUser({ name: '漢'.repeat(5_000), username: 'bob' }, { ...opts, columns: 60 }).split('\n')[0]!;
    expect(displayWidth(cjk)).toBeLessThan(60);
    // A username or an ID is never cut, even when it alone is wider than the terminal.
    const id = 'x'.repeat(100);
    expect(renderUser({ name: 'N'.repeat(10_000), username: id }, { ...opts, columns: 60 }).split('\n')[0]).toContain(
      `(@${id})`,
    );
    expect(renderUser({ _id: id }, { ...opts, columns: 60 }).split('\n')[0]).toBe(id);
    // Not a terminal: the heading is as long as the name's 500-character cap.
    expect(renderUser(long, opts).split('\n')[0]!.length).toBeGreaterThan(500);
  });

  it('H15 Kana Supplement, Tangut and Nushu are two columns wide; Hangul medial and final jamo are none', () => {
    // 𛀀𛀁 (U+1B000, U+1B001: hentaigana), 𗀀 (Tangut), 𛅰 (Nushu); 각 spelled in jamo: ᄀ U+1100, ᅡ U+1161, ᆨ U+11A8.
    expect(displayWidth('\u{1b000}\u{1b001}')).toBe(4);
    expect(displayWidth('\u{17000}\u{1b170}')).toBe(4);
    expect(displayWidth('\u1100\u1161\u11a8')).toBe(2);
    expect(displayWidth('\u1100\u1161\u11a8'.normalize('NFC'))).toBe(2);
    // Jamo Extended-B (U+D7B0–U+D7FF) medial and final too; Extended-A (U+A960) leading ones are wide.
    expect(displayWidth('\ua960\ud7b0\ud7cb')).toBe(2);
    const names = ['\u{1b000}\u{1b001}\u{1b002}', '\u1100\u1161\u11a8\u1100\u1161', 'plain', '\u{1b150}\u{1b164}'];
    expectAligned(
      renderGrid(
        ['Name', 'ID'],
        names.map((n, i) => [n, `id${i}`]),
      ),
    );
    expectAligned(
      renderRooms(
        names.map((name, i) => ({ rid: `r${i}`, name, t: 'c' })),
        { color: false },
      ),
    );
  });

  it('H16 emoji ZWJ sequences, flags and skin tones are never cut in the middle', () => {
    const family = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}';
    const flag = '\u{1f1ef}\u{1f1f5}';
    const thumb = '\u{1f44d}\u{1f3fd}';
    // Each is one character two columns wide: four fit in 9 columns with the "…".
    expect(cutToWidth(family.repeat(20), 9)).toBe(`${family.repeat(4)}…`);
    expect(cutToWidth(flag.repeat(20), 9)).toBe(`${flag.repeat(4)}…`);
    expect(cutToWidth(thumb.repeat(20), 9)).toBe(`${thumb.repeat(4)}…`);
    expect(cutToWidth(`ab${family}`, 3)).toBe('ab…');
    // The 500-character cap on a server's value cuts between sequences too.
    const capped = clean(family.repeat(200));
    expect(capped.endsWith(`${family}…`)).toBe(true);
    expect(capped.length).toBeLessThanOrEqual(500);
    const combining = clean('e\u0301'.repeat(400));
    expect(combining.endsWith('e\u0301…')).toBe(true);
    // In the card heading at 40 columns: whole sequences, then "…", and the heading fits.
    const head = renderUser({ name: family.repeat(100), username: 'fam' }, { ...opts, columns: 40 }).split('\n')[0]!;
    expect(head).toMatch(new RegExp(`^(?:${family})+… \\(@fam\\)$`, 'u'));
    expect(displayWidth(head)).toBeLessThan(40);
  });
});

// Arbitrary strings biased toward the characters that cause trouble.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '\u001b',
      '[',
      '3',
      '1',
      'm',
      '\u0007',
      '\u009b',
      '\u202e',
      '\u2066',
      '\n',
      '\r',
      'é',
      '\u0301',
      '日',
      '🎉',
      '\u200d',
      '\ud800',
      'a',
    ),
    maxLength: 40,
  }),
);
const loose = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 3 }),
  fc.dictionary(nasty, nasty, { maxKeys: 3 }),
);
const userArb = fc.record(
  {
    _id: loose,
    name: loose,
    username: loose,
    nickname: loose,
    status: loose,
    statusText: loose,
    type: loose,
    active: loose,
    roles: fc.oneof(fc.array(loose, { maxLength: 4 }), loose),
    emails: fc.oneof(fc.array(fc.record({ address: loose, verified: loose }), { maxLength: 3 }), loose),
    createdAt: loose,
    lastLogin: loose,
    utcOffset: loose,
    bio: loose,
    customFields: fc.oneof(fc.dictionary(nasty, loose, { maxKeys: 4 }), loose),
    services: loose,
    requirePasswordChange: loose,
    requirePasswordChangeReason: loose,
  },
  { requiredKeys: [] },
);
const roomArb = fc.oneof(
  fc.record(
    {
      rid: loose,
      name: loose,
      t: loose,
      unread: loose,
      roles: fc.oneof(fc.array(loose, { maxLength: 3 }), loose),
      federated: loose,
    },
    { requiredKeys: [] },
  ),
  loose,
);

describe('catalog: property-based (fast-check)', () => {
  it('F1 random users render without throwing and without a raw control character', () => {
    fc.assert(
      fc.property(userArb, fc.boolean(), (user, color) => {
        const out = renderUser(user as User, { ...opts, color });
        expectSafe(out, color);
      }),
      { numRuns: 500 },
    );
  });

  it('F2 random room lists render safely and stay aligned', () => {
    fc.assert(
      fc.property(fc.array(roomArb, { minLength: 1, maxLength: 12 }), (rooms) => {
        const out = renderRooms(rooms, { color: false });
        expectSafe(out);
        expectAligned(out);
      }),
      { numRuns: 300 },
    );
  });

  it('F3 clean() never lets an unsafe character through and respects its length limit', () => {
    fc.assert(
      fc.property(nasty, fc.integer({ min: 2, max: 50 }), (s, max) => {
        const out = clean(s, max);
        expect(out).not.toMatch(RAW_UNSAFE);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 1000 },
    );
  });

  it('F4 the fast grid draws exactly what cli-table3 draws (wide and combining text included)', () => {
    const cellText = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', '-', 'é', 'e\u0301', '日', '本', '한', 'ｆ', '🎉', '😀', '👍🏽', '👨‍👩‍👧'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((n) =>
            fc.tuple(
              fc.array(cellText, { minLength: n, maxLength: n }),
              fc.array(fc.array(cellText, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
              fc.array(fc.constantFrom<'left' | 'right'>('left', 'right'), { minLength: n, maxLength: n }),
            ),
          ),
        ([head, rows, align]) => {
          const t = new Table({
            head,
            colAligns: align,
            style: { head: [], border: [] },
            chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
          });
          for (const r of rows) t.push(r);
          const lines = t.toString().split('\n');
          const expected = [
            lines[0],
            lines[1],
            lines[0]!.replace('┌', '├').replace(/┬/g, '┼').replace('┐', '┤'),
            ...lines.slice(2),
          ].join('\n');
          expect(renderGrid(head, rows, align)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('F5 random batches render a safe summary', () => {
    const row = fc.record({
      query: nasty,
      user: fc.option(userArb, { nil: undefined }),
      error: fc.option(nasty, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        expectSafe(renderSummary(rows as never, { color: false }));
      }),
      { numRuns: 200 },
    );
  });
});
