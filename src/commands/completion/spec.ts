import type { Argument, Command, Option } from 'commander';

/**
 * What a completion script needs to know, read from the commander program itself, so a new
 * command or flag is completed without anyone remembering to edit the scripts.
 */

/** How the value of a flag or a positional argument is completed. */
export type Values = { kind: 'none' } | { kind: 'profiles' } | { kind: 'files' } | { kind: 'words'; words: string[] };

export interface FlagSpec {
  long?: string;
  short?: string;
  /** `--x <value>` or `--x [value]`: the next word is its value. */
  takesValue: boolean;
  description: string;
  values: Values;
}

export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** What the positional arguments are (for a command with subcommands: the subcommands' names). */
  args: Values;
  /** `profiles rename <profile> <new-name>`: each subcommand's first argument is completed, the rest not. */
  subcommands: CommandSpec[];
}

export interface ProgramSpec {
  name: string;
  /** Flags of the root program; commander accepts them before or after the command. */
  globalFlags: FlagSpec[];
  commands: CommandSpec[];
}

/** The hidden command the scripts run to list stored profile names, one a line. */
export const PROFILE_NAMES_COMMAND = '__profiles';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

function flagValues(opt: Option): Values {
  if (opt.argChoices) return { kind: 'words', words: [...opt.argChoices] };
  // Suggested values that do not restrict the flag (e.g. --role: any role id is accepted).
  const suggested = (opt as Option & { completionWords?: string[] }).completionWords;
  if (suggested) return { kind: 'words', words: [...suggested] };
  if (opt.attributeName() === 'profile') return { kind: 'profiles' };
  // <pem>, <file>, <ca-file>, <path>; not <profile>.
  if (/<(?:[\w-]*-)?(?:file|pem|path)>/i.test(opt.flags)) return { kind: 'files' };
  return { kind: 'none' };
}

function flagSpec(opt: Option): FlagSpec {
  return {
    long: opt.long,
    short: opt.short,
    takesValue: opt.required || opt.optional,
    description: opt.description,
    values: flagValues(opt),
  };
}

function argValues(cmd: Command, commandNames: string[]): Values {
  const arg = cmd.registeredArguments[0];
  // `rcuser profiles <Tab>`: its own commands (rename, remove).
  if (cmd.commands.length) return { kind: 'words', words: cmd.commands.map((c) => c.name()) };
  if (!arg) return { kind: 'none' };
  if (arg.argChoices) return { kind: 'words', words: [...arg.argChoices] };
  const name = arg.name();
  if (name === 'profile') return { kind: 'profiles' };
  // `diff <before.ndjson> <after.ndjson>`: saved lists, i.e. files.
  if (/\.ndjson$|file$/.test(name)) return { kind: 'files' };
  // `rcuser help <Tab>`: the commands, and the topics the help command hands in (src/root/help-topics.ts).
  const suggested = (arg as Argument & { completionWords?: readonly string[] }).completionWords;
  if (name === 'topic') return { kind: 'words', words: [...commandNames, ...(suggested ?? [])] };
  if (suggested) return { kind: 'words', words: [...suggested] };
  return { kind: 'none' };
}

/** Visible commands and options only: hidden ones are for scripts, not for people at a prompt. */
export function programSpec(program: Command): ProgramSpec {
  const help = program.createHelp();
  const commands = help.visibleCommands(program);
  const names = commands.map((c) => c.name());
  return {
    name: program.name(),
    globalFlags: help.visibleOptions(program).map(flagSpec),
    commands: commands.map((c) => commandSpec(c, names)),
  };
}

function commandSpec(c: Command, names: string[]): CommandSpec {
  const help = c.createHelp();
  return {
    name: c.name(),
    description: c.description(),
    flags: help.visibleOptions(c).map(flagSpec),
    args: argValues(c, names),
    subcommands: help.visibleCommands(c).map((sub) => commandSpec(sub, names)),
  };
}

/** Every spelling of a flag: `-u`, `--username`. */
export function spellings(f: FlagSpec): string[] {
  return [f.short, f.long].filter((s): s is string => s !== undefined);
}
