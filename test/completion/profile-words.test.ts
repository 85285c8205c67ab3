import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfStore } from '../../src/store/conf-store.js';
import { BIN } from '../helpers/cli.js';
import { profile } from '../helpers/profiles.js';
import { bash, fish, zsh } from '../helpers/shells.js';
import { hasPython, runProgramInPty, type PtySession } from '../helpers/pty.js';

/**
 * Profile names at the Tab key, in a real bash, zsh and fish:
 * - issue 21 item 5: `profiles rename <Tab>` and `profiles remove e<Tab>` offer profile names, not
 *   the subcommands again;
 * - issue 23 item 10 (reliability catalog C10): a profile named `x$(touch PWNED)` is a word to offer,
 *   never a command the shell runs (bash's `compgen -W` expanded it).
 */

let tmp: string;
let work: string;
let env: Record<string, string>;

const HOSTILE = ['x$(touch PWNED)', 'x`touch PWNED2`'];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-words-'));
  const binDir = path.join(tmp, 'bin');
  fs.mkdirSync(binDir);
  fs.symlinkSync(BIN, path.join(binDir, 'rcuser'));
  work = path.join(tmp, 'work');
  fs.mkdirSync(work);
  const configDir = path.join(tmp, 'config');
  const store = new ConfStore(configDir);
  await store.save(profile('staging'));
  await store.save(profile('echo-box'), { activate: false });
  for (const name of HOSTILE) await store.save(profile(name), { activate: false });
  env = {
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    HOME: tmp,
    RCUSER_CONFIG_DIR: configDir,
    INPUTRC: '/dev/null',
  };
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SETUP: Record<string, string> = {
  bash: `PS1='PROMPT> '; cd '${'WORK'}' && source <(rcuser completion bash) && echo LOA""DED`,
  zsh: `PS1='PROMPT> '; cd '${'WORK'}' && autoload -U compinit && compinit -u -D && source <(rcuser completion zsh) && echo LOA""DED`,
  fish: `function fish_prompt; echo -n 'PROMPT> '; end; cd '${'WORK'}'; and rcuser completion fish | source; and echo LOA""DED`,
};

const ARGV: Record<string, () => string[]> = {
  bash: () => [bash!, '--norc', '--noprofile', '-i'],
  zsh: () => [zsh!, '-f', '-i'],
  fish: () => [fish!, '--no-config', '-i'],
};

async function shell(kind: string): Promise<PtySession> {
  const s = runProgramInPty(ARGV[kind]!(), { ...env, ...(kind === 'fish' ? { TERM: 'dumb' } : {}) }, { columns: 120 });
  while (s.transcript() === '') await new Promise((r) => setTimeout(r, 20));
  s.type(`${SETUP[kind]!.replace('WORK', work)}\r`);
  await s.waitFor('LOADED');
  await s.waitFor('PROMPT> ');
  return s;
}

async function close(s: PtySession): Promise<void> {
  s.hangUp();
  await s.exit;
}

const installed: Record<string, string | undefined> = { bash, zsh, fish };

describe.skipIf(!hasPython).each(['bash', 'zsh', 'fish'])('completion in a real %s', (kind) => {
  const missing = installed[kind] ? '' : ` (skipped: ${kind} is not installed; apt-get install ${kind})`;

  it.skipIf(!installed[kind])(
    `profiles remove e<Tab> completes a profile name${missing}`,
    { timeout: 60_000 },
    async () => {
      const s = await shell(kind);
      s.type('rcuser profiles remove e\t');
      await s.waitFor('cho-box');
      s.type('\x03');
      await close(s);
    },
  );

  it.skipIf(!installed[kind])(
    `profiles rename <Tab> offers profile names, not the subcommands${missing}`,
    { timeout: 60_000 },
    async () => {
      const s = await shell(kind);
      s.type('rcuser profiles rename st\t');
      await s.waitFor('aging');
      // A fresh line by Ctrl-U and a command, not Ctrl-C: under load a Ctrl-C could land while the
      // shell was still in its completion code, and zsh then drew no new prompt.
      s.type('\x15echo MA""RK\r');
      await s.waitFor('MARK');
      s.type('rcuser profiles ren\t');
      await s.waitFor('ame');
      s.type('\x03');
      await close(s);
    },
  );

  it.skipIf(!installed[kind])(
    `TM1 a profile named x$(touch PWNED) is offered, never run${missing}`,
    { timeout: 60_000 },
    async () => {
      const s = await shell(kind);
      s.type('rcuser use x\t\t');
      await s.waitFor('touch');
      await new Promise((r) => setTimeout(r, 500));
      // Ctrl-C, then Ctrl-U for fish, which keeps the line on Ctrl-C at a dumb terminal.
      s.type('\x03');
      await new Promise((r) => setTimeout(r, 300));
      s.type('\x15echo DO""NE\r');
      await s.waitFor('DONE');
      await close(s);
      expect(fs.readdirSync(work)).toEqual([]);
    },
  );
});
