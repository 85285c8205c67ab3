import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamLines } from '../../src/lib/lines.js';

async function collect(chunks: Array<string | Buffer>): Promise<string[]> {
  async function* source() {
    for (const c of chunks) yield c;
  }
  const out: string[] = [];
  for await (const line of streamLines(source())) out.push(line);
  return out;
}

describe('streamLines', () => {
  it('splits across chunk boundaries, drops \\r\\n endings, keeps a last line without newline', async () => {
    expect(await collect(['al', 'ice\r\nbo', 'b\n\ncar', 'ol'])).toEqual(['alice', 'bob', '', 'carol']);
  });

  it('decodes a multi-byte character split between two buffers', async () => {
    const bytes = Buffer.from('zoë\nłukasz\n');
    expect(await collect([bytes.subarray(0, 3), bytes.subarray(3, 9), bytes.subarray(9)])).toEqual(['zoë', 'łukasz']);
  });

  it('gives the same lines as String.split however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[a-z@:.\r ]{0,6}$/), { maxLength: 30 }),
        fc.array(fc.nat(40)),
        async (lines, cuts) => {
          const text = lines.join('\n');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let from = 0;
          for (const p of points) chunks.push(text.slice(from, p)), (from = p);
          chunks.push(text.slice(from));
          const expected = text === '' ? [] : text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
          if (text.endsWith('\n')) expected.pop();
          expect(await collect(chunks)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
