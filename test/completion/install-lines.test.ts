/**
 * The README's lines that install completion "for every new shell", run as written in a fresh home
 * directory, then a new interactive shell (reading its own startup file, as a person's does) where
 * `rcuser wh<Tab><Enter>` must have become `rcuser whoami`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { bash, zsh } from '../helpers/shells.js';
import { hasPython, PTY_SKIP, runProgramInPty } from '../helpers/pty.js';

const README = fs.readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const BLOCK = /## Shell completion\n[^]*?```\n([^]*?)```/.exec(README)![1]!;

let home: string;
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

/** A fresh home with `rcuser` on PATH; runs the README's lines there with `shell -c`. */
function freshHome(shell: string, lines: string[]): Record<string, string> {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-install-'));
  fs.mkdirSync(path.join(home, 'bin'));
  fs.symlinkSync(BIN, path.join(home, 'bin', 'rcuser'));
  const env = {
    PATH: `${path.join(home, 'bin')}${path.delimiter}${process.env.PATH}`,
    HOME: home,
    RCUSER_CONFIG_DIR: path.join(home, 'config'),
    INPUTRC: '/dev/null',
    NO_COLOR: '1',
  };
  for (const line of lines) {
    expect(BLOCK, 'the README no longer shows this line').toContain(line);
    execFileSync(shell, ['-c', line], { env, stdio: 'ignore' });
  }
  return env;
}

/** Type `rcuser wh<Tab>` and Enter in a new interactive shell: whoami runs only if Tab completed it. */
async function tabThenEnter(argv: string[], env: Record<string, string>): Promise<string> {
  const s = runProgramInPty(argv, env, { columns: 120 });
  while (s.transcript() === '') await new Promise((r) => setTimeout(r, 20));
  s.type('rcuser wh\t');
  await new Promise((r) => setTimeout(r, 300));
  s.type('\r');
  await s.waitFor('rcuser: ');
  await s.waitFor('\n');
  const out = s.transcript();
  s.hangUp();
  await s.exit;
  return out;
}

describe.skipIf(!hasPython)(
  `completion installed for every new shell, as the README says${PTY_SKIP}`,
  { timeout: 30_000 },
  () => {
    it.skipIf(!bash)(`bash: a line in ~/.bashrc${bash ? '' : ' (skipped: no bash)'}`, async () => {
      const env = freshHome(bash!, ["echo 'source <(rcuser completion bash)' >> ~/.bashrc"]);
      const out = await tabThenEnter([bash!, '--noprofile', '-i'], env);
      expect(out).toContain('rcuser: not logged in');
      expect(out).not.toContain('unknown command');
    });

    it.skipIf(!zsh)(`zsh: ~/.zfunc on $fpath${zsh ? '' : ' (skipped: zsh is not installed)'}`, async () => {
      const env = freshHome(zsh!, ['mkdir -p ~/.zfunc', 'rcuser completion zsh > ~/.zfunc/_rcuser']);
      // What the README's comment asks for in ~/.zshrc; -u: a test's temporary home is not audited.
      expect(BLOCK).toContain('fpath=(~/.zfunc $fpath)');
      fs.writeFileSync(path.join(home, '.zshrc'), 'fpath=(~/.zfunc $fpath)\nautoload -Uz compinit && compinit -u\n');
      const out = await tabThenEnter([zsh!, '-i'], env);
      expect(out).toContain('rcuser: not logged in');
      expect(out).not.toContain('unknown command');
    });
  },
);
