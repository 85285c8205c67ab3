import { PROFILE_NAMES_COMMAND, type FlagSpec, type ProgramSpec, type Values } from './spec.js';

/** Quote for a fish single-quoted string (only \ and ' are special inside). */
const q = (s: string): string => `'${s.replace(/([\\'])/g, '\\$1')}'`;

function valueArgs(values: Values, name: string): string {
  switch (values.kind) {
    case 'profiles':
      return ` -x -a ${q(`(command ${name} ${PROFILE_NAMES_COMMAND} 2>/dev/null)`)}`;
    case 'files':
      return ' -r -F';
    case 'words':
      return ` -x -a ${q(values.words.join(' '))}`;
    case 'none':
      return ' -x';
  }
}

function flagLine(name: string, f: FlagSpec, condition?: string): string {
  let line = `complete -c ${name}`;
  if (condition) line += ` -n ${q(condition)}`;
  if (f.short) line += ` -s ${f.short.replace(/^-/, '')}`;
  if (f.long) line += ` -l ${f.long.replace(/^--/, '')}`;
  if (f.takesValue) line += valueArgs(f.values, name);
  return `${line} -d ${q(f.description)}`;
}

/** A fish completion script; fish loads it from ~/.config/fish/completions/<name>.fish. */
export function fishScript(spec: ProgramSpec): string {
  const name = spec.name;
  const names = spec.commands.map((c) => c.name).join(' ');
  const lines: string[] = [
    `# fish completion for ${name}`,
    '#',
    `# Load it in this shell:   ${name} completion fish | source`,
    `# Or for every new shell:  ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    '',
    '# No file names unless a flag asks for one.',
    `complete -c ${name} -f`,
    '',
    '# Commands',
    ...spec.commands.map(
      (c) =>
        `complete -c ${name} -n ${q(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${q(c.description)}`,
    ),
    '',
    '# Flags of every command',
    ...spec.globalFlags.map((f) => flagLine(name, f)),
  ];
  const valueFlags = spec.globalFlags
    .filter((f) => f.takesValue)
    .flatMap((f) => [f.short, f.long].filter((x): x is string => x !== undefined));
  lines.push(
    '',
    '# How many words follow the command (flags and their values aside): `profiles rename <Tab>` is 1.',
    `function __${name}_npos`,
    '    set -l n -1',
    '    set -l skip 0',
    '    for w in (commandline -opc)[2..-1]',
    '        if test $skip = 1',
    '            set skip 0',
    `        else if contains -- $w ${valueFlags.join(' ')}`,
    '            set skip 1',
    "        else if not string match -q -- '-*' $w",
    '            set n (math $n + 1)',
    '        end',
    '    end',
    '    echo $n',
    'end',
  );
  for (const c of spec.commands) {
    const seen = `__fish_seen_subcommand_from ${c.name}`;
    if (c.subcommands.length > 0) {
      lines.push(
        '',
        `# ${name} ${c.name}`,
        ...c.flags.filter((f) => f.long !== '--help').map((f) => flagLine(name, f, seen)),
      );
      for (const sub of c.subcommands) {
        lines.push(
          `complete -c ${name} -n ${q(`${seen}; and test (__${name}_npos) = 0`)} -a ${sub.name} -d ${q(sub.description)}`,
        );
        if (sub.args.kind === 'profiles') {
          const cond = `${seen}; and __fish_seen_subcommand_from ${sub.name}; and test (__${name}_npos) = 1`;
          lines.push(
            `complete -c ${name} -n ${q(cond)} -a ${q(`(command ${name} ${PROFILE_NAMES_COMMAND} 2>/dev/null)`)}`,
          );
        }
      }
      continue;
    }
    const own = c.flags.filter((f) => f.long !== '--help');
    if (own.length === 0 && c.args.kind === 'none') continue;
    lines.push('', `# ${name} ${c.name}`, ...own.map((f) => flagLine(name, f, seen)));
    if (c.args.kind === 'profiles')
      lines.push(`complete -c ${name} -n ${q(seen)} -a ${q(`(command ${name} ${PROFILE_NAMES_COMMAND} 2>/dev/null)`)}`);
    if (c.args.kind === 'words') lines.push(`complete -c ${name} -n ${q(seen)} -a ${q(c.args.words.join(' '))}`);
    if (c.args.kind === 'files') lines.push(`complete -c ${name} -n ${q(seen)} -F`);
  }
  return `${lines.join('\n')}\n`;
}
