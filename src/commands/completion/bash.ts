import { PROFILE_NAMES_COMMAND, spellings, type FlagSpec, type ProgramSpec, type Values } from './spec.js';

/** Quote for a bash single-quoted string. */
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The bash statement that fills COMPREPLY with candidates of this kind matching $cur. */
function reply(values: Values, extraWords: string[] = []): string {
  switch (values.kind) {
    case 'profiles':
      return '_rcuser_lines "$(_rcuser_profiles)"';
    case 'files':
      return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))';
    case 'words':
      return `_rcuser_words ${q([...values.words, ...extraWords].join(' '))}`;
    case 'none':
      return extraWords.length ? `_rcuser_words ${q(extraWords.join(' '))}` : 'COMPREPLY=()';
  }
}

function flagWords(flags: FlagSpec[]): string[] {
  return [...new Set(flags.flatMap(spellings))];
}

/** Root flags that make sense after a command too (-h and -V belong to the root's own help). */
function inheritedFlags(spec: ProgramSpec): FlagSpec[] {
  return spec.globalFlags.filter((f) => f.long !== '--help' && f.long !== '--version');
}

/**
 * A bash completion script. It needs nothing but bash (not the bash-completion package): words
 * after a flag that takes a value are that flag's value; the first other word is the command.
 */
export function bashScript(spec: ProgramSpec): string {
  const name = spec.name;
  const allFlags = [...spec.globalFlags, ...spec.commands.flatMap((c) => c.flags)];
  // Which flag takes which kind of value; a flag spelled the same in two commands means the same.
  const valueCases = new Map<string, Values>();
  for (const f of allFlags) {
    if (!f.takesValue) continue;
    for (const s of spellings(f)) if (!valueCases.has(s)) valueCases.set(s, f.values);
  }
  const globalValueFlags = spec.globalFlags.filter((f) => f.takesValue).flatMap(spellings);
  const byKind = new Map<string, string[]>();
  for (const [flag, values] of valueCases) {
    const key = reply(values);
    byKind.set(key, [...(byKind.get(key) ?? []), flag]);
  }
  const prevCases = [...byKind]
    .map(([body, flags]) => `    ${flags.join('|')})\n      ${body}\n      return ;;`)
    .join('\n');
  const globalWords = flagWords(spec.globalFlags);
  const commandFlagCases = spec.commands
    .map((c) => `      ${c.name}) _rcuser_words ${q(flagWords([...c.flags, ...inheritedFlags(spec)]).join(' '))} ;;`)
    .join('\n');
  const argCases = spec.commands
    .filter((c) => c.args.kind !== 'none')
    .map((c) => {
      if (c.subcommands.length === 0) return `    ${c.name}) ${reply(c.args)} ;;`;
      // `profiles rename <Tab>`: the subcommand's first argument, not the subcommands again.
      const subs = c.subcommands
        .filter((sub) => sub.args.kind !== 'none')
        .map((sub) => `          ${sub.name}) ((npos == 1)) && ${reply(sub.args)} ;;`)
        .join('\n');
      return `    ${c.name})\n      if ((npos == 0)); then\n        ${reply(c.args)}\n      else\n        case $sub in\n${subs}\n        esac\n      fi ;;`;
    })
    .join('\n');

  return `# bash completion for ${name}
#
# Load it in this shell:        source <(${name} completion bash)
# Or for every new shell:       echo 'source <(${name} completion bash)' >> ~/.bashrc
#   or, with bash-completion:   ${name} completion bash > ~/.local/share/bash-completion/completions/${name}

_rcuser_profiles() {
  command ${name} ${PROFILE_NAMES_COMMAND} 2>/dev/null
}

# COMPREPLY := the words of $1 that start with $cur.
_rcuser_words() {
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# The same for one word a line (profile names may contain spaces). Never compgen -W: it expands
# $(...) and backquotes in the words, so a profile named x$(touch PWNED) would run at the Tab key.
# The names go in as they are, and readline quotes them for the line (-o filenames), as it does
# file names with spaces or $ in them.
_rcuser_lines() {
  local line
  COMPREPLY=()
  compopt -o filenames 2>/dev/null
  while IFS= read -r line; do
    [[ -n $line && $line == "$cur"* ]] && COMPREPLY+=("$line")
  done <<< "$1"
}

# Bash splits words at COMP_WORDBREAKS, which holds ':' (a profile "127.0.0.1:45555" and a server
# "http://x" arrive in pieces): join back pieces the line has no space between, into words/cword.
_rcuser_join_words() {
  local line=\${COMP_LINE:0:COMP_POINT} i w rest glue
  words=() cword=-1
  for ((i = 0; i <= COMP_CWORD && i < \${#COMP_WORDS[@]}; i++)); do
    w=\${COMP_WORDS[i]}
    rest=\${line#"\${line%%[![:space:]]*}"}
    glue=0
    if ((i > 0)) && [[ \${#rest} -eq \${#line} ]] && [[ $w == :* || \${words[cword]} == *: ]]; then glue=1; fi
    line=\${rest:\${#w}}
    if ((glue)); then
      words[cword]+=$w
    else
      words[++cword]=$w
    fi
  done
  ((cword < 0)) && words=("") cword=0
  return 0
}

_rcuser() {
  local -a words
  local cword
  _rcuser_join_words
  local cur=\${words[cword]} prev=\${words[cword-1]}
  # COMP_WORDBREAKS splits --flag=value into --flag, =, value.
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" && $cword -ge 2 ]]; then
    prev=\${words[cword-2]}
  fi
  _rcuser_complete
  # Bash replaces only the piece after the last ':' of the word: hand it just that piece.
  if [[ $cur == *:* && \${#COMPREPLY[@]} -gt 0 ]]; then
    local colon_prefix=\${cur%"\${cur##*:}"} k
    for k in "\${!COMPREPLY[@]}"; do COMPREPLY[k]=\${COMPREPLY[k]#"$colon_prefix"}; done
  fi
}

_rcuser_complete() {
  # cmd: the command; sub: the first word after it; npos: how many words follow it (flags aside).
  local i w cmd="" sub="" npos=0
  COMPREPLY=()
  for ((i = 1; i < cword; i++)); do
    w=\${words[i]}
    case $w in
      =) ((i++)) ;;
      ${globalValueFlags.length ? globalValueFlags.join('|') : '--'}) [[ \${words[i+1]} != "=" ]] && ((i++)) ;;
      -*) ;;
      *)
        if [[ -z $cmd ]]; then cmd=$w
        else
          ((npos++ == 0)) && sub=$w
        fi ;;
    esac
  done

  case $prev in
${prevCases}
  esac

  if [[ $cur == -* ]]; then
    case $cmd in
${commandFlagCases}
      *) _rcuser_words ${q(globalWords.join(' '))} ;;
    esac
    return
  fi

  if [[ -z $cmd ]]; then
    _rcuser_words ${q(spec.commands.map((c) => c.name).join(' '))}
    return
  fi

  case $cmd in
${argCases}
    *) COMPREPLY=() ;;
  esac
}

complete -F _rcuser ${name}
`;
}
