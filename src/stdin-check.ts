import { UsageError } from './errors.js';
import type { IO } from './io.js';

/**
 * `rcuser info - < somedir` reads nothing (the read fails with EISDIR, which a stream reports as
 * its end) and would say "nothing to look up", exit 0: a mistake passed off as an empty input.
 */
export function assertStdinNotDirectory(io: IO, what: string, hint: string): void {
  if (io.stdinIsDirectory?.()) throw new UsageError(`stdin is a directory: there is no ${what} to read from it`, hint);
}
