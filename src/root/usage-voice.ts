import type { Command, Help } from 'commander';
import { nearest, suggestCommand } from '../lib/nearest.js';

/**
 * commander's own usage errors ("error: unknown option '--room'\n(Did you mean --rooms?)") in
 * rcuser's voice: `rcuser: <what> (<the fix>)`, then where the usage is explained.
 */

/** `rcuser info`, `rcuser profiles rename`: the words a person types to reach `cmd`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Flags people reach for that rcuser spells otherwise, and why. */
const FLAG_FIXES: Record<string, string> = {
  '--password': '--password-stdin? a password is never taken from the command line',
  '--token': '--token-stdin? a token is never taken from the command line',
};

export function usageMessage(raw: string, cmd: Command): string {
  const isRoot = cmd.parent === null;
  let text = raw.trim().replace(/^error: /, '');
  // commander puts its suggestion on a line of its own, capitalised.
  text = text.replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean $1?)');

  let m: RegExpExecArray | null;
  if ((m = /^unknown option '([^']*)'$/.exec(text))) {
    const flag = m[1]!;
    const bare = flag.replace(/=.*$/, '');
    const fix = bare.startsWith('--') ? nearest(bare, Object.keys(FLAG_FIXES)) : undefined;
    if (fix) text += ` (did you mean ${FLAG_FIXES[fix]})`;
    else if (bare === '-v') text += isRoot ? ' (did you mean --version?)' : ' (did you mean --verbose?)';
  } else if ((m = /^unknown command '([^']*)'(?: \(did you mean [^)]*\?\))?$/.exec(text))) {
    // commander suggests by spelling alone ("lookup" → logout, "user" → use): rcuser's own rules instead.
    const names = cmd.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden).map((c) => c.name());
    const fix = nearest(m[1]!, ['version'])
      ? 'did you mean --version?'
      : suggestCommand(m[1]!, cmd.args.slice(1), names);
    text = `unknown command '${m[1]}'${fix ? ` (${fix})` : ''}`;
  } else if (cmd.commands.length > 0 && cmd.args.length > 0 && /^too many arguments for /.test(text)) {
    // `profiles rm gone`: the first word is a subcommand that does not exist, not an extra argument.
    const names = cmd.commands.map((c) => c.name());
    const near = nearest(cmd.args[0]!, names);
    text = `unknown subcommand '${cmd.args[0]}' for '${commandPath(cmd)}': choose ${names.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
  } else if ((m = /^too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text))) {
    const n = Number(m[2]);
    text = `too many arguments for '${m[1]}': it takes ${n === 0 ? 'none' : `at most ${n}`}, got ${m[3]}`;
    // `rcuser search anna smith`: one term with a space in it, not two terms.
    if (m[1] === 'search') text += ` (quote a term with spaces: \`rcuser search "${cmd.args.join(' ')}"\`)`;
  } else if ((m = /^option '(.+) (<[^>]*>)' argument missing$/.exec(text))) {
    text = `${m[1]} needs a value ${m[2]}`;
  } else if ((m = /^option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/.exec(text))) {
    const flag = m[1]!.split(/[ ,]/).filter((w) => w.startsWith('--'))[0] ?? m[1]!;
    const choices = m[3]!.split(', ');
    const near = nearest(m[2]!, choices);
    text = `'${m[2]}' is not a ${flag} rcuser knows: choose ${choices.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
  } else if ((m = /^option '[^']*' argument '[^']*' is invalid\. (.+)$/s.exec(text))) {
    // rcuser's own argument parsers already say what is wrong in a sentence.
    text = m[1]!;
  } else if (
    (m = /^command-argument value '([^']*)' is invalid for argument '([^']*)'\. Allowed choices are (.+)\.$/.exec(text))
  ) {
    const choices = m[3]!.split(', ');
    const near = nearest(m[1]!, choices);
    text = `'${m[1]}' is not a ${m[2]} rcuser knows: choose ${choices.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`;
  }
  return `rcuser: ${text}\n${usageFooter(cmd)}`;
}

/** The last line of every usage error, commander's and rcuser's own: where the usage is explained. */
export function usageFooter(cmd: Command): string {
  return `Run '${commandPath(cmd)} --help' for usage.\n`;
}

/** Global flags a command does not use, so its help does not list them. */
const IGNORES_GLOBALS: Record<string, readonly string[] | 'all'> = {
  use: 'all',
  completion: 'all',
  help: 'all',
  profiles: 'all',
  rename: 'all',
  remove: 'all',
  // Each profile brings its own server and CA file.
  status: ['--server', '--profile', '--allow-http', '--ca-file'],
};

/**
 * Every command and subcommand: errors in rcuser's voice, exit codes through main() (exitOverride),
 * one wording for -h, and a second help section with the global flags the command honours.
 */
export function applyUsageVoice(program: Command, write: (s: string) => unknown): void {
  const visit = (cmd: Command): void => {
    if (cmd !== program) {
      cmd
        .configureOutput(program.configureOutput())
        .exitOverride()
        .showSuggestionAfterError(true)
        .helpOption('-h, --help', 'show help')
        .configureHelp({
          showGlobalOptions: true,
          visibleGlobalOptions(this: Help, c: Command) {
            const ignored = IGNORES_GLOBALS[c.name()];
            if (ignored === 'all') return [];
            const root = program.options.filter(
              (o) => !o.hidden && o.long !== '--version' && !(ignored ?? []).includes(o.long ?? ''),
            );
            return root;
          },
        });
    }
    cmd.configureOutput({ outputError: (s) => write(usageMessage(s, cmd)) });
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
}
