import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, rawMember } from '../../src/lib/rawjson.js';

describe('rawMember', () => {
  it('cuts the member out verbatim: key order, integer-like keys and numbers untouched', () => {
    const body =
      '{"user":{"b":1,"10":2,"a":{"2":true,"1":false},"n":12345678901234567890,"f":1.0e5,"z":-0.10},"success":true}';
    expect(rawMember(body, 'user')).toBe(
      '{"b":1,"10":2,"a":{"2":true,"1":false},"n":12345678901234567890,"f":1.0e5,"z":-0.10}',
    );
    expect(rawMember(body, 'success')).toBe('true');
  });

  it('skips strings holding braces, quotes and escapes', () => {
    const body = ' {\n "x" : "}{\\"]["  ,\t"user" :{"s":"a\\"b\\\\","t":"\\u00e9\\n"} ,"success":true}\n';
    expect(rawMember(body, 'user')).toBe('{"s":"a\\"b\\\\","t":"\\u00e9\\n"}');
  });

  it('the last of duplicate keys wins, as with JSON.parse', () => {
    expect(rawMember('{"user":{"a":1},"user":{"a":2}}', 'user')).toBe('{"a":2}');
  });

  it('undefined when the key is missing or the text is not an object', () => {
    expect(rawMember('{"success":true}', 'user')).toBeUndefined();
    expect(rawMember('[{"user":1}]', 'user')).toBeUndefined();
    expect(rawMember('{}', 'user')).toBeUndefined();
    expect(rawMember('"user"', 'user')).toBeUndefined();
  });

  it('a key escaped in the body is still found', () => {
    expect(rawMember('{"\\u0075ser":{"a":1}}', 'user')).toBe('{"a":1}');
  });
});

describe('formatJson', () => {
  it('keeps key order that JSON.parse would change, and numbers it would round', () => {
    const raw = '{"b":1,"10":2,"n":12345678901234567890,"f":1.0e5}';
    expect(formatJson(raw, 2)).toBe('{\n  "b": 1,\n  "10": 2,\n  "n": 12345678901234567890,\n  "f": 1.0e5\n}');
    // What a parse-and-print would have done instead:
    expect(JSON.stringify(JSON.parse(raw), null, 2)).not.toBe(formatJson(raw, 2));
  });

  it('keeps escapes exactly as sent', () => {
    expect(formatJson('{"s":"\\u00e9\\/\\"x\\\\","t":"é"}', 2)).toBe('{\n  "s": "\\u00e9\\/\\"x\\\\",\n  "t": "é"\n}');
  });

  it('prints nested empties like JSON.stringify', () => {
    const raw = '{"a":{},"b":[],"c":[{}, []],"d":{ },"e":[ \n ],"f":{"g":{"h":[]}}}';
    expect(formatJson(raw, 2)).toBe(JSON.stringify(JSON.parse(raw), null, 2));
    expect(formatJson(raw, 0)).toBe(JSON.stringify(JSON.parse(raw)));
  });

  it('equals JSON.stringify(JSON.parse(x), null, 2) for ordinary JSON, however it was spaced', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 4, '\t'), (value, space) => {
        // JSON.stringify of a JS value already has the key order and number forms JSON.parse gives.
        const text = JSON.stringify(value, null, space);
        expect(formatJson(text, 2)).toBe(JSON.stringify(JSON.parse(text), null, 2));
        expect(formatJson(text, 0)).toBe(JSON.stringify(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('formatJson(rawMember(...)) of a server body equals the parsed user re-printed', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (user) => {
        const body = JSON.stringify({ user, success: true });
        const raw = rawMember(body, 'user')!;
        expect(formatJson(raw, 2)).toBe(JSON.stringify(JSON.parse(body).user, null, 2));
      }),
      { numRuns: 200 },
    );
  });
});
