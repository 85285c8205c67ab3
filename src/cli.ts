import { setFlagsFromString } from 'node:v8';
import { processContext } from './context.js';
import { main } from './main.js';

/** The bundle's entry: run with the real process, return the exit code. */
export function run(argv: string[]): Promise<number> {
  // undici parses HTTP with llhttp compiled to WebAssembly. V8 compiles it at once with its baseline
  // compiler (Liftoff), then re-optimises hot functions on background threads, and a process that is
  // done still waits for those threads: about 100 ms at the end of every short run (measured with
  // --cpu-prof: idle after the dispatcher is destroyed). Liftoff's code is fast enough for a CLI.
  // Set here, before anything is compiled, rather than as a side effect of loading the HTTP module.
  setFlagsFromString('--liftoff-only');
  return main(argv, processContext());
}
