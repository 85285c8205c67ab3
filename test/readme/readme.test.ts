/**
 * The README and each command's --help show only commands, flags and help topics the program has:
 * every `rcuser …` line is parsed through createProgram with the work stubbed out (gh's runF).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/root/program.js';
import { testContext } from '../helpers/io.js';
import { HELP_TOPICS, TOPIC_NAMES } from '../../src/root/help-topics.js';
import { TOPIC_TEXTS } from '../../src/root/topics.js';
import { helpExamples, markdownExamples, problemWith, simpleCommands, type Example } from './commands.js';

const read = (file: string): string =>
  fs.readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
const README = read('README.md');
/** The manual beside the README: the docs pages, the reliability catalog and the help topics (test/docs checks their examples). */
const MANUAL = [
  ...fs.readdirSync(fileURLToPath(new URL('../../docs', import.meta.url))).map((f) => read(`docs/${f}`)),
  read('test/reliability/CATALOG.md'),
  ...Object.values(TOPIC_TEXTS),
].join('\n');
const examples = markdownExamples(README);
const label = (e: Example): string => `${e.where} ${e.text}`;

/** Shown on purpose as mistakes, each with what rcuser says about it. */
const MISTAKES = ['version', 'help exit-code'];
const isMistake = (e: Example): boolean => e.fails === true || MISTAKES.includes(e.argv.join(' '));

