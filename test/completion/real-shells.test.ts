import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfStore } from '../../src/store/conf-store.js';
import { BIN } from '../helpers/cli.js';
import { profile } from '../helpers/profiles.js';
import { bash, zsh } from '../helpers/shells.js';
import { hasPython, PTY_SKIP, runProgramInPty, type PtySession } from '../helpers/pty.js';

/**
 * Completion as a person meets it: an interactive bash or zsh on a pseudo-terminal, the script
 * loaded the way the README says, Tab pressed, and the completed line run with Enter.
 */

let tmp: string;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-shells-'));
  const binDir = path.join(tmp, 'bin');
  fs.mkdirSync(binDir);
  fs.symlinkSync(BIN, path.join(binDir, 'rcuser'));
  const configDir = path.join(tmp, 'config');
  const store = new ConfStore(configDir);
  // The default name of a profile for a server with a port has a colon in it.
  await store.save(profile('127.0.0.1:45555', { server: 'http://127.0.0.1:45555' }));
  await store.save(profile('localhost:3000', { server: 'http://localhost:3000' }), { activate: false });
  await store.save(profile('staging', { server: 'https://staging.example.com' }), { activate: false });
  env = {
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    HOME: tmp,
    RCUSER_CONFIG_DIR: configDir,
    INPUTRC: '/dev/null',
  };
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function shell(argv: string[], setup: string): Promise<PtySession> {
  const s = runProgramInPty(argv, env, { columns: 120 });
  // The first prompt: the shell reads the terminal from now on.
  while (s.transcript() === '') await new Promise((r) => setTimeout(r, 20));
  s.type(`PS1='PROMPT> '; ${setup}\r`);
  await s.waitFor('LOADED');
  await s.waitFor('PROMPT> ');
  return s;
}

async function close(s: PtySession): Promise<void> {
  s.hangUp();
  await s.exit;
}

const BASH_SETUP = 'source <(rcuser completion bash) && echo LOA""DED';
const ZSH_SETUP = 'autoload -U compinit && compinit -u -D && source <(rcuser completion zsh) && echo LOA""DED';

describe.skipIf(!hasPython)(
  `completion in a real bash${bash ? '' : ' (skipped: bash is not installed)'}${PTY_SKIP}`,
  { timeout: 60_000 },
  () => {
    it.skipIf(!bash)('completes a profile name with a colon: rcuser use 127.0.0.1:<Tab>', async () => {
      const s = await shell([bash!, '--norc', '--noprofile', '-i'], BASH_SETUP);
      s.type('rcuser use 127.0.0.1:\t');
      await s.waitFor('45555 ');
      s.type('\r');
      await s.waitFor('Now using profile "127.0.0.1:45555"');
      await close(s);
    });

    it.skipIf(!bash)('offers the commands after --server http://x <Tab><Tab>', async () => {
      const s = await shell([bash!, '--norc', '--noprofile', '-i'], BASH_SETUP);
      s.type('rcuser --server http://x \t\t');
      await s.waitFor('whoami');
      // The list comes in columns, row by row, so whoami may come before the rest: bash redraws the
      // line under the whole list.
      await s.waitFor('rcuser --server http://x ');
      const listed = s.transcript().slice(s.transcript().indexOf('http://x'));
      for (const c of ['completion', 'help', 'info', 'login', 'logout', 'profiles', 'use', 'whoami'])
        expect(listed).toMatch(new RegExp(`\\b${c}\\b`));
      s.type('\x03');
      await close(s);
    });

    it.skipIf(!bash)('completes --profile=<name> with a colon', async () => {
      const s = await shell([bash!, '--norc', '--noprofile', '-i'], BASH_SETUP);
      s.type('rcuser --profile=localhost:3\t');
      await s.waitFor('000 ');
      s.type('__profiles\r');
      await s.waitFor('staging');
      await close(s);
    });
  },
);

// zsh is not on every machine (.ci/run installs it): the skip says why.
describe.skipIf(!hasPython)(
  `completion in a real zsh${zsh ? '' : ' (skipped: zsh is not installed; apt-get install zsh)'}${PTY_SKIP}`,
  { timeout: 60_000 },
  () => {
    it.skipIf(!zsh)('completes a profile name with a colon, not the part before it', async () => {
      const s = await shell([zsh!, '-f', '-i'], ZSH_SETUP);
      s.type('rcuser use 127\t');
      await s.waitFor('45555');
      s.type('\r');
      await s.waitFor('Now using profile "127.0.0.1:45555"');
      await close(s);
    });

    it.skipIf(!zsh)('offers the commands after --server http://x <Tab>', async () => {
      const s = await shell([zsh!, '-f', '-i'], ZSH_SETUP);
      s.type('rcuser --server http://x \t');
      await s.waitFor('whoami');
      s.type('\x03');
      await close(s);
    });

    it.skipIf(!zsh)('completes --profile <name> with a colon', async () => {
      const s = await shell([zsh!, '-f', '-i'], ZSH_SETUP);
      s.type('rcuser --profile localhost\t');
      await s.waitFor('3000');
      s.type(' __profiles\r');
      await s.waitFor('staging');
      await close(s);
    });
  },
);
