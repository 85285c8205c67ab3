/**
 * The `rcuser …` command lines a text shows (the README's code blocks and inline code, a command's
 * --help), and a check that the program knows every command, flag and help topic they use.
 * Parsing goes through createProgram with every command's work stubbed out, so nothing runs.
 */
import { CommanderError, type Command } from 'commander';
import { createProgram } from '../../src/root/program.js';
import { HELP_TOPICS } from '../../src/root/help-topics.js';
import { testContext } from '../helpers/io.js';

export interface Example {
  /** The words after `rcuser`, as the shell would pass them. */
  argv: string[];
  /**
   * run: a command line, parsed as given. synopsis (`rcuser list [--active | --deactivated] …`) and
   * mention (inline code in prose, like `rcuser use`): the command must exist and take every flag named.
   */
  kind: 'run' | 'synopsis' | 'mention';
  /** A session shows it failing (`rcuser: unknown option …` under it): it must fail. */
  fails?: boolean;
  /** Where it was found, for the failure message. */
  where: string;
  text: string;
}

/**
 * Split a shell line into simple commands of words. Enough shell for documentation: quotes,
 * pipes and lists, redirections, `<(…)` and `$(…)`, `#` comments, `VAR=value` prefixes, and
 * a run of two or more spaces, which in a help text starts the description column.
 */
export function simpleCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let skipNext = false; // the word after a redirection is a file name
  const endWord = (): void => {
    if (inWord) {
      if (skipNext) skipNext = false;
      else words.push(word);
    }
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    skipNext = false;
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const end = close === -1 ? line.length : close;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === ' ' || c === '\t') {
      endWord();
      if (line[i + 1] === ' ') endCommand();
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === '|' || c === ';' || c === '&' || c === ')' || c === '`') {
      endCommand();
    } else if ((c === '<' || c === '$') && line[i + 1] === '(') {
      endCommand();
      i++;
    } else if (c === '<' && /^<[\w.-]+>/.test(line.slice(i))) {
      // A placeholder such as <server>, not a redirection.
      const end = line.indexOf('>', i);
      word += line.slice(i, end + 1);
      inWord = true;
      i = end;
    } else if (c === '<' || c === '>') {
      // `2>` and `&>`: the digit or & before it is not a word.
      if (inWord && /^\d$/.test(word)) {
        word = '';
        inWord = false;
      }
      endWord();
      while (line[i + 1] === '>' || line[i + 1] === '&') i++;
      skipNext = true;
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands.map((w) => w.slice(w.findIndex((x) => !/^[A-Z_][A-Z0-9_]*=/.test(x)))).filter((w) => w.length > 0);
}

/** The rcuser commands on one line: their words after `rcuser`. */
function rcuserCommands(line: string): string[][] {
  return simpleCommands(line)
    .filter((w) => w[0] === 'rcuser')
    .map((w) => w.slice(1));
}

/** An ellipsis, or a key to press: not a literal command. */
const NOT_LITERAL = /…|<Tab>|(?:^|\s)\.\.\.(?:\s|$)/;

/** `rcuser login [server] [-u|--username <name>]`: a synopsis, whose brackets and bars are not shell. */
const SYNOPSIS = /^(?:\$ )?rcuser (?:[a-z][\w-]* )*(?:<[\w.-]+> )*\[/;

/**
 * Every `rcuser …` command line in a Markdown text: each line of a fenced code block (in a block
 * that shows a terminal session, only the `$ ` lines, and backquoted commands in the output), and
 * every inline code span that begins with `rcuser `.
 */
export function markdownExamples(markdown: string, name = 'README.md'): Example[] {
  const found: Example[] = [];
  let block: Array<{ text: string; n: number }> | undefined;
  const add = (text: string, n: number, kind: Example['kind'], fails = false): void => {
    const where = `${name}:${n}`;
    if (kind === 'synopsis')
      found.push({ argv: text.replace(/^\$ /, '').trim().split(/\s+/).slice(1), kind, where, text: text.trim() });
    else for (const argv of rcuserCommands(text)) found.push({ argv, kind, fails, where, text: text.trim() });
  };
  const addSpans = (text: string, n: number): void => {
    for (const m of text.matchAll(/`(rcuser [^`]*)`/g))
      if (!NOT_LITERAL.test(m[1]!)) add(m[1]!, n, SYNOPSIS.test(m[1]!) ? 'synopsis' : 'mention');
  };
  markdown.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (!/^\s*```/.test(line)) {
      if (block) block.push({ text: line, n });
      else addSpans(line, n);
      return;
    }
    if (block === undefined) {
      block = [];
      return;
    }
    const session = block.some((l) => l.text.startsWith('$ '));
    for (let j = 0; j < block.length; j++) {
      const { text, n: ln } = block[j]!;
      if (session && !text.startsWith('$ ')) {
        addSpans(text, ln);
        continue;
      }
      if (NOT_LITERAL.test(text)) continue;
      if (SYNOPSIS.test(text)) {
        // A synopsis goes on over indented lines that start with a bracket.
        let full = text;
        while (/^\s+\[/.test(block[j + 1]?.text ?? '')) full += ` ${block[++j]!.text.trim()}`;
        add(full, ln, 'synopsis');
      } else {
        add(text.replace(/^\$ /, ''), ln, 'run', /^rcuser: unknown (option|command)/.test(block[j + 1]?.text ?? ''));
      }
    }
    block = undefined;
  });
  return found;
}

