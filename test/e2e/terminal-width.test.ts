import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/grid.js';
import { ConfStore } from '../../src/store/conf-store.js';
import { SEED_IDS } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';
import { credentials, useServer } from '../helpers/harness.js';

/**
 * Every table fits the terminal it is drawn in: a real pseudo-terminal of 40, 60, 80 and 200
 * columns. Free text is cut; IDs, usernames and e-mail addresses never are.
 */

const server = useServer();
let env: Record<string, string>;
let tmp: string;
let roomIds: string[];

beforeAll(async () => {
  env = credentials(server, 'admin');
  const rooms = JSON.parse((await runCli(['info', 'test.john', '--rooms', '--json'], { env })).stdout).rooms as Array<{
    rid: string;
  }>;
  roomIds = rooms.map((r) => r.rid);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-width-'));
  const store = new ConfStore(tmp);
  const base = {
    userId: 'u1',
    token: 'tok-0123456789abcdef',
    tokenKind: 'login' as const,
    storedAt: '2026-01-02T10:00:00.000Z',
  };
  await store.save({ ...base, name: 'chat.example.com', server: 'https://chat.example.com', username: 'test.john' });
  await store.save(
    {
      ...base,
      name: 'a-rather-long-profile-name',
      server: 'https://rocketchat.internal.example.org/chat',
      username: 'ci-bot',
      tokenKind: 'personal-access-token',
    },
    { activate: false },
  );
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function screen(args: string[], columns: number, extraEnv: Record<string, string> = {}): Promise<string[]> {
  const s = runInPty(args, { ...env, ...extraEnv }, { columns });
  expect(await s.exit).toBeLessThanOrEqual(3);
  return s
    .transcript()
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^.*\r/, ''));
}

/** Every line fits, except one that is nothing but a single value too long for any line (never cut). */
function expectFits(lines: string[], columns: number): void {
  for (const line of lines) {
    const alone = /^ *\S+$/.test(line) && displayWidth(line.trim()) > columns - 4;
    if (!alone)
      expect(displayWidth(line), `${JSON.stringify(line)} is wider than ${columns}`).toBeLessThanOrEqual(columns);
  }
}

describe.runIf(hasPython).each([40, 60, 80, 200])(`at %i columns${PTY_SKIP}`, (columns) => {
  it('the card and the rooms table fit; every room ID is whole', async () => {
    const lines = await screen(['info', 'test.john', '--rooms'], columns);
    expectFits(lines, columns);
    const text = lines.join('\n');
    for (const id of roomIds) expect(text).toContain(id);
    expect(text).toContain(SEED_IDS['test.john']);
    expect(text).toContain('test.john@test.com');
  });

  it('the batch summary fits; usernames and user IDs are whole', async () => {
    const lines = await screen(['info', 'test.john', 'jane.doe', 'roxie', 'nobody', 'admin', 'old.timer'], columns);
    expectFits(lines, columns);
    const text = lines.join('\n');
    for (const u of ['test.john', 'jane.doe', 'roxie', 'admin'] as const) {
      expect(text).toContain(u);
      expect(text).toContain(SEED_IDS[u]);
    }
  });

  it('the list table fits; usernames are whole', async () => {
    const lines = await screen(['list', '--limit', '20'], columns, { RCUSER_PAGER: 'cat' });
    expectFits(lines, columns);
    const text = lines.join('\n');
    for (const u of ['admin', 'alicia.keys', 'anna.kowalski', 'ben.garcia']) expect(text).toContain(u);
  });

  it('the profiles table fits; names and servers are whole', async () => {
    const lines = await screen(['profiles'], columns, { RCUSER_CONFIG_DIR: tmp });
    expectFits(lines, columns);
    const text = lines.join('\n');
    for (const s of [
      'chat.example.com',
      'a-rather-long-profile-name',
      'https://rocketchat.internal.example.org/chat',
      'ci-bot',
    ])
      expect(text).toContain(s);
  });
});

describe('not a terminal', () => {
  it('no limit unless COLUMNS says so', async () => {
    const wide = await runCli(['info', 'test.john', '--rooms'], { env });
    expect(Math.max(...wide.stdout.split('\n').map((l) => displayWidth(l)))).toBeGreaterThan(60);
    const narrow = await runCli(['info', 'test.john', '--rooms'], { env: { ...env, COLUMNS: '60' } });
    expectFits(narrow.stdout.split('\n'), 60);
  });
});
