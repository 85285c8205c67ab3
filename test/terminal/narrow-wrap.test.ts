import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/grid.js';
import { useConfigDir, useServer } from '../helpers/harness.js';
import { profileOn } from '../helpers/profiles.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';
import { refusedPort } from '../reliability/servers.js';

/**
 * Issue 21 item 13, on a real pseudo-terminal: at 40 (and 60, 80) columns `whoami` and `status`
 * wrap at spaces themselves instead of leaving it to the terminal, which cuts anywhere: no URL or
 * command split across lines, no line ending in an open bracket; a URL longer than the line gets a
 * line of its own.
 */
const server = useServer();
const config = useConfigDir();

function lines(transcript: string): string[] {
  return transcript
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^.*\r/, '').trimEnd())
    .filter((l) => l !== '');
}

/** Lines a person reads: none wider than the terminal unless it is one word alone, none ending in "(". */
function expectWrapped(screen: string[], columns: number, whole: string[]): void {
  for (const l of screen) {
    if (displayWidth(l) >= columns) expect(l.trim(), `a line too wide at ${columns}: ${l}`).not.toContain(' ');
    expect(l, 'a line ending in an open bracket').not.toMatch(/\($/);
  }
  for (const w of whole)
    expect(
      screen.some((l) => l.includes(w)),
      `${w} on one line:\n${screen.join('\n')}`,
    ).toBe(true);
}

async function profiles(): Promise<{ env: Record<string, string>; gone: string }> {
  const john = server.login('test.john');
  const gone = `http://127.0.0.1:${await refusedPort()}/a/rather/long/path/to/the/chat/server`;
  const stored = {
    work: profileOn(server.url, 'work', { userId: john.userId, token: john.authToken, username: 'test.john' }),
    'old box': profileOn(gone, 'old box'),
    revoked: profileOn(server.url, 'revoked', { token: 'revoked-0123456789abcdef', username: 'jane.doe' }),
  };
  fs.writeFileSync(`${config.dir}/profiles.json`, JSON.stringify({ active: 'work', profiles: stored }), {
    mode: 0o600,
  });
  return { env: { RCUSER_CONFIG_DIR: config.dir }, gone };
}

describe.runIf(hasPython).each([40, 60, 80])(`at %i columns${PTY_SKIP}`, { timeout: 30_000 }, (columns) => {
  it('whoami wraps at spaces: the server URL whole, its version in one bracket', async () => {
    const { env } = await profiles();
    const s = runInPty(['whoami'], env, { columns });
    expect(await s.exit).toBe(0);
    const screen = lines(s.transcript());
    expectWrapped(screen, columns, [server.url, '(Rocket.Chat 8.8)', '"work"']);
    for (const l of screen) expect(displayWidth(l)).toBeLessThan(columns);
    if (columns === 40) {
      // The value column keeps its place on the lines that continue it.
      expect(screen).toContain(`  Server       ${server.url}`);
      expect(screen).toContain('               (Rocket.Chat 8.8)');
    }
  });

  it('status wraps at spaces: URLs and the commands to run whole, a long URL on a line of its own', async () => {
    const { env, gone } = await profiles();
    const s = runInPty(['status'], env, { columns });
    expect(await s.exit).toBe(4);
    const screen = lines(s.transcript());
    const relogin = `\`rcuser login ${server.url} --name revoked -u jane.doe\``;
    const wide = [gone, "`rcuser profiles remove 'old box'`", relogin].filter((w) => displayWidth(w) < columns - 6);
    expectWrapped(screen, columns, [server.url, 'test.john', 'old box (active)'.slice(0, 7), ...wide]);
    expect(screen.join('\n')).toContain(gone);
    if (columns === 40) {
      // Longer than the line: alone on its line, not cut by the terminal.
      expect(screen.some((l) => l.trim() === `${gone}:`)).toBe(true);
      expect(screen).toContain('    slow? try');
      expect(screen).toContain('      `rcuser status --timeout 60`;');
    }
  });
  it("list --role matching nobody: the note and the server's roles wrap at spaces, each role whole", async () => {
    const s = runInPty(['list', '--role', 'Admin'], server.env('admin'), { columns });
    expect(await s.exit).toBe(0);
    const screen = lines(s.transcript());
    expectWrapped(screen, columns, ['--role admin?)', 'livechat-manager', 'kQ7vX2mPz9LwR4tBn', server.url]);
    for (const l of screen) expect(displayWidth(l)).toBeLessThan(columns);
    expect(screen.filter((l) => /^ {2}roles on /.test(l))).toHaveLength(1);
  });
});
