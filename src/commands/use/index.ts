import { Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { readCommandFlags } from '../../cmdutil/flags.js';
import type { UseOptions } from './options.js';

/** Does the work of `rcuser use`; returns the exit code. Tests pass their own to check flag parsing. */
export type UseRun = (opts: UseOptions) => Promise<number>;

export function makeUseCommand(
  ctx: Context,
  runF: UseRun = async (opts) => (await import('./run.js')).runUse(ctx, opts),
): Command {
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
    .action(async (name: string, _opts: unknown, c: Command) => {
      ctx.exitCode = await runF({ ...readCommandFlags(c, {}, ctx.env), name });
    });
}
