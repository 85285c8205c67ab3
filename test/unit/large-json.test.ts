/**
 * Large answers (issue 23, item 9): JSON checked without a tree, objects built member by member, the
 * re-indented output in pieces, and stdout's writer taking a long text a slice at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../src/api/errors.js';
import { Output } from '../../src/iostreams/stdout-writer.js';
import { isJson, LAZY_FROM, parseLazily } from '../../src/lib/lazy-json.js';
import { PIECE_CHARS, formatJson, jsonChunks, rawMembers } from '../../src/lib/rawjson.js';

/** Whether JSON.parse takes `s`. */
const parses = (s: string): boolean => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/** An object with ~`size` characters in each of a few members, of every kind. */
function bigUser(size: number): string {
  const rooms = Array.from({ length: Math.ceil(size / 48) }, (_, i) => ({ _id: `r${i}`, name: `room-${i}`, t: 'c' }));
  return JSON.stringify({
    _id: 'u1',
    username: 'big',
    roles: ['user'],
    customFields: { x: rooms, note: 'n'.repeat(size), deep: { deeper: { list: rooms, n: 1 } } },
    rooms,
    bio: 'é\u{1F600}'.repeat(size / 3),
    2: 'an integer-like key, which JSON.parse puts first',
    ['__proto__']: { polluted: true },
    dup: 1,
    n: -12.5e-3,
  }).replace('"n":-0.0125}', '"n":-12.5e-3,"dup":2}');
}

describe('isJson', () => {
  it('agrees with JSON.parse on JSON texts and on texts broken one character at a time', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 2 }), (value, at, junk) => {
        const text = JSON.stringify(value, null, at % 3);
        expect(isJson(text)).toBe(true);
        const cut = at % (text.length + 1);
        for (const broken of [text.slice(0, cut) + junk + text.slice(cut), text.slice(0, cut) + text.slice(cut + 1)])
          expect(isJson(broken)).toBe(parses(broken));
      }),
      { numRuns: 2000 },
    );
  });

  it('follows JSON.parse on the grammar’s corners', () => {
    const cases = [
      '',
      ' ',
      '{',
      '}',
      '[]',
      '[,]',
      '[1,]',
      '{"a":1,}',
      '{"a" 1}',
      '{a:1}',
      "{'a':1}",
      '01',
      '-',
      '-0',
      '1.',
      '.5',
      '1e',
      '1e+',
      '1E-2',
      '"\\u12"',
      '"\\u12G4"',
      '"\\x"',
      '"\t"',
      '"\u007f"',
      'tru',
      'nul',
      'true false',
      '[1]x',
      ' {"a":[true,false,null]} ',
      '"\\ud800"',
      '1 2',
      '[[[[]]]]',
      '{"":{"":[]}}',
      '\u00a01',
    ];
    for (const text of cases) expect([text, isJson(text)]).toEqual([text, parses(text)]);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(isJson(deep)).toBe(true);
    expect(isJson(deep.slice(1))).toBe(false);
  });
});

describe('parseLazily', () => {
  it('gives what JSON.parse gives for an object with large members: values, key order, __proto__, duplicates', () => {
    const text = bigUser(300_000);
    expect(text.length).toBeGreaterThan(LAZY_FROM);
    const lazy = parseLazily(text);
    const eager = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(lazy)).toEqual(Object.keys(eager));
    expect(lazy).toEqual(eager);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    expect(Object.getPrototypeOf(lazy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(lazy.dup).toBe(2);
  });

  it('parses a large member only when it is read, once; a written value replaces it', () => {
    const text = bigUser(200_000);
    const lazy = parseLazily(text);
    const rooms = Object.getOwnPropertyDescriptor(lazy, 'rooms')!;
    expect(rooms.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(lazy, 'username')!.value).toBe('big');
    // A large object one level down is built the same way.
    const custom = Object.getOwnPropertyDescriptor(lazy, 'customFields')!.value as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(custom, 'x')!.get).toBeTypeOf('function');
    const first = lazy.rooms;
    expect(lazy.rooms).toBe(first);
    expect(Object.getOwnPropertyDescriptor(lazy, 'rooms')!.value).toBe(first);
    lazy.bio = 'short';
    expect(lazy.bio).toBe('short');
    expect({ ...lazy, extra: 1 }).toMatchObject({ bio: 'short', extra: 1, username: 'big' });
  });

  it('parseJsonBody: a large body reads as JSON.parse would; a broken one is malformed JSON, as before', () => {
    const text = `{"user":${bigUser(400_000)},"success":true}`;
    const res = { status: 200, contentType: 'application/json', text, headers: {} } as never;
    expect(parseJsonBody(res, 'https://x', 'GET /api/v1/users.info')).toEqual(JSON.parse(text));
    const broken = {
      status: 200,
      contentType: 'application/json',
      text: `${text.slice(0, -1)},}`,
      headers: {},
    } as never;
    expect(() => parseJsonBody(broken, 'https://x', 'GET /api/v1/users.info')).toThrow(
      "did not answer GET /api/v1/users.info like Rocket.Chat's API: HTTP 200 with malformed JSON",
    );
  });

  it('rawMembers lists each member with its raw text, in order', () => {
    expect(rawMembers('{ "a" : [1, {"b":"}"}] ,"c":"x\\"y", "a":null}')).toEqual([
      ['a', '[1, {"b":"}"}]'],
      ['c', '"x\\"y"'],
      ['a', 'null'],
    ]);
    expect(rawMembers('[1]')).toEqual([]);
  });
});

describe('jsonChunks', () => {
  it('gives formatJson’s text in pieces of about PIECE_CHARS', () => {
    // Re-stringified: JSON.parse moves integer-like keys first and rewrites numbers; formatJson does not.
    const text = JSON.stringify(JSON.parse(bigUser(100_000)));
    const chunks = [...jsonChunks(text, 2)];
    expect(chunks.join('')).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(chunks.join('')).toBe(formatJson(text, 2));
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(PIECE_CHARS);
    for (const c of chunks) expect(c.length).toBeLessThan(PIECE_CHARS + 300_000);
  });
});

describe('Output and a long text', () => {
  it('writes a 3 MiB line in slices of at most 1 MiB, never splitting a character', async () => {
    const writes: Buffer[] = [];
    const out = new Output({
      fd: 1,
      writeSync: (_fd, data) => (writes.push(Buffer.from(data)), data.length),
      onReaderGone: () => undefined,
    });
    // A surrogate pair across each 1 MiB boundary (an odd offset puts the high half last).
    const line = `${'a'.repeat(2 ** 20 - 1)}${'\u{1F600}'.repeat(2 ** 20)}\n`;
    out.write(line);
    await out.flush();
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const w of writes) {
      expect(w.toString('utf8').length).toBeLessThanOrEqual(2 ** 20);
      expect(w.toString('utf8')).not.toContain('\ufffd');
    }
    expect(Buffer.concat(writes).toString('utf8')).toBe(line);
  });
});
