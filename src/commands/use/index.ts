import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';

export function makeUseCommand(ctx: Context, run?: (name: string) => Promise<void>): Command {
  const runF =
    run ??
    (async (name: string) => {
      const { runUse } = await import('./run.js');
      return runUse(ctx, name);
    });
  return new Command('use')
    .description('make a stored profile the active one')
    .argument('<profile>', 'profile name, as `rcuser profiles` lists it')
    .addHelpText(
      'after',
      `
Examples:
  rcuser use chat.example.com       commands now use this profile
  RCUSER_PROFILE=work rcuser info x  one command with another profile (or --profile work)`,
    )
    .action(async (name: string) => {
      await runF(name);
    });
}
