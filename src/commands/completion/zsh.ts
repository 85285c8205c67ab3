import { PROFILE_NAMES_COMMAND, type CommandSpec, type FlagSpec, type ProgramSpec, type Values } from './spec.js';

/** Quote for a zsh single-quoted string. */
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** An _arguments `[explanation]` ends at the first unescaped `]`. */
const esc = (s: string): string => s.replace(/([\\[\]])/g, '\\$1');
/** In a _describe item, the first unescaped `:` ends the name. */
const escName = (s: string): string => s.replace(/([\\:])/g, '\\$1');

function action(values: Values): string {
  switch (values.kind) {
    case 'profiles':
      return '_rcuser_profiles';
    case 'files':
      return '_files';
    case 'words':
      return `(${values.words.map((w) => w.replace(/([\s()\\:])/g, '\\$1')).join(' ')})`;
    case 'none':
      return ' ';
  }
}

/** `_arguments` specs for one flag, one per spelling. */
function flagSpecs(f: FlagSpec): string[] {
  const value = f.takesValue ? `:${escName(f.long?.replace(/^--/, '') ?? 'value')}:${action(f.values)}` : '';
  return [f.short, f.long]
    .filter((s): s is string => s !== undefined)
    .map((s) => q(`${s}[${esc(f.description)}]${value}`));
}

function commandCase(c: CommandSpec, global: FlagSpec[]): string {
  const specs = [...c.flags, ...global].flatMap(flagSpecs);
  if (c.subcommands.length > 0) {
    // `profiles rename <Tab>`: after the subcommand, its first argument (words[2] is the subcommand).
    const subs = c.subcommands
      .filter((sub) => sub.args.kind !== 'none')
      .map((sub) => `          ${sub.name}) (( CURRENT == 3 )) && ${action(sub.args)} ;;`)
      .join('\n');
    const names = c.subcommands.map((sub) => q(`${escName(sub.name)}:${sub.description}`)).join(' ');
    return (
      `    ${c.name})\n      if (( CURRENT == 2 )); then\n        local -a subcommands\n        subcommands=(${names})\n` +
      `        state=\n        _arguments -s \\\n          ${specs.join(' \\\n          ')} \\\n          '1: :->sub'\n        [[ $state == sub ]] && ` +
      `_describe -t commands '${c.name} command' subcommands\n      else\n        case $words[2] in\n${subs}\n        esac\n      fi\n      ;;`
    );
  }
  if (c.args.kind !== 'none') specs.push(q(`*:${c.name === 'help' ? 'topic' : 'argument'}:${action(c.args)}`));
  return `    ${c.name})\n      _arguments -s \\\n        ${specs.join(' \\\n        ')}\n      ;;`;
}

/**
 * A zsh completion script: works when sourced (`source <(rcuser completion zsh)`) and when saved
 * as `_rcuser` in a directory on $fpath (the first line is the #compdef tag compinit looks for).
 */
export function zshScript(spec: ProgramSpec): string {
  const name = spec.name;
  const commands = spec.commands.map((c) => q(`${escName(c.name)}:${c.description}`)).join('\n    ');
  const globals = spec.globalFlags.flatMap(flagSpecs).join(' \\\n    ');
  const cases = spec.commands
    .map((c) =>
      commandCase(
        c,
        spec.globalFlags.filter((f) => f.long !== '--help' && f.long !== '--version'),
      ),
    )
    .join('\n');
  return `#compdef ${name}
# zsh completion for ${name}
#
# Load it in this shell:   source <(${name} completion zsh)
# Or for every new shell:  ${name} completion zsh > ~/.zfunc/_${name}   (then restart zsh), with
#                          fpath=(~/.zfunc $fpath) in ~/.zshrc before compinit

_rcuser_profiles() {
  local -a profiles
  profiles=(\${(f)"$(command ${name} ${PROFILE_NAMES_COMMAND} 2>/dev/null)"})
  # _describe reads "name:description": a ':' in a name ("127.0.0.1:45555") must be escaped.
  profiles=(\${profiles//:/\\\\:})
  _describe -t profiles 'stored profile' profiles
}

_rcuser() {
  local curcontext="$curcontext" state line ret=1
  typeset -A opt_args
  local -a commands
  commands=(
    ${commands}
  )
  _arguments -C \\
    ${globals} \\
    '1: :->command' \\
    '*:: :->argument' && ret=0
  case $state in
    command)
      _describe -t commands '${name} command' commands && ret=0
      ;;
    argument)
      curcontext="\${curcontext%:*:*}:${name}-$line[1]:"
      case $line[1] in
${cases}
      esac
      ;;
  esac
  return ret
}

if [[ "$funcstack[1]" == _rcuser ]]; then
  _rcuser "$@"
else
  compdef _rcuser ${name}
fi
`;
}
