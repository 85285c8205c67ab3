import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import type { ParsedFlags } from '../../cmdutil/flags.js';
import { readProfilesOptions, type ProfilesOptions } from './options.js';

export function makeProfilesCommand(ctx: Context, run?: (opts: ProfilesOptions) => Promise<void>): Command {
  const runF =
    run ??
    (async (opts: ProfilesOptions) => {
      const { runProfiles } = await import('./run.js');
      return runProfiles(ctx, opts);
    });
  return new Command('profiles')
    .description('list stored profiles (never their tokens)')
    .option('--json', 'print the profiles as a JSON array')
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
    .action(async (_opts: unknown, cmd: Command) => {
      await runF(readProfilesOptions(cmd.optsWithGlobals<ParsedFlags>()));
    })
    .addCommand(
      new Command('rename')
        .description('give a stored profile another name (offline)')
        .argument('<profile>', 'the current name')
        .argument('<new-name>', 'the new name')
        .addHelpText('after', '\nExamples:\n  rcuser profiles rename 127.0.0.1:3000 local')
        .action(async (from: string, to: string) => {
          const { runRename } = await import('./manage.js');
          await runRename(ctx, from, to);
        }),
    )
    .addCommand(
      new Command('remove')
        .description('forget a stored profile here, without contacting the server (see logout)')
        .argument('<profile>', 'the profile name')
        .addHelpText('after', '\nExamples:\n  rcuser profiles remove old-box        the server is gone: forget it here\n  rcuser logout --profile work          instead, to also revoke its login token')
        .action(async (name: string) => {
          const { runRemove } = await import('./manage.js');
          await runRemove(ctx, name);
        }),
    );
}
