import { describe, expect, it } from 'vitest';
import { renderRooms } from '../../src/render/rooms.js';
import { renderTable, table, truncateToWidth } from '../../src/render/table.js';
import { displayWidth } from '../../src/render/grid.js';
import { renderSummary } from '../../src/render/summary.js';
import { roomTypeName } from '../../src/render/text.js';
import { TEST_JOHN_ROOMS, testJohn, testJohnRooms } from './fixtures.js';

describe('renderRooms', () => {
  it("renders test.john's rooms with a rule under the heading and none between rows", () => {
    expect(renderRooms(testJohnRooms(), { color: false })).toBe(TEST_JOHN_ROOMS);
  });

  it('fits a narrow terminal by dropping unread and roles, never by cutting a room id', () => {
    const out = renderRooms(testJohnRooms(), { color: false, columns: 64 });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(64);
    expect(out).toContain('│ roxie      │ direct  │ 5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ │');
    // Narrower than any table: one block per room, ids whole.
    const stacked = renderRooms(testJohnRooms(), { color: false, columns: 40 });
    expect(stacked).toContain(
      'roxie\n  Type     direct\n  Unread   2\n  Room ID\n    5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ\n',
    );
    for (const line of stacked.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    // Wide enough: nothing is cut.
    expect(renderRooms(testJohnRooms(), { color: false, columns: 200 })).toBe(
      renderRooms(testJohnRooms(), { color: false }),
    );
  });

  it('spells out every room type, marks federated rooms, and cleans names', () => {
    expect(['c', 'p', 'd', 'l', 'v', 'x\u001b', 7].map(roomTypeName)).toEqual([
      'channel',
      'private',
      'direct',
      'omnichannel',
      'voip',
      'x\\x1b',
      '',
    ]);
    const out = renderRooms(
      [{ rid: 'R1', name: 'ext\u001b[31m', t: 'l', federated: true, roles: ['owner', 'moderator'] }],
      { color: false },
    );
    expect(out).toBe(
      [
        'Rooms (1)',
        '┌─────────────┬─────────────────────────┬────────┬──────────────────┬─────────┐',
        '│ Room        │ Type                    │ Unread │ Roles            │ Room ID │',
        '├─────────────┼─────────────────────────┼────────┼──────────────────┼─────────┤',
        '│ ext\\x1b[31m │ omnichannel (federated) │        │ owner, moderator │ R1      │',
        '└─────────────┴─────────────────────────┴────────┴──────────────────┴─────────┘',
        '',
      ].join('\n'),
    );
  });

  it('says so when there are no rooms, or the server sent something else', () => {
    expect(renderRooms([], { color: false })).toBe('Rooms: none\n');
    expect(renderRooms(null, { color: false })).toBe('Rooms: the server sent null instead of a list\n');
    expect(renderRooms('x', { color: false })).toBe('Rooms: the server sent string instead of a list\n');
  });

  it('bolds the heading only with color on', () => {
    expect(renderRooms(testJohnRooms(), { color: true })).toContain('\u001b[1mRoom\u001b[22m');
    expect(renderRooms(testJohnRooms(), { color: false })).not.toContain('\u001b');
  });
});

describe('table() with shrinkable columns (the fitting other tables use)', () => {
  it('shrinks the widest shrinkable column first; when even that is not enough, one block per row', () => {
    const head = ['A', 'B'];
    const rows = [['aaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']];
    const draw = (maxWidth?: number) => table({ style: 'box', head, rows, color: false, maxWidth, shrinkable: [0, 1] });
    // natural width: 1 + (20+3) + (30+3) = 57
    expect(draw(57)).toBe(draw(undefined));
    expect(draw(47)).toContain('│ aaaaaaaaaaaaaaaaaaaa │ bbbbbbbbbbbbbbbbbbb… │');
    expect(draw(10).split('\n')[0]).toBe('aaaaaaaa…');
  });
});

describe('fitting wide text', () => {
  it('measures and cuts by terminal columns, so a table of wide characters still fits', () => {
    const head = ['Room', 'Room ID'];
    const rows = [['会議室会議室会議室会議室', 'x'.repeat(12)]];
    const drawn = table({ style: 'box', head, rows, color: false, maxWidth: 30, shrinkable: [0] });
    expect(drawn).toContain('会議室会議…');
    for (const line of drawn.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
  });

  it('truncateToWidth never splits a wide character over the limit', () => {
    expect(truncateToWidth('abc', 3)).toBe('abc');
    expect(truncateToWidth('日本語テキスト', 6)).toBe('日本…');
    expect(displayWidth(truncateToWidth('👩‍💻👩‍💻👩‍💻', 5))).toBeLessThanOrEqual(5);
  });
});

describe('renderTable', () => {
  it('draws a long list with the linear grid, line for line as cli-table3 draws a short one', () => {
    const head = ['Query', 'Username'];
    const row = (i: number) => [`q${i % 7}`, `user-${i % 5}`];
    const short = renderTable(
      head,
      Array.from({ length: 3 }, (_, i) => row(i)),
      { color: false },
    );
    const long = renderTable(
      head,
      Array.from({ length: 5003 }, (_, i) => row(i)),
      { color: false },
    );
    const longLines = long.split('\n');
    expect(longLines).toHaveLength(5003 + 4);
    // Same frame and the same first rows as cli-table3's (the widths match: same cell set).
    expect(longLines.slice(0, 6)).toEqual(short.split('\n').slice(0, 6));
    expect(longLines.at(-1)).toBe(short.split('\n').at(-1));
  });
});

describe('renderSummary', () => {
  it('one row per query in input order, failures say why, then the counts', () => {
    const john = testJohn();
    const out = renderSummary(
      [
        { query: 'test.john', user: john },
        { query: 'nobody', notFound: true, error: 'User not found.', status: 400 },
        { query: 'id:', error: 'Invalid search query.', status: 400 },
        {
          query: 'old',
          user: {
            username: 'old.timer',
            name: 'Old Timer',
            status: 'offline',
            type: 'user',
            active: false,
            roles: ['user'],
            _id: 'oLd',
          },
        },
      ],
      { color: false },
    );
    expect(out).toBe(
      [
        '┌───────────┬─────────────────────────────────────────┬───────────┬─────────┬───────────────────┬─────────────┬───────────────────┐',
        '│ Query     │ Username                                │ Name      │ Status  │ Type              │ Roles       │ ID                │',
        '├───────────┼─────────────────────────────────────────┼───────────┼─────────┼───────────────────┼─────────────┼───────────────────┤',
        '│ test.john │ test.john                               │ Test John │ offline │ user              │ user, admin │ 5fRTXMt7DMJbpPJfh │',
        '│ nobody    │ not found                               │           │         │                   │             │                   │',
        '│ id:       │ error: Invalid search query. (HTTP 400) │           │         │                   │             │                   │',
        '│ old       │ old.timer                               │ Old Timer │ offline │ user, deactivated │ user        │ oLd               │',
        '└───────────┴─────────────────────────────────────────┴───────────┴─────────┴───────────────────┴─────────────┴───────────────────┘',
        '4 looked up: 2 found, 1 not found, 1 failed',
        '',
      ].join('\n'),
    );
  });
});
