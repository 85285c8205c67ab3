import { processContext } from './cmdutil/context.js';
import { main } from './main.js';

/** The bundle's entry: run with the real process, return the exit code. */
export function run(argv: string[]): Promise<number> {
  return main(argv, processContext());
}
