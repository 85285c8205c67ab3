import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { createProgram } from '../src/root/program.js';
import { runCli } from './helpers/cli.js';
import { testContext } from './helpers/io.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

describe('rcuser help <topic>', () => {
  it('environment: lists every environment variable rcuser reads', async () => {
    const r = await runCli(['help', 'environment']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const name of [
      'RCUSER_SERVER',
      'RCUSER_USER_ID',
      'RCUSER_TOKEN',
      'RCUSER_PROFILE',
      'RCUSER_CONFIG_DIR',
      'RCUSER_2FA_CODE',
      'RCUSER_CA_FILE',
      'RCUSER_DEBUG',
      'NO_COLOR',
      'FORCE_COLOR',
      'HTTPS_PROXY',
      'HTTP_PROXY',
      'NO_PROXY',
      'NODE_EXTRA_CA_CERTS',
      'RCUSER_MAX_RESPONSE_MB',
      'RCUSER_PAGER',
      'PAGER',
      'COLUMNS',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });

  it('environment: names every variable the source reads (so a new one cannot go undocumented)', async () => {
    const r = await runCli(['help', 'environment']);
    const read = new Set<string>();
    for (const file of fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      // env.X and env['X'], upper or lower case (curl's http_proxy); a name chosen at run time
      // (env[name]) comes from a list that also reads each name as env.X.
      for (const m of fs
        .readFileSync(path.join(SRC, file), 'utf8')
        .matchAll(/(?<!\/)\benv(?:\??\.|\??\.?\[['"])([A-Za-z]\w+)/g))
        read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(10);
    expect([...read]).toEqual(
      expect.arrayContaining(['RCUSER_PAGER', 'PAGER', 'RCUSER_MAX_RESPONSE_MB', 'COLUMNS', 'http_proxy', 'no_proxy']),
    );
    // The platforms' own config-directory variables are explained under RCUSER_CONFIG_DIR.
    for (const name of read)
      expect(r.stdout, `${name} is read but not in \`rcuser help environment\``).toMatch(
        new RegExp(`[\\s$%]${name}\\b`),
      );
  });

  it('exit-codes: one line for each exit code', async () => {
    const r = await runCli(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}(\d+) {2,}\S/gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(Object.values(ExitCode));
  });

  it("a command name still shows that command's help", async () => {
    const [viaHelp, viaFlag] = await Promise.all([runCli(['help', 'info']), runCli(['info', '--help'])]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: rcuser info');
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it('no topic shows the main help', async () => {
    const [viaHelp, viaFlag] = await Promise.all([runCli(['help']), runCli(['--help'])]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toContain('help [topic...]');
  });

  it('an unknown topic is a usage error that lists what there is', async () => {
    const r = await runCli(['help', 'nonsense']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^rcuser: no command or help topic named "nonsense"\n {2}try one of: .*\binfo\b.*\benvironment, exit-codes\nRun 'rcuser help --help' for usage\.\n$/,
    );
  });
});

describe('did you mean', () => {
  it('suggests the command for a mistyped command', async () => {
    const r = await runCli(['inof', 'test.john']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "rcuser: unknown command 'inof' (did you mean info?)\nRun 'rcuser --help' for usage.\n",
    });
  });

  it("suggests the flag for a mistyped command's flag", async () => {
    const r = await runCli(['info', 'test.john', '--room']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: "rcuser: unknown option '--room' (did you mean --rooms?)\nRun 'rcuser info --help' for usage.\n",
    });
  });

  it('suggests the flag for a mistyped global flag', async () => {
    const r = await runCli(['--sever', 'chat.example.com', 'info', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "rcuser: unknown option '--sever' (did you mean --server?)\nRun 'rcuser --help' for usage.\n",
    );
  });
});

/** Every visible command, at any depth. */
function commandsOf(cmd: Command): Command[] {
  const visible = cmd.createHelp().visibleCommands(cmd);
  return visible.flatMap((c) => [c, ...commandsOf(c)]);
}

describe('every command teaches by example', () => {
  const ctx = testContext();
  const program = createProgram(ctx);
  const commands = commandsOf(program);

  it('walks more than the one command the scaffold had', () => {
    expect(commands.map((c) => c.name())).toEqual(expect.arrayContaining(['info', 'completion', 'help']));
  });

  it.each(['rcuser', ...commands.map((c) => c.name())])(
    '%s --help has an Examples section with rcuser in it',
    (name) => {
      const cmd = name === 'rcuser' ? program : commands.find((c) => c.name() === name)!;
      const before = ctx.io.out().length;
      cmd.outputHelp();
      const help = ctx.io.out().slice(before);
      const examples = /\nExamples:\n((?: {2}.*\n?)+)/.exec(help);
      expect(examples, `no Examples: section in the help of ${name}`).not.toBeNull();
      expect(examples![1]).toContain('rcuser');
    },
  );

  it.each(['rcuser', ...commands.map((c) => c.name())])('%s --help has at most one Options: section', (name) => {
    const cmd = name === 'rcuser' ? program : commands.find((c) => c.name() === name)!;
    const before = ctx.io.out().length;
    cmd.outputHelp();
    const help = ctx.io.out().slice(before);
    expect(help.match(/^Options:$/gm)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});
