import { Command } from 'commander';
import type { Context } from '../../context.js';
import type { ParsedFlags } from '../../options.js';
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
  rcuser use work                         make another profile the active one`,
    )
    .action(async (_opts: unknown, cmd: Command) => {
      await runF(readProfilesOptions(cmd.optsWithGlobals<ParsedFlags>()));
    });
}
