import { Argument, Command } from 'commander';
import type { Context } from '../../cmdutil/context.js';
import { readCommandFlags, type CommandOptions } from '../../cmdutil/flags.js';
import { ExitCode } from '../../errors.js';
import { PROFILE_NAMES_COMMAND, SHELLS } from './spec.js';

export type CompletionOptions = CommandOptions<{}> & {
  /** The positional argument. */
  shell: (typeof SHELLS)[number];
};

/** Prints the script for `rcuser completion`; returns the exit code. Tests pass their own to check flag parsing. */
export type CompletionRun = (opts: CompletionOptions) => Promise<number>;

export type ProfileNamesRun = (opts: CommandOptions<{}>) => Promise<number>;

export function makeCompletionCommand(ctx: Context, run?: CompletionRun): Command {
  // The script describes the whole program, as it is when the command runs.
  const runF: CompletionRun =
    run ??
    (async ({ shell }) => {
      const { runCompletion } = await import('./run.js');
      ctx.io.stdout.write(runCompletion(shell, rootOf(cmd)));
      return ExitCode.ok;
    });
  const cmd: Command = new Command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      `
Completes commands, flags, and stored profile names (after --profile and \`rcuser use\`).

Examples:
  source <(rcuser completion bash)                        try it in this bash
  echo 'source <(rcuser completion bash)' >> ~/.bashrc    every new bash
  rcuser completion zsh > ~/.zfunc/_rcuser                zsh, with fpath=(~/.zfunc $fpath)
                                                          in ~/.zshrc before compinit
  rcuser completion fish > ~/.config/fish/completions/rcuser.fish`,
    )
    .action(async (shell: (typeof SHELLS)[number], _opts: unknown, c: Command) => {
      ctx.exitCode = await runF({ ...readCommandFlags(c, {}, ctx.env), shell });
    });
  return cmd;
}

/**
 * Hidden and quick: the completion scripts run it at every <TAB> after --profile, so it only
 * reads the profile store: no network, and never a token in its output.
 */
export function makeProfileNamesCommand(ctx: Context, run?: ProfileNamesRun): Command {
  const runF: ProfileNamesRun =
    run ??
    (async () => {
      const store = await ctx.store();
      const names = store.list().map((p) => p.name);
      if (names.length) ctx.io.stdout.write(`${names.join('\n')}\n`);
      return ExitCode.ok;
    });
  return new Command(PROFILE_NAMES_COMMAND)
    .description('list stored profile names, one a line (for shell completion)')
    .action(async (_opts: unknown, c: Command) => {
      ctx.exitCode = await runF(readCommandFlags(c, {}, ctx.env));
    });
}

function rootOf(cmd: Command): Command {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}
