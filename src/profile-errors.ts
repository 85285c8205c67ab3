import { UsageError } from './errors.js';
import { clean } from './render/text.js';
import { didYouMean } from './suggest.js';

/** A profile name that is not stored: the nearest stored one, and the list. */
export function unknownProfile(name: string, stored: readonly string[], source = ''): UsageError {
  const names = [...stored].sort();
  const from = source ? ` (from ${source})` : '';
  return new UsageError(
    `no profile named "${clean(name, 200)}"${from}${didYouMean(name, names.map((n) => clean(n, 100)))}`,
    names.length ? `stored profiles: ${names.map((n) => clean(n, 100)).join(', ')}` : 'run `rcuser login <server>` first',
  );
}

/** Profiles are stored but none is active (the active one was logged out of): name the way back. */
export function noActiveProfile(stored: readonly string[]): string {
  const names = [...stored].sort().map((n) => clean(n, 100));
  if (names.length === 1) return `run \`rcuser use ${shellWord(names[0]!)}\` to use the one stored profile`;
  return `run \`rcuser use <name>\` with one of the stored profiles: ${names.join(', ')}`;
}

/** A word a POSIX shell reads back as it is: quoted when it holds anything but safe characters. */
export function shellWord(s: string): string {
  return /^[\w.:@%+,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
