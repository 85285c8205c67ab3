/**
 * Catalog, third round: profiles that race. Real processes (the built CLI) at the same time against
 * one profile directory, many rounds each: every check that decides a write is made inside the
 * lock, a conflict is reported (never two contradictory successes), and no profile is ever lost.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withLock } from '../../src/store/lock.js';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { configDir, runAsUser as run, writeOwned } from './as-user.js';
import { expectClean, startServer } from './servers.js';

const ROUNDS = 8;
const profile = (token: string) => ({
  server: 'https://chat.example.com',
  userId: `u-${token}`,
  username: 'someone',
  token,
  tokenKind: 'login',
  storedAt: '2026-01-01T00:00:00.000Z',
});
const stored = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8')) as {
    active?: string;
    profiles: Record<string, { token: string }>;
  };
const tokens = (dir: string) =>
  Object.values(stored(dir).profiles)
    .map((p) => p.token)
    .sort();
function store(dir: string, names: string[]): void {
  writeOwned(
    path.join(dir, 'profiles.json'),
    JSON.stringify({
      active: names[0],
      profiles: Object.fromEntries(names.map((n) => [n, profile(`token-${n}-abcdefgh`)])),
    }),
  );
}

describe('catalog: profiles that race', () => {
  it(`RC1 two renames to the same new name at once: one wins, the other reports the conflict, no token lost (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = configDir();
      store(dir, ['a', 'b']);
      const [ra, rb] = await Promise.all([
        run(['profiles', 'rename', 'a', 'y'], dir),
        run(['profiles', 'rename', 'b', 'y'], dir),
      ]);
      for (const r of [ra, rb]) expectClean(r, ['abcdefgh']);
      // The loser either started after the winner was done (exit 2: "y" exists) or raced it (exit 1).
      expect([ra.code, rb.code].filter((c) => c === 0)).toHaveLength(1);
      const loser = ra.code === 0 ? rb : ra;
      expect(loser.stderr).toMatch(
        /^rcuser: (another rcuser stored a profile named "y" meanwhile; "[ab]" keeps its name|a profile named "y" already exists)\n/,
      );
      expect(loser.code).toBe(loser.stderr.includes('meanwhile') ? 1 : 2);
      expect(tokens(dir)).toEqual(['token-a-abcdefgh', 'token-b-abcdefgh']);
      expect(Object.keys(stored(dir).profiles).sort()).toEqual([ra.code === 0 ? 'b' : 'a', 'y']);
    }
  }, 60_000);

  it(`RC2 rename racing remove of the same profile: exactly one of them succeeds (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = configDir();
      store(dir, ['a', 'b']);
      const [rename, remove] = await Promise.all([
        run(['profiles', 'rename', 'a', 'x'], dir),
        run(['profiles', 'remove', 'a'], dir),
      ]);
      for (const r of [rename, remove]) expectClean(r, ['abcdefgh']);
      // The loser either started after the winner was done (exit 2: no such profile) or raced it (exit 1).
      expect([rename.code, remove.code].filter((c) => c === 0)).toHaveLength(1);
      const loser = rename.code === 0 ? remove : rename;
      expect(loser.stderr).toMatch(
        /^rcuser: (profile "a" is no longer stored: another rcuser renamed or removed it meanwhile|no profile named "a")/,
      );
      expect(loser.code).toBe(loser.stderr.includes('meanwhile') ? 1 : 2);
      expect(Object.keys(stored(dir).profiles).sort()).toEqual(rename.code === 0 ? ['b', 'x'] : ['b']);
    }
  }, 60_000);
});

describe('catalog: a stale lock and many writers', () => {
  const holder = { pid: process.pid, host: os.hostname(), alive: (pid: number) => pid === process.pid };
  const fresh = JSON.stringify({
    pid: process.pid,
    host: os.hostname(),
    token: 'another-waiter',
    createdAt: new Date().toISOString(),
  });
  let dir: string;
  beforeEach(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-lockrace-'))));
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The interleaving 20 logins hit in 2 of 6 runs, made to happen every time: the moment this waiter
  // has read the dead process's lock, another waiter takes it over and makes its own.
  it('RC3 a waiter that found the lock stale never deletes the fresh lock another waiter made meanwhile', async () => {
    const lock = path.join(dir, 'profiles.json.lock');
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: deadPid(), host: os.hostname(), createdAt: new Date().toISOString() }),
    );
    const read = fs.readFileSync;
    let overtaken = false;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, opts?: never) => {
      const text = read(file, opts);
      if (!overtaken && file === lock) {
        overtaken = true;
        fs.rmSync(lock);
        fs.writeFileSync(lock, fresh);
      }
      return text;
    }) as typeof fs.readFileSync);
    let ran = false;
    await expect(withLock(lock, () => (ran = true), { holder, timeoutMs: 300 })).rejects.toThrow(
      'another rcuser is still updating the profiles',
    );
    expect(ran).toBe(false);
    expect(read(lock, 'utf8')).toBe(fresh);
  });

  it('RC3 a holder releases only its own lock, not one that replaced it', async () => {
    const lock = path.join(dir, 'profiles.json.lock');
    await withLock(lock, () => fs.writeFileSync(lock, fresh), { holder });
    expect(fs.readFileSync(lock, 'utf8')).toBe(fresh);
    expect(fs.readdirSync(dir).sort()).toEqual(['profiles.json.lock']);
  });

  it('RC4 8 logins at once over a dead process\'s lock: all 8 stored, all said "Logged in"', async () => {
    const s = await startServer();
    const dir = configDir();
    const lock = path.join(dir, 'profiles.json.lock');
    writeOwned(lock, JSON.stringify({ pid: deadPid(), host: os.hostname(), createdAt: new Date().toISOString() }));
    const names = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const results = await Promise.all(
      names.map((n) =>
        run(
          ['login', s.url, '-u', 'test.john', '--password-stdin', '--name', n],
          dir,
          `${SEED_PASSWORDS['test.john']}\n`,
        ),
      ),
    );
    expect(results.map((r) => r.code)).toEqual(names.map(() => 0));
    expect(Object.keys(stored(dir).profiles).sort()).toEqual([...names].sort());
    expect(fs.existsSync(lock)).toBe(false);
  }, 120_000);
});

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;
