import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { useConfigDir, useServer } from '../helpers/harness.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';

/**
 * Issue 21 item 9: `--password-stdin` / `--token-stdin` typed at a terminal (the pipe forgotten)
 * used to wait silently and echo the secret as it was typed. Now a hidden prompt asks for it.
 */
const server = useServer();
const config = useConfigDir('rcuser-stdin-tty-');

describe.runIf(hasPython)(`a secret flag whose stdin is the terminal${PTY_SKIP}`, () => {
  it('--password-stdin asks with a hidden prompt; the password never shows', async () => {
    const pw = SEED_PASSWORDS['test.john']!;
    const s = runInPty(['login', server.url, '-u', 'test.john', '--password-stdin'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor('Password (stdin is a terminal; it will not be shown): ');
    s.type(`${pw}\r`);
    await s.waitFor('Logged in to');
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain(pw);
    expect(config.stored().profiles[server.host]!.username).toBe('test.john');
  });

  it('--token-stdin asks with a hidden prompt; the token never shows', async () => {
    const pat = server.createPersonalAccessToken('jane.doe', 'cli');
    const s = runInPty(['login', server.url, '--token-stdin', '--user-id', pat.userId], {
      RCUSER_CONFIG_DIR: config.dir,
    });
    await s.waitFor('Personal access token (stdin is a terminal; it will not be shown): ');
    s.type(`${pat.token}\r`);
    await s.waitFor('Stored a personal access token for jane.doe');
    expect(await s.exit).toBe(0);
    expect(s.transcript()).not.toContain(pat.token);
  });
});
