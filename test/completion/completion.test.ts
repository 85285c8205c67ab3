import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfStore } from '../../src/store/conf-store.js';
import type { Profile } from '../../src/store/types.js';
import { BIN, runCli } from '../helpers/cli.js';
import { profile as baseProfile } from '../helpers/profiles.js';

const exec = promisify(execFile);

let tmp: string;
let configDir: string;
let binDir: string;

const profile = (name: string, server: string): Profile =>
  baseProfile(name, { server, userId: 'u1', username: 'test.john', token: `secret-token-of-${name}` });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-completion-'));
  configDir = path.join(tmp, 'config');
  // The scripts call `rcuser` by name, as an installed rcuser would be found.
  binDir = path.join(tmp, 'bin');
  fs.mkdirSync(binDir);
  fs.symlinkSync(BIN, path.join(binDir, 'rcuser'));
  const store = new ConfStore(configDir);
  await store.save(profile('chat.example.com', 'https://chat.example.com'));
  await store.save(profile('staging', 'https://staging.example.com'));
  await store.save(profile('stage two', 'https://two.example.com'), { activate: false });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Load the script into bash, complete `words` (the last one is being typed), print COMPREPLY one a line. */
async function complete(words: string[]): Promise<string[]> {
  const script = `source <(rcuser completion bash) || exit 9
COMP_WORDS=(${words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_rcuser
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await exec('bash', ['-c', script], {
    env: {
      PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
      HOME: tmp,
      RCUSER_CONFIG_DIR: configDir,
      NO_COLOR: '1',
    },
  });
  return stdout.split('\n').filter((l) => l !== '');
}

describe('rcuser completion bash', () => {
  it('loads in bash and registers a completion for rcuser', async () => {
    const { stdout } = await exec('bash', [
      '-c',
      `source <(node ${JSON.stringify(BIN)} completion bash) && complete -p rcuser`,
    ]);
    expect(stdout.trim()).toBe('complete -F _rcuser rcuser');
  });

  it('completes command names', async () => {
    expect(await complete(['rcuser', ''])).toEqual(expect.arrayContaining(['info', 'completion', 'help']));
    expect(await complete(['rcuser', 'in'])).toEqual(['info']);
    expect(await complete(['rcuser', '--server', 'x', 'co'])).toEqual(['completion']);
  });

  it("completes info's flags and the global ones", async () => {
    const flags = await complete(['rcuser', 'info', '--']);
    expect(flags).toEqual(
      expect.arrayContaining([
        '--username',
        '--user-id',
        '--import-id',
        '--email',
        '--rooms',
        '--json',
        '--concurrency',
        '--server',
        '--profile',
      ]),
    );
    expect(await complete(['rcuser', 'info', 'test.john', '--ro'])).toEqual(['--rooms']);
    expect(await complete(['rcuser', 'info', '--us'])).toEqual(['--username', '--user-id']);
  });

  it('completes stored profile names after --profile, without printing tokens', async () => {
    expect(await complete(['rcuser', '--profile', ''])).toEqual(['chat.example.com', 'staging', 'stage two']);
    expect(await complete(['rcuser', 'info', '--profile', 'st'])).toEqual(['staging', 'stage two']);
    // --profile=<TAB>: bash splits the word at '='.
    expect(await complete(['rcuser', '--profile', '=', 'ch'])).toEqual(['chat.example.com']);
  });

  it('completes nothing for a flag value that is free text', async () => {
    expect(await complete(['rcuser', 'info', '--user-id', ''])).toEqual([]);
    // A new profile's name: neither stored names nor files.
    expect(await complete(['rcuser', 'login', 'chat.example.com', '--name', ''])).toEqual([]);
  });

  it('completes stored profile names for `rcuser use`', async () => {
    expect(await complete(['rcuser', 'use', ''])).toEqual(['chat.example.com', 'staging', 'stage two']);
  });

  it('completes file names after --ca-file', async () => {
    fs.writeFileSync(path.join(tmp, 'corp-ca.pem'), '');
    expect(await complete(['rcuser', '--ca-file', path.join(tmp, 'corp-')])).toEqual([path.join(tmp, 'corp-ca.pem')]);
  });

  it('completes the shells and the help topics', async () => {
    expect(await complete(['rcuser', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete(['rcuser', 'help', 'e'])).toEqual(['environment', 'exit-codes']);
  });
});

describe('rcuser __profiles (for the completion scripts)', () => {
  it('lists stored profile names one a line and nothing else', async () => {
    const r = await runCli(['__profiles'], { env: { RCUSER_CONFIG_DIR: configDir } });
    expect(r).toEqual({ code: 0, stdout: 'chat.example.com\nstaging\nstage two\n', stderr: '' });
  });

  it('prints nothing when no profile is stored', async () => {
    const r = await runCli(['__profiles'], { env: { RCUSER_CONFIG_DIR: path.join(tmp, 'empty') } });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('is not listed in help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('completion');
    expect(r.stdout).not.toContain('__profiles');
  });
});

const haveShell = async (shell: string): Promise<boolean> =>
  exec('sh', ['-c', `command -v ${shell}`]).then(
    () => true,
    () => false,
  );

describe('rcuser completion zsh', async () => {
  const zsh = await haveShell('zsh');
  it('prints a script covering commands, flags and profiles', async () => {
    const r = await runCli(['completion', 'zsh']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('#compdef rcuser');
    for (const s of [
      "'info:look users up (GET /api/v1/users.info)'",
      "'completion:print",
      '--rooms[',
      '--user-id[',
      '--profile[',
      'rcuser __profiles',
      'compdef _rcuser rcuser',
      "'*:topic:(",
      " environment exit-codes)'",
      'use)\n      _arguments',
      "'*:argument:_rcuser_profiles'",
    ]) {
      expect(r.stdout).toContain(s);
    }
  });
  it.runIf(zsh)('parses in zsh', async () => {
    const r = await runCli(['completion', 'zsh']);
    await exec('zsh', ['-n', '-c', r.stdout]);
  });
});

describe('rcuser completion fish', async () => {
  const fish = await haveShell('fish');
  it('prints a script covering commands, flags and profiles', async () => {
    const r = await runCli(['completion', 'fish']);
    expect(r.code).toBe(0);
    for (const s of [
      "-a info -d 'look users up (GET /api/v1/users.info)'",
      "complete -c rcuser -n '__fish_seen_subcommand_from info' -l rooms",
      "-l profile -x -a '(command rcuser __profiles 2>/dev/null)'",
      "complete -c rcuser -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
    ]) {
      expect(r.stdout).toContain(s);
    }
  });
  it.runIf(fish)('parses in fish', async () => {
    const r = await runCli(['completion', 'fish']);
    // From a file: `fish --no-execute -c <script>` exits 0 even on a syntax error (fish 3.6).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-fish-'));
    try {
      fs.writeFileSync(path.join(dir, 'rcuser.fish'), r.stdout);
      await exec('fish', ['--no-execute', path.join(dir, 'rcuser.fish')]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rcuser completion, wrong use', () => {
  it('rejects an unknown shell as a usage error', async () => {
    const r = await runCli(['completion', 'powershell']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "rcuser: 'powershell' is not a shell rcuser knows: choose bash, zsh, fish\nRun 'rcuser completion --help' for usage.\n",
    );
    expect(r.stdout).toBe('');
  });
});
