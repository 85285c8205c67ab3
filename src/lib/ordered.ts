/**
 * Run `work` over `items` with at most `concurrency` in flight and hand results to `emit` in input
 * order, as soon as each one and all before it are done. Reading stops `window` items ahead of the
 * output, so memory stays flat however long the input. If `work` throws, the run rejects at once,
 * emits nothing more and starts nothing new (requests in flight are the caller's to cancel).
 * `drain` (optional) is awaited between items, so a slow reader of the output slows the input.
 */
export async function runOrdered<I, R>(
  items: AsyncIterable<I>,
  concurrency: number,
  work: (item: I) => Promise<R>,
  emit: (r: R) => void,
  drain?: () => Promise<void>,
): Promise<void> {
  const window = Math.max(concurrency * 4, 16);
  const done = new Map<number, R>();
  const iterator = items[Symbol.asyncIterator]();
  let nextIndex = 0;
  let emitted = 0;
  let exhausted = false;
  let failed = false;
  let fail!: (err: unknown) => void;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  // Workers blocked on a full window; woken whenever the output moves on.
  let waiters: Array<() => void> = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const flush = () => {
    while (!failed && done.has(emitted)) {
      const r = done.get(emitted)!;
      done.delete(emitted);
      emitted++;
      emit(r);
    }
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
      flush();
      wakeAll();
      if (drain) await drain();
    }
  };
  const workers = Array.from({ length: concurrency }, () =>
    worker().catch((err: unknown) => {
      if (!failed) {
        failed = true;
        wakeAll();
        fail(err);
      }
    }),
  );
  await Promise.race([Promise.all(workers), failure]);
  flush();
}
