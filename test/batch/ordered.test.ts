import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOrdered } from '../../src/lib/ordered.js';
import { credentials, startServer } from '../helpers/harness.js';

async function* count(n: number, onRead?: (i: number) => void): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    onRead?.(i);
    yield i;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('runOrdered', () => {
  it('emits every result in input order whatever order the work finishes in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        async (delays, concurrency) => {
          const out: number[] = [];
          await runOrdered(
            count(delays.length),
            concurrency,
            async (i) => (await sleep(delays[i]!), i * 10),
            (r) => out.push(r),
          );
          expect(out).toEqual(delays.map((_, i) => i * 10));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never has more than `concurrency` items in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await runOrdered(
      count(200),
      5,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await sleep(i % 3);
        inFlight--;
        return i;
      },
      () => undefined,
    );
    expect(most).toBe(5);
  });

  it('reads only a bounded window ahead of the output, so memory stays flat', async () => {
    let read = 0;
    let emitted = 0;
    let widest = 0;
    // Item 0 is slow: everything after it must wait in memory, but reading stops at the window.
    await runOrdered(
      count(1000, () => {
        read++;
        widest = Math.max(widest, read - emitted);
      }),
      4,
      async (i) => (i === 0 ? await sleep(50) : undefined, i),
      () => emitted++,
    );
    expect(emitted).toBe(1000);
    expect(widest).toBeLessThanOrEqual(16 + 1);
  });

  it('hands a result to emit only once the output took the one before, and starts nothing while it lags', async () => {
    // An output that takes one result per drain, when the test says so: a reader that is slow.
    let backlog = 0;
    let most = 0;
    let release: Array<() => void> = [];
    const drain = () => (backlog === 0 ? Promise.resolve() : new Promise<void>((r) => release.push(r)));
    const out: number[] = [];
    let started = 0;
    const run = runOrdered(
      count(40),
      4,
      async (i) => (started++, await sleep(0), i),
      (r) => {
        out.push(r);
        most = Math.max(most, ++backlog);
      },
      drain,
    );
    let finished = false;
    void run.then(() => (finished = true));
    for (let turns = 0; !finished && turns < 1000; turns++) {
      await sleep(1);
      // While the output lags, nothing more is emitted and no more than the window is started.
      expect(started - out.length).toBeLessThanOrEqual(16);
      backlog = 0;
      const waiting = release;
      release = [];
      for (const r of waiting) r();
    }
    await run;
    expect(out).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(most).toBe(1);
  });

  it('with `window: concurrency`, holds no more than `concurrency` results, in flight or in line', async () => {
    let held = 0;
    let most = 0;
    await runOrdered(
      count(300),
      4,
      async (i) => {
        held++;
        most = Math.max(most, held);
        // Item 0 and every tenth are slow: the rest finish first and wait for them.
        await sleep(i % 10 === 0 ? 20 : 0);
        return i;
      },
      () => void held--,
      undefined,
      { window: 4 },
    );
    expect(most).toBe(4);
  });

  it('stops at once on a failure: nothing more is emitted or started', async () => {
    const out: number[] = [];
    const started: number[] = [];
    const run = runOrdered(
      count(100),
      4,
      async (i) => {
        started.push(i);
        if (i === 10) throw new Error('401');
        // Items after the failure are slow, so they are still in flight when it happens.
        await sleep(i > 10 ? 30 : 0);
        return i;
      },
      (r) => out.push(r),
    );
    await expect(run).rejects.toThrow('401');
    const startedAtFailure = started.length;
    await sleep(60);
    expect(started.length).toBe(startedAtFailure);
    expect(out).toEqual(out.map((_, i) => i));
    expect(out.length).toBeLessThanOrEqual(10);
  });

  it('handles empty input', async () => {
    const out: number[] = [];
    await runOrdered(
      count(0),
      8,
      async (i) => i,
      (r) => out.push(r),
    );
    expect(out).toEqual([]);
  });
});

describe('ndjsonLine', () => {
  it('copies compact server JSON as it is, and compacts anything else without touching strings', async () => {
    const { ndjsonLine } = await import('../../src/render/ndjson.js');
    const { isCompact } = await import('../../src/lib/rawjson.js');
    const compact = '{"_id":"a b","name":"Jane \\"JD\\" Doe","n":1e400,"x":{"2":1,"1":2}}';
    expect(isCompact(compact)).toBe(true);
    expect(ndjsonLine({ query: 'q', rawUser: compact })).toBe(`{"query":"q","user":${compact}}`);
    const spaced = '{ "_id": "a b",\n  "list": [ 1, 2 ] }';
    expect(isCompact(spaced)).toBe(false);
    expect(ndjsonLine({ query: 'q', rawUser: spaced })).toBe('{"query":"q","user":{"_id":"a b","list":[1,2]}}');
    expect(ndjsonLine({ query: 'nobody', error: 'User not found.', status: 400 })).toBe(
      '{"query":"nobody","error":"User not found.","status":400}',
    );
    expect(ndjsonLine({ query: 'id:', error: 'empty identifier' })).toBe('{"query":"id:","error":"empty identifier"}');
  });
});

describe('batch on a terminal', () => {
  async function runOnTerminal(opts: { stdinTTY: boolean; stdin: string; args?: string[] }) {
    const { testContext } = await import('../helpers/io.js');
    const { main } = await import('../../src/main.js');
    const server = await startServer();
    try {
      const { userId, token } = server.createPersonalAccessToken('admin');
      const ctx = testContext({
        tty: true,
        stdinTTY: opts.stdinTTY,
        stdin: opts.stdin,
        env: credentials(server, { userId, token }),
      });
      // A clock that moves 600 ms per look, so the progress line (shown after a second) appears.
      let t = 0;
      ctx.now = () => (t += 600);
      const code = await main(['info', '-', ...(opts.args ?? [])], ctx);
      return { code, err: ctx.io.err(), out: ctx.io.out() };
    } finally {
      await server.close();
    }
  }

  it('shows progress on stderr for piped input and clears it at the end', async () => {
    const { code, err, out } = await runOnTerminal({ stdinTTY: false, stdin: 'jane.doe\nroxie\nnobody\n' });
    expect(code).toBe(3);
    expect(err).toContain('\r\x1b[2K2 looked up');
    expect(err).toContain('\r\x1b[2K3 looked up · 1 not found');
    expect(err.endsWith('\r\x1b[2K')).toBe(true);
    expect(out).toContain('3 looked up: 2 found, 1 not found');
  });

  it('hints when stdin is a terminal, and draws no progress over what the person types', async () => {
    const { code, err, out } = await runOnTerminal({ stdinTTY: true, stdin: 'jane.doe\nroxie\nnobody\n' });
    expect(code).toBe(3);
    expect(err).toBe(
      'rcuser: reading identifiers from the terminal, one a line (id:, import:, email: prefixes work); end with Ctrl-D\n',
    );
    expect(out).toContain('3 looked up: 2 found, 1 not found');
  });
});
