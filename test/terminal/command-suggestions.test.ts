import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { testContext } from '../helpers/io.js';

/**
 * Issue 21 items 6 and 7: unknown commands and subcommands get a next step that makes sense, never
 * a command that changes state for a word that looks like a lookup (`lookup` → logout, `user` → use).
 */
async function run(argv: string[]) {
  const ctx = testContext({ env: {} });
  const code = await main(argv, ctx);
  return { code, stdout: ctx.io.out(), stderr: ctx.io.err() };
}

const root = (line: string) => `rcuser: ${line}\nRun 'rcuser --help' for usage.\n`;

describe('unknown commands', () => {
  it.each([
    [
      ['lookup', 'alice'],
      root(
        "unknown command 'lookup' (to look a user up: rcuser info alice; to find users by name: rcuser search alice)",
      ),
    ],
    [
      ['user'],
      root(
        "unknown command 'user' (to look a user up: rcuser info <user>; to find users by name: rcuser search <term>)",
      ),
    ],
    [
      ['users', 'anna'],
      root("unknown command 'users' (to look a user up: rcuser info anna; to find users by name: rcuser search anna)"),
    ],
    [
      ['get', 'bob'],
      root("unknown command 'get' (to look a user up: rcuser info bob; to find users by name: rcuser search bob)"),
    ],
    [
      ['show', 'bob'],
      root("unknown command 'show' (to look a user up: rcuser info bob; to find users by name: rcuser search bob)"),
    ],
    [
      ['find', 'bob'],
      root("unknown command 'find' (to look a user up: rcuser info bob; to find users by name: rcuser search bob)"),
    ],
    [['alice'], root("unknown command 'alice' (to look a user up: rcuser info alice)")],
    [['logut'], root("unknown command 'logut' (did you mean logout?)")],
    [['serach', 'x'], root("unknown command 'serach' (did you mean search?)")],
  ])('%j', async (argv, stderr) => {
    expect(await run(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('never suggests a command that changes state for something that is not a one-edit typo of it', async () => {
    for (const word of ['lookup', 'lgoot', 'users', 'usr', 'loggedout']) {
      const { stderr } = await run([word, 'x']);
      expect(stderr, word).not.toMatch(/did you mean (logout|login|use)\?/);
    }
  });
});

describe('unknown subcommands', () => {
  it('names the unknown subcommand and the real ones, as gh does', async () => {
    expect(await run(['profiles', 'rm', 'gone'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "rcuser: unknown subcommand 'rm' for 'rcuser profiles': choose rename, remove\nRun 'rcuser profiles --help' for usage.\n",
    });
    expect((await run(['profiles', 'renam', 'a', 'b'])).stderr).toBe(
      "rcuser: unknown subcommand 'renam' for 'rcuser profiles': choose rename, remove (did you mean rename?)\nRun 'rcuser profiles --help' for usage.\n",
    );
  });

  it('rcuser help profiles rename shows the subcommand help', async () => {
    const r = await run(['help', 'profiles', 'rename']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rcuser profiles rename \[options\] <profile> <new-name>/);
    expect(await run(['help', 'profiles', 'rm'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^rcuser: no subcommand "rm" of rcuser profiles: choose rename, remove\n/),
    });
  });
});
