import { shellWord } from '../../profile-errors.js';
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

/** The `rcuser login` that repeats a login: same server, profile name, user and CA file. */
export function retryCommand(server: string, profile: string, user: string, opts: { caFile?: string; passwordStdin?: boolean } = {}): string {
  const ca = opts.caFile ? ` --ca-file ${shellWord(opts.caFile)}` : '';
  return `${reloginCommand(server, profile)} -u ${shellWord(clean(user, 200))}${ca}${opts.passwordStdin ? ' --password-stdin' : ''}`;
}