/**
 * A page of docs/ without its generated blocks (`rcuser help <topic>`'s text, checked as a topic),
 * blanked line for line so line numbers stay true.
 */
export function withoutTopicBlocks(markdown: string): string {
  return markdown.replace(/<!-- rcuser help [\w-]+:[^]*?<!-- end of rcuser help [\w-]+ -->/g, (block) =>
    block.replace(/[^\n]/g, ''),
  );
}

/** A help topic's command lines: its examples, its quoted commands, and each line that starts with `rcuser `. */
export function topicExamples(text: string, name: string): Example[] {
  const listed = text
    .split('\n')
    .filter((line) => /^ {2,}rcuser /.test(line))
    .flatMap((line) =>
      rcuserCommands(line).map((argv) => ({ argv, kind: 'run' as const, where: name, text: line.trim() })),
    );
  const examples = helpExamples(text, name);
  return [...examples, ...listed.filter((l) => !examples.some((e) => e.text === l.text))];
}

/** The command lines under `Examples:` in a --help text, and the commands it quotes. */
export function helpExamples(help: string, name: string): Example[] {
  const found: Example[] = [];
  const section = /\nExamples?:\n((?: {2}.*\n?)+)/.exec(help)?.[1] ?? '';
  for (const line of section.split('\n')) {
    for (const argv of rcuserCommands(line)) found.push({ argv, kind: 'run', where: name, text: line.trim() });
  }
  for (const m of help.matchAll(/`(rcuser [^`]*)`/g)) {
    if (NOT_LITERAL.test(m[1]!)) continue;
    for (const argv of rcuserCommands(m[1]!)) found.push({ argv, kind: 'mention', where: name, text: m[1]! });
  }
  return found;
}

/**
 * A program whose commands do nothing when they run: the four with a `run` parameter get a stub
 * (so their options are still read and checked), every other action is replaced, except `help`,
 * which only prints and must find the topic it is given.
 */
export function stubbedProgram(edit?: (program: Command) => void): {
  program: Command;
  ran: string[];
  err: () => string;
} {
  const ctx = testContext();
  const ran: string[] = [];
  const program = createProgram(ctx, {
    info: async () => (ran.push('info'), 0),
    login: async () => (ran.push('login'), 0),
    search: async () => (ran.push('search'), 0),
    list: async () => (ran.push('list'), 0),
  });
  const stub = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      const name = sub.name();
      if (!['info', 'login', 'search', 'list', 'help'].includes(name)) sub.action(() => void ran.push(name));
      stub(sub);
    }
  };
  stub(program);
  edit?.(program);
  return { program, ran, err: () => ctx.io.err() };
}

/** Why the program would refuse this example, or undefined when it takes it. */
export async function problemWith(example: Example, edit?: (program: Command) => void): Promise<string | undefined> {
  const { program, ran, err } = stubbedProgram(edit);
  if (example.argv[0] === 'help' && example.argv[1] !== undefined && !example.argv[1].startsWith('-')) {
    const topic = example.argv[1];
    if (!topic.startsWith('<') && !(topic in HELP_TOPICS) && !program.commands.some((c) => c.name() === topic))
      return `no command or help topic named "${topic}"`;
  }
  if (example.kind !== 'run') return flagsProblem(program, example.argv);
  if (example.argv.length === 0) return undefined; // bare `rcuser`: main prints the help
  try {
    await program.parseAsync(example.argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError && ['commander.helpDisplayed', 'commander.version'].includes(e.code))
      return undefined;
    return err().trim() || (e instanceof Error ? e.message : String(e));
  }
  // `help` prints for real; anything else must have reached one command.
  if (ran.length !== 1 && example.argv[0] !== 'help')
    return `parsed, but ran ${ran.length ? ran.join(', ') : 'no command'}`;
  return undefined;
}

/** The command named must exist, and each flag must be one it (or the program) takes. */
function flagsProblem(program: Command, words: string[]): string | undefined {
  let cmd = program;
  let i = 0;
  // Global flags may come first: `rcuser --profile ci info jdoe`.
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-') || w.startsWith('[') || w.startsWith('<')) {
      const opt = program.options.find((o) => o.long === w || o.short === w);
      if (cmd === program && opt?.required) i++;
      if (cmd === program && opt) continue;
      break;
    }
    const sub = cmd.commands.find((c) => c.name() === w);
    if (!sub) {
      if (cmd === program) return `no command "${w}"`;
      break;
    }
    cmd = sub;
  }
  const known = new Set(['--help', '-h', ...[...cmd.options, ...program.options].flatMap((o) => [o.long, o.short])]);
  const flags =
    words
      .slice(i)
      .join(' ')
      .match(/(?<![\w-])--?[a-z][\w-]*/gi) ?? [];
  const unknown = flags.filter((f) => !known.has(f));
  return unknown.length ? `${cmd === program ? 'rcuser' : cmd.name()} has no ${unknown.join(', ')}` : undefined;
}
