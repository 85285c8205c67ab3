import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { addFlags, readCommandFlags } from '../../cmdutil/flags.js';
import { PROFILES_FLAGS, type ProfilesOptions, type RemoveOptions, type RenameOptions } from './options.js';

/** Stand-ins for the work of `profiles` and its two commands; each returns the exit code. */
export interface ProfilesRuns {
  profiles?: (opts: ProfilesOptions) => Promise<number>;
  rename?: (opts: RenameOptions) => Promise<number>;
  remove?: (opts: RemoveOptions) => Promise<number>;
}

export function makeProfilesCommand(ctx: Context, runs: ProfilesRuns = {}): Command {
  const runF = runs.profiles ?? (async (opts: ProfilesOptions) => (await import('./run.js')).runProfiles(ctx, opts));
  const rename = runs.rename ?? (async (opts: RenameOptions) => (await import('./manage.js')).runRename(ctx, opts));
  const remove = runs.remove ?? (async (opts: RemoveOptions) => (await import('./manage.js')).runRemove(ctx, opts));
  const cmd = new Command('profiles').description('list stored profiles (never their tokens)');
  return addFlags(cmd, PROFILES_FLAGS)
    .addHelpText(
      'after',
      `
Examples:
  rcuser profiles                         * marks the active profile
  rcuser profiles --json | jq -r '.[].name'
  rcuser use work                         make another profile the active one
  rcuser profiles rename 127.0.0.1:3000 local
  rcuser profiles remove old-box          forget one here (offline; logout also revokes)`,
    )
    .action(async (_opts: unknown, c: Command) => {
      ctx.exitCode = await runF(readCommandFlags(c, PROFILES_FLAGS, ctx.env));
    })
    .addCommand(
      new Command('rename')
        .description('give a stored profile another name (offline)')
        .argument('<profile>', 'the current name')
        .argument('<new-name>', 'the new name')
        .addHelpText('after', '\nExamples:\n  rcuser profiles rename 127.0.0.1:3000 local')
        .action(async (profile: string, newName: string, _opts: unknown, c: Command) => {
          ctx.exitCode = await rename({ ...readCommandFlags(c, {}, ctx.env), profile, newName });
        }),
    )
    .addCommand(
      new Command('remove')
        .description('forget a stored profile here, without contacting the server (see logout)')
        .argument('<profile>', 'the profile name')
        .addHelpText(
          'after',
          '\nExamples:\n  rcuser profiles remove old-box        the server is gone: forget it here\n  rcuser logout --profile work          instead, to also revoke its login token',
        )
        .action(async (name: string, _opts: unknown, c: Command) => {
          ctx.exitCode = await remove({ ...readCommandFlags(c, {}, ctx.env), name });
        }),
    );
}
