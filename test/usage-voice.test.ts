import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { editDistance, nearest } from '../src/lib/nearest.js';
import { testContext } from './helpers/io.js';
import { runCli } from './helpers/cli.js';

async function run(argv: string[], env: Record<string, string> = {}) {
  const ctx = testContext({ env });
  const code = await main(argv, ctx);
  return { code, stdout: ctx.io.out(), stderr: ctx.io.err() };
}

describe("commander's usage errors read like rcuser's own", () => {
  it.each([
    [
      ['info', 'x', '--room'],
      "rcuser: unknown option '--room' (did you mean --rooms?)\nRun 'rcuser info --help' for usage.\n",
    ],
    [
      ['info', 'x', '--password'],
      "rcuser: unknown option '--password' (did you mean --password-stdin? a password is never taken from the command line)\nRun 'rcuser info --help' for usage.\n",
    ],
    [
      ['login', 'chat.example.com', '--password=hunter2'],
      "rcuser: unknown option '--password=hunter2' (did you mean --password-stdin? a password is never taken from the command line)\nRun 'rcuser login --help' for usage.\n",
    ],
    [
      ['login', '--passwrd'],
      "rcuser: unknown option '--passwrd' (did you mean --password-stdin? a password is never taken from the command line)\nRun 'rcuser login --help' for usage.\n",
    ],
    [
      ['login', '--token', 'abc'],
      "rcuser: unknown option '--token' (did you mean --token-stdin? a token is never taken from the command line)\nRun 'rcuser login --help' for usage.\n",
    ],
    [['-v'], "rcuser: unknown option '-v' (did you mean --version?)\nRun 'rcuser --help' for usage.\n"],
    [
      ['info', 'x', '-v'],
      "rcuser: unknown option '-v' (did you mean --verbose?)\nRun 'rcuser info --help' for usage.\n",
    ],
    [['version'], "rcuser: unknown command 'version' (did you mean --version?)\nRun 'rcuser --help' for usage.\n"],
    [['inof', 'x'], "rcuser: unknown command 'inof' (did you mean info?)\nRun 'rcuser --help' for usage.\n"],
    [
      ['--sever', 'x', 'info', 'y'],
      "rcuser: unknown option '--sever' (did you mean --server?)\nRun 'rcuser --help' for usage.\n",
    ],
    [
      ['completion', 'powershell'],
      "rcuser: 'powershell' is not a shell rcuser knows: choose bash, zsh, fish\nRun 'rcuser completion --help' for usage.\n",
    ],
    [
      ['list', '--type', 'robot'],
      "rcuser: 'robot' is not a --type rcuser knows: choose user, bot, app\nRun 'rcuser list --help' for usage.\n",
    ],
    [
      ['list', '--type', 'bots'],
      "rcuser: 'bots' is not a --type rcuser knows: choose user, bot, app (did you mean bot?)\nRun 'rcuser list --help' for usage.\n",
    ],
    [
      ['completion', 'zhs'],
      "rcuser: 'zhs' is not a shell rcuser knows: choose bash, zsh, fish (did you mean zsh?)\nRun 'rcuser completion --help' for usage.\n",
    ],
    [
      ['--timeout', 'soon', 'whoami'],
      'rcuser: --timeout takes a positive number, not "soon"\nRun \'rcuser --help\' for usage.\n',
    ],
    [
      ['info', '-', '--concurrency', '0'],
      'rcuser: --concurrency takes a whole number from 1 to 64, not "0"\nRun \'rcuser info --help\' for usage.\n',
    ],
    [
      ['whoami', 'extra'],
      "rcuser: too many arguments for 'whoami': it takes none, got 1\nRun 'rcuser whoami --help' for usage.\n",
    ],
    [
      ['use', 'a', 'b'],
      "rcuser: too many arguments for 'use': it takes at most 1, got 2\nRun 'rcuser use --help' for usage.\n",
    ],
    [['use'], "rcuser: missing required argument 'profile'\nRun 'rcuser use --help' for usage.\n"],
    [['login', '-u'], "rcuser: -u, --username needs a value <name-or-email>\nRun 'rcuser login --help' for usage.\n"],
    [['info', '--user-id'], "rcuser: --user-id needs a value <id>\nRun 'rcuser info --help' for usage.\n"],
    [
      ['list', '--active', '--deactivated'],
      "rcuser: option '--active' cannot be used with option '--deactivated'\nRun 'rcuser list --help' for usage.\n",
    ],
  ])('%j', async (argv, stderr) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('a mistyped help topic suggests the nearest', async () => {
    const r = await run(['help', 'exit-code']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'rcuser: no command or help topic named "exit-code" (did you mean exit-codes?)',
    );
  });
});

describe("rcuser's own usage errors end the same way, with the running command's --help", () => {
  const creds = { RCUSER_USER_ID: 'u1', RCUSER_TOKEN: 't1' };
  it.each([
    [
      ['info'],
      {},
      "rcuser: name a user to look up\n  e.g. `rcuser info test.john`, `rcuser info --user-id <id>`, or `rcuser info -` to read names from stdin\nRun 'rcuser info --help' for usage.\n",
    ],
    [
      ['info', 'a', '--email', 'b@c'],
      {},
      "rcuser: name users in exactly one way, not with a username argument and --email\nRun 'rcuser info --help' for usage.\n",
    ],
    [
      ['search', ''],
      creds,
      "rcuser: the search term is empty\n  give a part of a username or name, e.g. `rcuser search john`; `rcuser list` lists everyone\nRun 'rcuser search --help' for usage.\n",
    ],
    [
      ['list'],
      { RCUSER_TOKEN: 't1' },
      "rcuser: RCUSER_TOKEN is set but RCUSER_USER_ID is not\n  set both, or neither to use a stored profile\nRun 'rcuser list --help' for usage.\n",
    ],
    [
      ['--server', 'ftp://x', 'whoami'],
      creds,
      'rcuser: "ftp://x" is not an http(s) URL\n  pass it like `https://chat.example.com`\nRun \'rcuser whoami --help\' for usage.\n',
    ],
    [
      ['login', 'a.example.com', '--server', 'b.example.com'],
      {},
      "rcuser: two servers given: a.example.com and --server b.example.com\n  name the server once\nRun 'rcuser login --help' for usage.\n",
    ],
    [
      ['use', 'nope'],
      {},
      'rcuser: no profile named "nope"\n  no profiles are stored; run `rcuser login <server>`\nRun \'rcuser use --help\' for usage.\n',
    ],
    [
      ['profiles', 'remove', 'nope'],
      {},
      'rcuser: no profile named "nope"\n  no profiles are stored; run `rcuser login <server>`\nRun \'rcuser profiles remove --help\' for usage.\n',
    ],
    [
      ['help', 'nonsense'],
      {},
      /^rcuser: no command or help topic named "nonsense"\n {2}try one of: .*\nRun 'rcuser help --help' for usage\.\n$/,
    ],
  ])('%j', async (argv, env, stderr) => {
    const r = await run(argv, env as Record<string, string>);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
  });

  it('other errors carry no usage line', async () => {
    const r = await run(['whoami']);
    expect(r.code).not.toBe(2);
    expect(r.stderr).toMatch(/^rcuser: /);
    expect(r.stderr).not.toContain('--help');
  });
});

describe('bare rcuser and help', () => {
  it('bare `rcuser` prints the help on stdout and exits 0', async () => {
    const r = await runCli([]);
    const help = await runCli(['--help']);
    expect(r).toEqual({ code: 0, stdout: help.stdout, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: rcuser /);
  });

  it("a command's help lists the global flags it honours in a second section", async () => {
    const info = (await run(['info', '--help'])).stdout;
    expect(info).toMatch(
      /\nOptions:\n[\s\S]*--rooms[\s\S]*\nGlobal Options:\n[\s\S]*--server <url>[\s\S]*--profile <name>[\s\S]*--verbose/,
    );
    // Global flags are not repeated among the command's own.
    expect(info.slice(0, info.indexOf('Global Options:'))).not.toContain('--server');
    // A command that talks to no server lists none.
    expect((await run(['use', '--help'])).stdout).not.toContain('Global Options:');
    expect((await run(['completion', '--help'])).stdout).not.toContain('--server');
  });

  it('-h reads the same everywhere', async () => {
    for (const argv of [
      ['--help'],
      ['info', '--help'],
      ['login', '--help'],
      ['completion', '--help'],
      ['profiles', '--help'],
    ]) {
      const out = (await run(argv)).stdout;
      expect(out, argv.join(' ')).toMatch(/^ {2}-h, --help +show help$/m);
      expect(out).not.toContain('display help for command');
    }
  });
});

describe('nearest', () => {
  it('edit distance counts a swap of neighbours as one', () => {
    expect(editDistance('stagin', 'staging')).toBe(1);
    expect(editDistance('exti', 'exit')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('jonh', 'john')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    // Characters, not UTF-16 units: an emoji is one edit.
    expect(editDistance('team😀', 'team')).toBe(1);
  });
  it('prefers a name typed short, then the closest, and gives up when nothing is close', () => {
    expect(nearest('127.0.0.1', ['127.0.0.1:45555', 'staging'])).toBe('127.0.0.1:45555');
    expect(nearest('stagin', ['production', 'staging'])).toBe('staging');
    expect(nearest('qqq', ['production', 'staging'])).toBeUndefined();
  });
});
