import { expect } from 'vitest';
import type { Env } from '../../src/lib/env.js';
import { createProgram, type CommandRuns } from '../../src/root/program.js';
import { testContext } from './io.js';

/**
 * The one flag parser of flag tests (gh's runF): argv through the whole program with every command's
 * run function replaced by one that records what it got, without running it. Exactly one command
 * must have run; its name and options (positional arguments inside) come back.
 */
export async function parseFlags<T = Record<string, unknown>>(
  argv: string[],
  env: Env = {},
): Promise<{ cmd: string; opts: T }> {
  const calls: Array<{ cmd: string; opts: T }> = [];
  // Whatever command the program asks for, a recorder: new commands are covered without a list here.
  const runs = new Proxy({} as CommandRuns, {
    get: (_, cmd) => async (opts: T) => (calls.push({ cmd: String(cmd), opts }), 0),
  });
  await createProgram(testContext({ env }), runs).parseAsync(argv, { from: 'user' });
  expect(calls).toHaveLength(1);
  return calls[0]!;
}
