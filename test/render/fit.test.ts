import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalWidth } from '../../src/iostreams/io.js';
import { BOX, cutToWidth, fitTable, renderStacked, type ColumnFit } from '../../src/render/fit.js';
import { displayWidth } from '../../src/render/grid.js';

const width = (cols: string[][]) =>
  BOX.fixed + cols[0]!.reduce((a, _, i) => a + BOX.perColumn + Math.max(...cols.map((r) => displayWidth(r[i]!))), 0);

const HEAD = ['Username', 'Name', 'Status', 'Roles', 'ID'];
const FITS: ColumnFit[] = [
  { kind: 'keep' },
  { kind: 'free' },
  { kind: 'keep', drop: 1 },
  { kind: 'free', drop: 2 },
  { kind: 'keep' },
];
const ROWS = [
  ['test.john', 'Test John Smith-Jones of Somewhere', 'offline', 'user, admin, livechat-agent', '5fRTXMt7DMJbpPJfh'],
  ['jane.doe', 'Jane', 'online', 'user', 'WDuJLFkjwk6L7LdFC'],
];

describe('fitTable', () => {
  it('drops a column the user asked for last, whatever its rank, and says which it dropped', () => {
    const asked: ColumnFit[] = FITS.map((f, i) => (i === 2 ? { ...f, drop: 0, asked: true } : f));
    const f = fitTable(HEAD, ROWS, asked, 55);
    expect(f.dropped).toEqual([3]);
    expect(f.head).toContain('Status');
    expect(fitTable(HEAD, ROWS, FITS, 55).dropped).toEqual([2]);
  });

  it('keeps everything when there is no width or room enough', () => {
    expect(fitTable(HEAD, ROWS, FITS, undefined).rows).toEqual(ROWS);
    expect(fitTable(HEAD, ROWS, FITS, 200).rows).toEqual(ROWS);
  });

  it('shrinks free text first, widest first, and never cuts an ID or a username', () => {
    const natural = width([HEAD, ...ROWS]);
    const f = fitTable(HEAD, ROWS, FITS, natural - 10);
    expect(f.head).toEqual(HEAD);
    expect(width([f.head, ...f.rows])).toBe(natural - 10);
    expect(f.rows[0]![0]).toBe('test.john');
    expect(f.rows[0]![4]).toBe('5fRTXMt7DMJbpPJfh');
    expect(f.rows[0]![1]).toMatch(/…$/);
  });

  it('then drops low-value columns, in their order', () => {
    const f = fitTable(HEAD, ROWS, FITS, 60);
    expect(f.head).toEqual(['Username', 'Name', 'Roles', 'ID']);
    expect(width([f.head, ...f.rows])).toBeLessThanOrEqual(60);
    const g = fitTable(HEAD, ROWS, FITS, 45);
    expect(g.head).toEqual(['Username', 'Name', 'ID']);
    expect(width([g.head, ...g.rows])).toBeLessThanOrEqual(45);
    expect(g.rows.map((r) => r[2])).toEqual(['5fRTXMt7DMJbpPJfh', 'WDuJLFkjwk6L7LdFC']);
  });

  it('a table that cannot fit keeps its IDs whole, and says so', () => {
    expect(fitTable(HEAD, ROWS, FITS, 45).fits).toBe(true);
    const f = fitTable(HEAD, ROWS, FITS, 20);
    expect(f.fits).toBe(false);
    expect(f.rows.map((r) => r[f.head.indexOf('ID')])).toEqual(['5fRTXMt7DMJbpPJfh', 'WDuJLFkjwk6L7LdFC']);
  });

  it('property: fits whenever the kept columns can, and keep-columns are never cut', () => {
    const cell = fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x'));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell, cell, cell), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 30, max: 220 }),
        (rows, cols) => {
          const f = fitTable(HEAD, rows, FITS, cols);
          const keepIdx = f.keep.filter((i) => FITS[i]!.kind === 'keep');
          for (const [r, row] of rows.entries())
            for (const i of keepIdx) expect(f.rows[r]![f.keep.indexOf(i)]).toBe(row[i]);
          const minimum =
            BOX.fixed +
            f.keep.reduce(
              (a, i) =>
                a +
                BOX.perColumn +
                (FITS[i]!.kind === 'keep'
                  ? Math.max(displayWidth(HEAD[i]!), ...rows.map((x) => displayWidth(x[i]!)))
                  : Math.min(
                      Math.max(displayWidth(HEAD[i]!), 8),
                      Math.max(displayWidth(HEAD[i]!), ...rows.map((x) => displayWidth(x[i]!))),
                    )),
              0,
            );
          if (minimum <= cols) expect(width([f.head, ...f.rows])).toBeLessThanOrEqual(cols);
        },
      ),
    );
  });
});

