import { logout } from '../../api/auth.js';
import type { Context } from '../../cmdutil/context.js';
import { AuthError, CliError, ExitCode, UsageError } from '../../errors.js';
import { noProfileNamed, profileChanged } from '../../cmdutil/hints.js';
import { safeMessage } from '../../render/message.js';
import { glyphsFor } from '../../render/glyphs.js';
import { clean } from '../../render/text.js';
import { openClient } from '../../cmdutil/client-factory.js';
import type { LogoutOptions } from './options.js';
import type { Profile, ProfileStore } from '../../store/types.js';

export async function runLogout(ctx: Context, opts: LogoutOptions): Promise<number> {
  const explicit = opts.profile; // --profile, else RCUSER_PROFILE
  if (!explicit && opts.envAuth.userId && opts.envAuth.token) {
    throw new UsageError(
      'the credentials come from RCUSER_USER_ID and RCUSER_TOKEN: there is nothing stored to forget',
      'unset them to stop using them; to log out of a stored profile, pass --profile <name>',
    );
  }
  const store = await ctx.store();
  const profile = pick(store, explicit);
  const name = clean(profile.name, 200);
  const who = `${clean(profile.username ?? profile.userId, 200)} on ${clean(profile.server, 300)}`;

  if (profile.tokenKind === 'personal-access-token') {
    const outcome = await store.remove(profile.name, { token: profile.token });
    if (outcome !== 'removed') throw profileChanged(profile.name, outcome, 'nothing was forgotten');
    ctx.io.stderr.write(
      `Forgot the personal access token of ${who} (profile "${name}"). It was not revoked and still works ` +
        `wherever else it is used; remove it in Rocket.Chat (My Account ${glyphsFor(ctx.io.ascii).arrow} Personal Access Tokens) if it is no longer needed.\n`,
    );
    return afterRemoval(ctx, store);
  }

  // Forget first, then revoke: a profile that cannot be removed (read-only or full directory) must
  // not be left holding a revoked token. If this fails, nothing has changed anywhere.
  let outcome: 'removed' | 'missing' | 'changed';
  try {
    outcome = await store.remove(profile.name, { token: profile.token });
  } catch (err) {
    if (err instanceof CliError)
      throw new CliError(
        `${err.message}; nothing changed: profile "${name}" is still stored and its session still open`,
        err.exitCode,
        err.hint,
        { cause: err },
      );
    throw err;
  }
  // Renamed or replaced by another rcuser since it was read: its token may be in use under the new
  // name, so it is not revoked.
  if (outcome !== 'removed') throw profileChanged(profile.name, outcome, 'nothing was logged out');
  const client = openClient(ctx, opts, {
    server: profile.server,
    auth: { userId: profile.userId, token: profile.token },
    source: 'profile',
    profile,
  });
  let said: string;
  try {
    const r = await logout(client);
    said = r === 'logged-out' ? `Logged out ${who}` : `The token of ${who} had already expired or been revoked`;
  } catch (err) {
    // Forgetting is what the user asked for; a server we cannot reach must not keep the token on disk.
    const why = safeMessage(err instanceof CliError ? err.message : String(err));
    ctx.io.stderr.write(
      `rcuser: warning: could not log out on the server (${why}): the token may stay valid until it expires\n`,
    );
    said = `Forgot the session of ${who}`;
  }
  ctx.io.stderr.write(`${said}; profile "${name}" removed.\n`);
  return afterRemoval(ctx, store);
}

function pick(store: ProfileStore, explicit: string | undefined): Profile {
  const name = explicit ?? store.activeName();
  const names = store
    .list()
    .map((p) => p.name)
    .sort();
  if (!name) {
    if (names.length === 0) throw new AuthError('not logged in: no profile is stored', 'nothing to log out of');
    throw new UsageError(
      'no profile is active',
      `pass --profile <name>; stored profiles: ${names.map((n) => clean(n, 100)).join(', ')}`,
    );
  }
  const p = store.get(name);
  if (!p) {
    throw noProfileNamed(name, names);
  }
  return p;
}

function afterRemoval(ctx: Context, store: ProfileStore): number {
  const rest = store.list();
  if (rest.length > 0 && !store.activeName()) {
    ctx.io.stderr.write(
      `No profile is active now; \`rcuser use <profile>\` picks one of: ${rest
        .map((p) => clean(p.name, 100))
        .sort()
        .join(', ')}\n`,
    );
  }
  return ExitCode.ok;
}
