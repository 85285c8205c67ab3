/** Shell completion of the audit flags: list --idle/--sort/--order, info --teams, diff's files. */
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
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-completion-audits-'));
  fs.mkdirSync(path.join(tmp, 'bin'));
  fs.symlinkSync(BIN, path.join(tmp, 'bin', 'rcuser'));
  fs.writeFileSync(path.join(tmp, 'monday.ndjson'), '');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function complete(words: string[]): Promise<string[]> {
  const script = `source <(rcuser completion bash) || exit 9
cd ${JSON.stringify(tmp)}
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

describe('completion of the audit flags', () => {
  it('bash: the new flags, the --sort fields, --order, and files for diff', async () => {
    expect(await complete(['rcuser', 'list', '--id'])).toEqual(['--idle']);
    expect(await complete(['rcuser', 'list', '--sort', ''])).toEqual([
      'username',
      'name',
      'lastLogin',
      'createdAt',
      'status',
    ]);
    expect(await complete(['rcuser', 'list', '--sort', 'lastLogin', '--order', ''])).toEqual(['asc', 'desc']);
    expect(await complete(['rcuser', 'di'])).toEqual(['diff']);
    expect(await complete(['rcuser', 'diff', '--e'])).toEqual(['--exit-code']);
    expect(await complete(['rcuser', 'diff', 'mon'])).toEqual(['monday.ndjson']);
  }, 60_000);

  it('zsh and fish: the --sort fields', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await runCli(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('createdAt');
      expect(r.stdout).toContain('exit-code');
    }
  }, 60_000);
});