describe('a rare cell far wider than its column (keep-most)', () => {
  const head = ['Username', 'Name', 'ID'];
  const fits: ColumnFit[] = [{ kind: 'keep-most' }, { kind: 'free' }, { kind: 'keep' }];
  const many = (n: number, long: string[]) =>
    Array.from({ length: n }, (_, i) => [
      `user.${String(i).padStart(3, '0')}`,
      `Some Person ${i}`,
      `id${i}`.padEnd(17, 'x'),
    ]).concat([long]);

  it("in a 300-row table, the one long username is cut to the others' width; the rest stay whole", () => {
    const rows = many(300, ['a'.repeat(45), 'Long One', 'LoNgUsErNaMe12345']);
    const f = fitTable(head, rows, fits, 60);
    expect(f.head).toEqual(head);
    // 60 columns leave 50 for the cells: 17 for the ID, 15 for the names, 18 for the usernames.
    expect(f.rows.at(-1)![0]).toBe(`${'a'.repeat(17)}…`);
    expect(f.rows.slice(0, -1).map((r) => r.slice(0, 2))).toEqual(rows.slice(0, -1).map((r) => r.slice(0, 2)));
  });

  it('only as much as the width needs, and never in a short table', () => {
    const rows = many(300, ['a'.repeat(45), 'Long One', 'LoNgUsErNaMe12345']);
    expect(fitTable(head, rows, fits, 80).rows.at(-1)![0]).toBe(`${'a'.repeat(37)}…`);
    // Never narrower than the other usernames (8 columns).
    expect(fitTable(head, rows, fits, 40).rows.at(-1)![0]).toBe(`${'a'.repeat(7)}…`);
    expect(fitTable(head, rows, fits, 30).rows[0]![0]).toBe('user.000');
    expect(fitTable(head, rows, fits, 100).rows.at(-1)![0]).toBe('a'.repeat(45));
    const short = many(10, ['a'.repeat(45), 'Long One', 'LoNgUsErNaMe12345']);
    expect(fitTable(head, short, fits, 60).rows.at(-1)![0]).toBe('a'.repeat(45));
  });

  it('usernames that merely vary in length are not cut: only one far wider than the rest', () => {
    const rows = many(300, ['a'.repeat(12), 'Long One', 'LoNgUsErNaMe12345']);
    expect(fitTable(head, rows, fits, 40).rows.at(-1)![0]).toBe('a'.repeat(12));
  });

  it('an ID column is never cut, however rare its long cell', () => {
    const rows = many(300, ['zed', 'Zed', 'x'.repeat(45)]);
    const f = fitTable(head, rows, fits, 60);
    expect(f.rows.at(-1)![2]).toBe('x'.repeat(45));
  });
});

describe('cutToWidth and terminalWidth', () => {
  it('cuts wide characters by the columns they take', () => {
    expect(cutToWidth('日本語のテキスト', 7)).toBe('日本語…');
    expect(cutToWidth('short', 10)).toBe('short');
  });
  it('stdout columns, else $COLUMNS, else no limit', () => {
    expect(terminalWidth(true, 60, { COLUMNS: '100' })).toBe(60);
    expect(terminalWidth(false, undefined, { COLUMNS: '100' })).toBe(100);
    expect(terminalWidth(false, undefined, {})).toBeUndefined();
    expect(terminalWidth(false, undefined, { COLUMNS: 'wide' })).toBeUndefined();
  });
});

describe('renderStacked', () => {
  it('one block per row; free text cut, IDs whole, empty cells left out', () => {
    const out = renderStacked(HEAD, [...ROWS, ['roxie', '', '', '', 'aUd1tRm5Qx8Yp3ZwK']], FITS, 30);
    expect(out).toBe(
      [
        'test.john',
        '  Name    Test John Smith-Jo…',
        '  Status  offline',
        '  Roles   user, admin, livec…',
        '  ID      5fRTXMt7DMJbpPJfh',
        '',
        'jane.doe',
        '  Name    Jane',
        '  Status  online',
        '  Roles   user',
        '  ID      WDuJLFkjwk6L7LdFC',
        '',
        'roxie',
        '  ID      aUd1tRm5Qx8Yp3ZwK',
      ].join('\n'),
    );
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThan(30);
  });
});
