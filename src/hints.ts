import type { ApiError } from './api/errors.js';
import { AuthError, UsageError } from './errors.js';
import { clean } from './render/text.js';

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

/** Where the credentials of a run came from: what a rejected token asks the user to fix. */
export interface CredentialSource {
  server: string;
  source: 'environment' | 'profile' | 'none';
  profile?: { name: string };
}

/** A 401 means different things to fix depending on where the credentials came from. */
export function authHint(target: CredentialSource): string {
  if (target.source === 'environment') return 'check RCUSER_USER_ID and RCUSER_TOKEN (the token may have expired or been revoked)';
  if (target.profile) return `run \`${reloginCommand(target.server, target.profile.name)}\` to sign in again (profile "${clean(target.profile.name, 200)}")`;
  return 'run `rcuser login` to sign in again';
}

/**
 * A 401 to a call made with the target's credentials: the one place it becomes an AuthError. With
 * source 'none' the credentials are being tried before they are stored (login --token-stdin).
 */
export function rejectedCredentials(target: CredentialSource & { auth?: { userId: string } }, err: ApiError): AuthError {
  if (target.source === 'none') {
    return new AuthError(
      `${target.server} does not accept this token for user id ${clean(target.auth?.userId ?? '', 100)}`,
      'check --user-id and the token (My Account → Personal Access Tokens in Rocket.Chat)',
      { cause: err },
    );
  }
  return new AuthError(err.message, authHint(target), { cause: err });
}

/** `--profile`, `use` or `logout` named a profile that is not stored. */
export function noProfileNamed(name: string, stored: readonly string[]): UsageError {
  const names = stored.map((n) => clean(n, 100)).sort();
  return new UsageError(`no profile named "${clean(name, 200)}"`, names.length ? `stored profiles: ${names.join(', ')}` : 'no profiles are stored; run `rcuser login <server>`');
}
