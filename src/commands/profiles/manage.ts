import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { confirm } from '../../iostreams/prompt.js';
import { noActiveProfile, noProfileNamed, profileChanged, shellWord } from '../../cmdutil/hints.js';
import type { RemoveOptions, RenameOptions } from './options.js';
import { clean } from '../../render/text.js';

/** `rcuser profiles rename <old> <new>`: local only, the token is kept as it is. */
export async function runRename(
  ctx: Context,
  { profile: from, newName: to, envProfile }: RenameOptions,
): Promise<number> {
  const store = await ctx.store();
  const names = store.list().map((p) => p.name);
  if (!store.get(from)) throw noProfileNamed(from, names);
  const next = to.trim();
  if (!next)
    throw new UsageError(
      'the new profile name is empty',
      `pass a name, e.g. \`rcuser profiles rename ${shellWord(from)} work\``,
    );
  if (next === from) {
    ctx.io.stderr.write(`Profile "${clean(from, 200)}" already has that name.\n`);
    return ExitCode.ok;
  }
  if (store.get(next)) {
    throw new UsageError(
      `a profile named "${clean(next, 200)}" already exists`,
      `remove it first with \`rcuser profiles remove ${shellWord(next)}\`, or pick another name`,
    );
  }
  // The checks above read the store as it was opened; the store checks again inside its lock.
  const outcome = await store.rename(from, next);
  if (outcome === 'missing') throw profileChanged(from, outcome, 'nothing was renamed');
  if (outcome === 'exists') {
    throw new CliError(
      `another rcuser stored a profile named "${clean(next, 200)}" meanwhile; "${clean(from, 200)}" keeps its name`,
      ExitCode.failure,
      'pick another name',
    );
  }
  const wasActive = store.activeName() === next;
  ctx.io.stderr.write(
    `Renamed profile "${clean(from, 200)}" to "${clean(next, 200)}"${wasActive ? ' (still the active one)' : ''}.\n`,
  );
  if (envProfile === from)
    ctx.io.stderr.write(`rcuser: note: RCUSER_PROFILE=${clean(from, 200)} in this shell names the old name\n`);
  return ExitCode.ok;
}

/** `rcuser profiles remove <name>`: forget it here without asking the server (unlike logout). */
export async function runRemove(ctx: Context, { name }: RemoveOptions): Promise<number> {
  const store = await ctx.store();
  const profile = store.get(name);
  if (!profile)
    throw noProfileNamed(
      name,
      store.list().map((p) => p.name),
    );
  // The active profile is what every command uses: at a terminal, a person confirms first.
  if (store.activeName() === name && ctx.io.canPrompt()) {
    const who = `${clean(profile.username ?? profile.userId, 200)} on ${clean(profile.server, 300)}`;
    if (!(await confirm(ctx.io, `"${clean(name, 200)}" (${who}) is the active profile. Remove it?`))) {
      throw new CliError(`kept profile "${clean(name, 200)}"`, ExitCode.usage);
    }
  }
  const outcome = await store.remove(name, { token: profile.token });
  if (outcome !== 'removed') throw profileChanged(name, outcome, 'nothing was removed');
  const who = `${clean(profile.username ?? profile.userId, 200)} on ${clean(profile.server, 300)}`;
  const token =
    profile.tokenKind === 'login'
      ? `; its login token was not revoked and stays valid until it expires (\`rcuser logout --profile ${shellWord(name)}\` would have revoked it)`
      : '; its personal access token still works wherever else it is used';
  ctx.io.stderr.write(`Removed profile "${clean(name, 200)}" (${who})${token}.\n`);
  const rest = store.list().map((p) => p.name);
  if (rest.length > 0 && !store.activeName())
    ctx.io.stderr.write(`No profile is active now: ${noActiveProfile(rest)}.\n`);
  return ExitCode.ok;
}
