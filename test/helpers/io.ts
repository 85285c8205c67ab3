import { PassThrough, Readable } from 'node:stream';
import { baseContext, type Context } from '../../src/cmdutil/context.js';
import type { IO } from '../../src/iostreams/io.js';
import type { Env } from '../../src/lib/env.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { ProfileStore } from '../../src/store/types.js';

/** An IO double: captured stdout/stderr, stdin from a string, TTY flags as the test says. */
export interface TestIO extends IO {
  out(): string;
  err(): string;
  /** Press Ctrl-C: run the handlers registered with onInterrupt. */
  interrupt(): void;
}

export function testIO(
  opts: { stdin?: string; tty?: boolean; stdinTTY?: boolean; color?: boolean; columns?: number } = {},
): TestIO {
  let out = '';
  let err = '';
  const stdin = opts.stdin !== undefined ? Readable.from([opts.stdin]) : new PassThrough();
  const tty = opts.tty ?? false;
  let handlers: Array<() => void> = [];
  return {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    stdin,
    stdinIsTTY: opts.stdinTTY ?? tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    colorStdout: opts.color ?? false,
    colorStderr: opts.color ?? false,
    columns: opts.columns,
    canPrompt: () => tty,
    setRawMode: tty ? () => undefined : undefined,
    flush: async () => undefined,
    out: () => out,
    err: () => err,
    onInterrupt(handler) {
      handlers.push(handler);
      return () => void (handlers = handlers.filter((h) => h !== handler));
    },
    interrupt: () => {
      for (const h of handlers) h();
    },
  };
}

export interface TestContext extends Context {
  io: TestIO;
}

/** A context with captured streams, a fixed clock and an in-memory profile store. */
export function testContext(
  opts: { env?: Env; stdin?: string; tty?: boolean; stdinTTY?: boolean; now?: number; store?: ProfileStore } = {},
): TestContext {
  const io = testIO({ stdin: opts.stdin, tty: opts.tty, stdinTTY: opts.stdinTTY });
  const store = opts.store ?? new MemoryStore();
  const ctx = baseContext(
    io,
    opts.env ?? {},
    () => '/nonexistent',
    async () => store,
  ) as TestContext;
  if (opts.now !== undefined) ctx.now = () => opts.now!;
  return ctx;
}
