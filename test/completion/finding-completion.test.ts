import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';

const exec = promisify(execFile);
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-completion-finding-'));
  fs.mkdirSync(path.join(tmp, 'bin'));
  fs.symlinkSync(BIN, path.join(tmp, 'bin', 'rcuser'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function complete(words: string[]): Promise<string[]> {
  const script = `source <(rcuser completion bash) || exit 9
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_rcuser
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await exec('bash', ['-c', script], {
    env: {
      PATH: `${path.join(tmp, 'bin')}${path.delimiter}${process.env.PATH}`,
      HOME: tmp,
      RCUSER_CONFIG_DIR: path.join(tmp, 'config'),
      NO_COLOR: '1',
    },
  });
  return stdout.split('\n').filter((l) => l !== '');
}

describe('completion of search and list', () => {
  it('completes the commands, their flags, role names and types', async () => {
    expect(await complete(['rcuser', 'se'])).toEqual(['search']);
    expect(await complete(['rcuser', 'li'])).toEqual(['list']);
    expect(await complete(['rcuser', 'list', '--ne'])).toEqual(['--never-logged-in']);
    expect(await complete(['rcuser', 'list', '--role', 'mo'])).toEqual(['moderator']);
    expect(await complete(['rcuser', 'list', '--role', 'livechat-a'])).toEqual(['livechat-agent']);
    expect(await complete(['rcuser', 'list', '--type', ''])).toEqual(['user', 'bot', 'app']);
    expect(await complete(['rcuser', 'search', 'x', '--l'])).toEqual(['--limit']);
  });

  it('completes the output flags and the field names of --fields', async () => {
    expect(await complete(['rcuser', 'list', '--ts'])).toEqual(['--tsv']);
    expect(await complete(['rcuser', 'info', 'x', '--j'])).toEqual(['--json', '--jq']);
    expect(await complete(['rcuser', 'list', '--fields', 'last'])).toEqual(['lastLogin']);
    expect(await complete(['rcuser', 'info', 'x', '--fields', 'emails.'])).toEqual([
      'emails.address',
      'emails.verified',
    ]);
  }, 30_000);

  it('zsh and fish scripts offer the role names too', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await runCli(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('moderator');
      expect(r.stdout).toContain('never-logged-in');
    }
  });

  it('--role accepts a role that is not in the list; --type does not accept other types', async () => {
    const custom = await runCli(['list', '--role', 'my-custom-role', '--server', 'http://127.0.0.1:9', '--json'], {
      env: { RCUSER_USER_ID: 'u', RCUSER_TOKEN: 't' },
    });
    expect(custom.code).toBe(1); // got as far as connecting
    const bad = await runCli(['list', '--type', 'robot']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'robot'");
  });
});
