import { clean } from '../../render/text.js';

/**
 * The command that logs in to a profile's server again and replaces that same profile: a bare
 * `rcuser login` needs a server, and without `--name` a profile not named after the host would
 * be left stale while a new one is made.
 */
export function reloginCommand(server: string, profile: string): string {
  const name = profile === new URL(server).host ? '' : ` --name ${shellWord(clean(profile, 200))}`;
  return `rcuser login ${server}${name}`;
}

/** A word a POSIX shell reads back as it is: quoted when it holds anything but safe characters. */
function shellWord(s: string): string {
  return /^[\w.:@%+,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
