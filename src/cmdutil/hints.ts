import type { ApiError } from '../api/errors.js';
import { AuthError, CliError, ExitCode, UsageError } from '../errors.js';
import { clean } from '../render/text.js';
import { didYouMean } from '../lib/nearest.js';

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
export function shellWord(s: string): string {
  return /^[\w.:@%+,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `rcuser login` that repeats a login: same server, profile name, user and CA file. */
export function retryCommand(
  server: string,
  profile: string,
  user: string,
  opts: { caFile?: string; passwordStdin?: boolean } = {},
): string {
  const ca = opts.caFile ? ` --ca-file ${shellWord(opts.caFile)}` : '';
  return `${reloginCommand(server, profile)} -u ${shellWord(clean(user, 200))}${ca}${opts.passwordStdin ? ' --password-stdin' : ''}`;
}

/** What a stored profile tells about logging in to it again. */
export interface RenewableProfile {
  name: string;
  username?: string;
  userId?: string;
  tokenKind?: 'login' | 'personal-access-token';
}

/**
 * The one command that renews a stored profile with nothing asked again that is known: its server,
 * name and user (its CA file is found by the name). A personal access token is given again on stdin.
 */
export function renewCommand(server: string, p: RenewableProfile): string {
  if (p.tokenKind === 'personal-access-token' && p.userId)
    return `${reloginCommand(server, p.name)} --token-stdin --user-id ${shellWord(clean(p.userId, 100))} < token.txt`;
  return `${reloginCommand(server, p.name)}${p.username ? ` -u ${shellWord(clean(p.username, 200))}` : ''}`;
}

/** Where the credentials of a run came from: what a rejected token asks the user to fix. */
export interface CredentialSource {
  server: string;
  source: 'environment' | 'profile' | 'none';
  profile?: RenewableProfile;
}

/** A 401 means different things to fix depending on where the credentials came from. */
export function authHint(target: CredentialSource): string {
  if (target.source === 'environment')
    return 'check RCUSER_USER_ID and RCUSER_TOKEN (the token may have expired or been revoked)';
  if (target.profile)
    return `run \`${renewCommand(target.server, target.profile)}\` to sign in again (profile "${clean(target.profile.name, 200)}")`;
  return 'run `rcuser login` to sign in again';
}

/**
 * A 401 to a call made with the target's credentials: the one place it becomes an AuthError. With
 * source 'none' the credentials are being tried before they are stored (login --token-stdin).
 */
export function rejectedCredentials(
  target: CredentialSource & { auth?: { userId: string } },
  err: ApiError,
): AuthError {
  if (target.source === 'none') {
    return new AuthError(
      `${target.server} does not accept this token for user id ${clean(target.auth?.userId ?? '', 100)}`,
      'check --user-id and the token (My Account → Personal Access Tokens in Rocket.Chat)',
      { cause: err },
    );
  }
  return new AuthError(err.message, authHint(target), { cause: err });
}

/** `--profile`, `use` or `logout` named a profile that is not stored: the nearest stored one, and the list. */
export function noProfileNamed(name: string, stored: readonly string[], source = ''): UsageError {
  const names = stored.map((n) => clean(n, 100)).sort();
  const from = source ? ` (from ${source})` : '';
  return new UsageError(
    `no profile named "${clean(name, 200)}"${from}${didYouMean(name, names)}`,
    names.length ? `stored profiles: ${names.join(', ')}` : 'no profiles are stored; run `rcuser login <server>`',
  );
}

/** Profiles are stored but none is active (the active one was logged out of): name the way back. */
export function noActiveProfile(stored: readonly string[]): string {
  const names = [...stored].sort().map((n) => clean(n, 100));
  if (names.length === 1) return `run \`rcuser use ${shellWord(names[0]!)}\` to use the one stored profile`;
  return `run \`rcuser use <profile>\` with one of the stored profiles: ${names.join(', ')}`;
}

/**
 * A profile that changed between reading the store and taking its lock: another rcuser renamed,
 * removed or replaced it. Reported, never papered over with a second success.
 */
export function profileChanged(name: string, outcome: 'missing' | 'changed', nothing: string): CliError {
  const n = clean(name, 200);
  const why =
    outcome === 'missing'
      ? `profile "${n}" is no longer stored: another rcuser renamed or removed it meanwhile`
      : `profile "${n}" was replaced meanwhile (another rcuser logged in under that name)`;
  return new CliError(`${why}; ${nothing}`, ExitCode.failure, '`rcuser profiles` lists what is stored now');
}
