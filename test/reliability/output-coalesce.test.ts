/** stdout's writer gathering one turn's writes into one system call (pipes and files). */
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/iostreams/stdout-writer.js';

function recorder(fail?: (call: number) => string | undefined) {
  const calls: string[] = [];
  let attempts = 0;
  const out = new Output({
    fd: 1,
    writeSync: (_fd, data) => {
      const code = fail?.(attempts++);
      if (code) throw Object.assign(new Error(code), { code });
      calls.push(data.toString());
      return data.length;
    },
    onReaderGone: () => undefined,
    retryDelayMs: () => 1,
    coalesce: true,
  });
  return { out, calls };
}

describe('Output with coalesce', () => {
  it('writes one turn of the event loop in one call, in order, and flush waits for it', async () => {
    const { out, calls } = recorder();
    out.write('{"query":"a"}\n');
    out.write('{"query":"b"}\n');
    expect(calls).toEqual([]);
    await out.flush();
    expect(calls).toEqual(['{"query":"a"}\n{"query":"b"}\n']);
    out.write('{"query":"c"}\n');
    await out.flush();
    expect(calls).toEqual(['{"query":"a"}\n{"query":"b"}\n', '{"query":"c"}\n']);
  });

  it('lines written before a seal are still written whole; later ones are dropped', async () => {
    const { out, calls } = recorder();
    out.write('one\n');
    out.write('two\n');
    out.seal();
    out.write('three\n');
    await out.flush();
    expect(calls.join('')).toBe('one\ntwo\n');
  });

  it('a full pipe is waited out, and an error reaches flush and the next write', async () => {
    const waited = recorder((n) => (n === 0 ? 'EAGAIN' : undefined));
    waited.out.write('x\n');
    waited.out.write('y\n');
    await waited.out.flush();
    expect(waited.calls.join('')).toBe('x\ny\n');

    const broken = recorder(() => 'ENOSPC');
    broken.out.write('x\n');
    await expect(broken.out.flush()).rejects.toThrow('cannot write the output: no space left on device');
    expect(() => broken.out.write('y\n')).toThrow('no space left on device');
  });
});
