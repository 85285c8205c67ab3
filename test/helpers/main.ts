import { main } from '../../src/main.js';
import type { Env } from '../../src/lib/env.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { testContext } from './io.js';

/** main() in-process with captured streams, an in-memory store and, if given, a fixed clock. */
export async function runMain(argv: string[], opts: { store?: MemoryStore; env?: Env; now?: number } = {}) {
  const store = opts.store ?? new MemoryStore();
  const ctx = testContext({ store, env: opts.env, now: opts.now });
  const code = await main(argv, ctx);
  return { code, out: ctx.io.out(), err: ctx.io.err() };
}