describe('README.md', () => {
  it('has the examples this test is about', () => {
    expect(examples.filter((e) => e.kind === 'run').length).toBeGreaterThan(60);
    expect(examples.filter((e) => e.kind === 'synopsis').map((e) => e.argv[0])).toEqual(
      expect.arrayContaining(['login', 'info', 'search', 'list']),
    );
    expect(examples.filter((e) => e.fails).length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.filter((e) => !isMistake(e)).map((e) => [label(e), e] as const))('%s', async (_, e) => {
    expect(await problemWith(e)).toBeUndefined();
  });

  it.each(examples.filter(isMistake).map((e) => [label(e), e] as const))(
    'a mistake it shows is one: %s',
    async (_, e) => {
      expect(await problemWith(e)).toBeDefined();
    },
  );

  it('shows every command', () => {
    const program = createProgram(testContext());
    const names = program
      .createHelp()
      .visibleCommands(program)
      .map((c) => c.name());
    const shown = new Set(examples.map((e) => e.argv.find((w) => names.includes(w))));
    for (const name of names) expect(shown, `the README shows no \`rcuser ${name}\``).toContain(name);
  });
});

describe('the README and the manual beside it document', () => {
  it('every flag of every command', () => {
    const walk = (c: Command): Command[] => [c, ...c.commands.flatMap(walk)];
    const flags = walk(createProgram(testContext())).flatMap((c) =>
      c.options.filter((o) => !o.hidden).map((o) => [c.name(), o.long!] as const),
    );
    expect(flags.length).toBeGreaterThan(30);
    // In backquotes in Markdown, or as a word in a help topic's plain text.
    for (const [cmd, flag] of flags)
      expect(`${README}\n${MANUAL}`, `${cmd} ${flag}`).toMatch(new RegExp(`(?:\`[^\`]*|\\s)${flag}\\b`));
  });
});

describe('the files the README names', () => {
  it('exist', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const named = [...README.matchAll(/`((?:\.ci|bin|docs|scripts|src|test)\/[^`<\s]*)`|\]\(([^)#\s]+)\)/g)].map(
      (m) => (m[1] ?? m[2])!,
    );
    expect(named.length).toBeGreaterThan(10);
    for (const file of new Set(named)) expect(fs.existsSync(root + file), `${file} is named in the README`).toBe(true);
  });
});

describe('the check fails when the program changes under the README', () => {
  // commander exposes its lists read-only; these tests change a program as a rename in src/ would.
  const mutable = <T>(list: readonly T[]): T[] => list as T[];
  const byName = (program: Command, name: string): Command => program.commands.find((c) => c.name() === name)!;
  const renameFlag = (cmd: string, from: string, to: string) => (program: Command) => {
    const c = byName(program, cmd);
    const old = c.options.find((o) => o.long === from)!;
    mutable(c.options).splice(
      c.options.indexOf(old),
      1,
      new Option(`${to}${old.required ? ' <value>' : ''}`, old.description),
    );
  };
  const using = (flag: string, kind: Example['kind']): Example[] =>
    examples.filter((e) => e.kind === kind && e.argv.includes(flag));

  it.each(['run', 'synopsis'] as const)('a renamed flag (--rooms): every %s line that uses it', async (kind) => {
    const affected = using('--rooms', kind).concat(
      kind === 'synopsis' ? examples.filter((e) => e.kind === 'synopsis' && e.argv.includes('[--rooms]')) : [],
    );
    expect(affected.length).toBeGreaterThan(0);
    for (const e of affected)
      expect(await problemWith(e, renameFlag('info', '--rooms', '--with-rooms')), label(e)).toMatch(/--rooms/);
  });

  it('a renamed flag in a synopsis (--never-logged-in)', async () => {
    const [list] = examples.filter((e) => e.kind === 'synopsis' && e.argv[0] === 'list');
    expect(await problemWith(list!, renameFlag('list', '--never-logged-in', '--no-login'))).toBe(
      'list has no --never-logged-in',
    );
  });

  it('a renamed global flag (--profile), given before the command', async () => {
    const e = examples.find((x) => x.argv[0] === '--profile')!;
    const problem = await problemWith(e, (program) => {
      const o = program.options.find((x) => x.long === '--profile')!;
      mutable(program.options).splice(program.options.indexOf(o), 1, new Option('--use-profile <name>'));
    });
    expect(problem).toMatch(/unknown option '--profile'/);
  });

  it('a removed command, in a line and in a mention', async () => {
    const drop = (program: Command): void =>
      void mutable(program.commands).splice(program.commands.indexOf(byName(program, 'status')), 1);
    for (const e of examples.filter((x) => x.argv[0] === 'status'))
      expect(await problemWith(e, drop), label(e)).toBeDefined();
  });

  it('a help topic that does not exist', async () => {
    expect(await problemWith({ argv: ['help', 'environments'], kind: 'run', where: 'x', text: '' })).toBe(
      'no command or help topic named "environments"',
    );
    expect(await problemWith({ argv: ['help', 'environments'], kind: 'mention', where: 'x', text: '' })).toBe(
      'no command or help topic named "environments"',
    );
  });

  it('an option that does not fit the command (a flag of list given to search)', async () => {
    expect(await problemWith({ argv: ['search', 'x', '--role', 'admin'], kind: 'run', where: 'x', text: '' })).toMatch(
      /unknown option '--role'/,
    );
    expect(
      await problemWith({ argv: ['search', '<term>', '[--role', '<r>]'], kind: 'synopsis', where: 'x', text: '' }),
    ).toBe('search has no --role');
  });
});

/** Every visible command, at any depth. */
function commandsOf(cmd: Command): Command[] {
  return cmd
    .createHelp()
    .visibleCommands(cmd)
    .flatMap((c) => [c, ...commandsOf(c)]);
}

describe("each command's --help", () => {
  const ctx = testContext();
  const program = createProgram(ctx);
  const helps = [program, ...commandsOf(program)].map((cmd) => {
    const before = ctx.io.out().length;
    cmd.outputHelp();
    const path: string[] = [];
    for (let c: Command | null = cmd; c; c = c.parent) path.unshift(c.name());
    return { name: `${path.join(' ')} --help`, text: ctx.io.out().slice(before) };
  });
  const shown = helps.flatMap((h) => helpExamples(h.text, h.name));

  it('has examples for every command', () => {
    for (const h of helps)
      expect(
        shown.some((e) => e.where === h.name && e.kind === 'run'),
        h.name,
      ).toBe(true);
  });

  it.each(shown.map((e) => [`${e.where} (${e.kind}): ${e.text}`, e] as const))('%s', async (_, e) => {
    expect(await problemWith(e)).toBeUndefined();
  });
});

describe('reading shell lines', () => {
  it.each([
    [
      'rcuser info test.john --json | jq -r .username',
      [
        ['rcuser', 'info', 'test.john', '--json'],
        ['jq', '-r', '.username'],
      ],
    ],
    [
      'rcuser info x --json | jq \'.roles | index("admin") != null\'',
      [
        ['rcuser', 'info', 'x', '--json'],
        ['jq', '.roles | index("admin") != null'],
      ],
    ],
    [
      'cut -f1 users.txt | rcuser info - --json > out.ndjson 2>&1',
      [
        ['cut', '-f1', 'users.txt'],
        ['rcuser', 'info', '-', '--json'],
      ],
    ],
    ['RCUSER_PROFILE=ci rcuser info x   # a comment', [['rcuser', 'info', 'x']]],
    ['source <(rcuser completion bash)', [['source'], ['rcuser', 'completion', 'bash']]],
    [
      'rcuser login <server> --token-stdin --user-id <id> < token.txt',
      [['rcuser', 'login', '<server>', '--token-stdin', '--user-id', '<id>']],
    ],
    [
      'rcuser whoami          who am I',
      [
        ['rcuser', 'whoami'],
        ['who', 'am', 'I'],
      ],
    ],
    [
      'rcuser login s --code "123 456" < pw.txt && echo ok',
      [
        ['rcuser', 'login', 's', '--code', '123 456'],
        ['echo', 'ok'],
      ],
    ],
  ])('%s', (line, commands) => {
    expect(simpleCommands(line)).toEqual(commands);
  });
});

describe('the README leads to the manual', () => {
  it('names every help topic in its Help section, and links its page', () => {
    const help = README.slice(
      README.indexOf('\n## Help\n'),
      README.indexOf('\n## ', README.indexOf('\n## Help\n') + 1),
    );
    expect(TOPIC_NAMES.length).toBe(Object.keys(HELP_TOPICS).length);
    for (const name of TOPIC_NAMES) {
      expect(help, `rcuser help ${name}`).toContain(`rcuser help ${name} `);
      expect(README, `docs/${name}.md`).toContain(`](docs/${name}.md)`);
    }
    for (const page of ['docs/development.md', 'test/reliability/CATALOG.md']) expect(README).toContain(`](${page})`);
  });

  it('is at most 400 lines', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(400);
  });
});
