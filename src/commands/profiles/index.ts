import { Command } from 'commander';
import type { Context } from '../../context.js';

export function makeProfilesCommand(ctx: Context): Command {
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
      const { runProfiles } = await import('./run.js');
      await runProfiles(ctx, cmd.optsWithGlobals());
    });
}
