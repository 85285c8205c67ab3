/**
 * Run `work` over `items` with at most `concurrency` in flight and hand results to `emit` in input
 * order, as soon as each one and all before it are done. If `work` or `emit` throws, the run
 * rejects at once, emits nothing more and starts nothing new (requests in flight are the caller's
 * to cancel).
 *
 * `drain` (optional) is the output's "written?": it is awaited after each result handed to `emit`
 * before the next one is, and by each worker before it starts another item. So a slow reader of
 * the output holds the results back here, not in the output's buffer: what is still written after
 * a signal is one result, not every result that came in meanwhile (a `list --json | slow reader`
 * wrote 1 MB after SIGTERM).
 *
 * Memory: reading stops `window` items ahead of the output (default `max(4 × concurrency, 16)`, so
 * one slow item does not stall the rest). A caller whose results are large passes
 * `window: concurrency`: then no more than `concurrency` results are held at once, in flight or
 * waiting their turn.
 */
export async function runOrdered<I, R>(
  items: AsyncIterable<I>,
  concurrency: number,
  work: (item: I) => Promise<R>,
  emit: (r: R) => void,
  drain?: () => Promise<void>,
  opts: { window?: number } = {},
): Promise<void> {
  const window = Math.max(opts.window ?? Math.max(concurrency * 4, 16), 1);
  const done = new Map<number, R>();
  const iterator = items[Symbol.asyncIterator]();
  let nextIndex = 0;
  let emitted = 0;
  let exhausted = false;
  let failed = false;
  let fail!: (err: unknown) => void;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  const onError = (err: unknown) => {
    if (!failed) {
      failed = true;
      wakeAll();
      fail(err);
    }
  };
  // Workers blocked on a full window; woken whenever the output moves on.
  let waiters: Array<() => void> = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  // One emitter at a time: results leave in order, each once the output took the one before.
  let emitting = false;
  let running: Promise<void> = Promise.resolve();
  const pump = (): Promise<void> => {
    if (emitting) return running;
    emitting = true;
    running = (async () => {
      try {
        while (!failed && done.has(emitted)) {
          if (drain) {
            await drain();
            if (failed) return;
          }
          const r = done.get(emitted)!;
          done.delete(emitted);
          emitted++;
          emit(r);
          wakeAll();
        }
      } catch (err) {
        onError(err);
      } finally {
        // Cleared in the same turn as the last look at `done`: a result added later starts a new pump.
        emitting = false;
      }
    })();
    return running;
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      while (!failed && !exhausted && nextIndex - emitted >= window) await new Promise<void>((r) => waiters.push(r));
      if (failed || exhausted) return;
      const index = nextIndex++;
      const next = await iterator.next();
      if (failed) return;
      if (next.done) {
        exhausted = true;
        wakeAll();
        return;
      }
      const result = await work(next.value);
      if (failed) return;
      done.set(index, result);
      void pump();
      if (drain) await drain();
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker().catch(onError));
  await Promise.race([Promise.all(workers), failure]);
  // The last results may still be waiting for the output to take the ones before them.
  while (!failed && (emitting || done.has(emitted))) await Promise.race([pump(), failure]).catch(() => undefined);
  if (failed) await failure;
}
