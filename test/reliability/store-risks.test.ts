/**
 * Catalog, second round: the profile store when the disk is full or read-only, a lock left by a
 * dead process, and odd HOME / XDG_CONFIG_HOME values. Full disks are tiny tmpfs mounts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../../src/cmdutil/context.js';
import { withLock } from '../../src/store/lock.js';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { notOnWindows, onWindows } from '../helpers/platform.js';
import { chownToUser, configDir, runAsUser } from './as-user.js';
import { expectClean, startServer } from './servers.js';
import { tinyTmpfs, tmpfsSkip } from './tmpfs.js';
import { credentials } from '../helpers/harness.js';

const PASSWORD = SEED_PASSWORDS['test.john']!;
const login = (url: string, dir: string, name = 'p') =>
  runAsUser(['login', url, '-u', 'test.john', '--password-stdin', '--name', name], dir, `${PASSWORD}\n`);
const stored = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8')) as {
    profiles: Record<string, { token: string; userId: string }>;
  };

/** A pid that surely runs no more: a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

/** Fill the file system holding `dir` to the last byte. */
function fill(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'ballast'), 'w');
  const block = Buffer.alloc(4096);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  // What fits in less than a block too.
  try {
    fs.appendFileSync(path.join(dir, 'ballast'), Buffer.alloc(1));
  } catch {
    // full
  }
}

describe('catalog: the lock of the profile store', () => {
  it('SR1 a lock whose process has died is taken over at once, not after 10 s', async () => {
    const s = await startServer();
    const dir = configDir();
    const lock = path.join(dir, 'profiles.json.lock');
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid: deadPid(), host: os.hostname(), createdAt: new Date().toISOString() }),
    );
    chownToUser(lock);
    const started = Date.now();
    const r = await login(s.url, dir);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fs.existsSync(lock)).toBe(false);
    expect(Object.keys(stored(dir).profiles)).toEqual(['p']);
  });

  it('SR2 an empty lock file (left by a full disk) is taken over at once', async () => {
    const s = await startServer();
    const dir = configDir();
    const lock = path.join(dir, 'profiles.json.lock');
    fs.writeFileSync(lock, '');
    const twoSecondsAgo = new Date(Date.now() - 2_000);
    fs.utimesSync(lock, twoSecondsAgo, twoSecondsAgo);
    chownToUser(lock);
    const started = Date.now();
    const r = await login(s.url, dir);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('SR3 a lock held by a live process is still waited for', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-lock-'));
    try {
      const lock = path.join(dir, 'x.lock');
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname() }));
      const holder = { pid: 1, host: os.hostname(), alive: (pid: number) => pid === process.pid };
      await expect(withLock(lock, () => 'got it', { holder, timeoutMs: 300, staleMs: 10_000 })).rejects.toThrow(
        'another rcuser is still updating the profiles',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(tmpfsSkip)(
    `SR4 a disk full while taking the lock leaves no empty lock behind (${tmpfsSkip ?? 'tiny tmpfs'})`,
    async () => {
      const dir = tinyTmpfs(16);
      fill(dir);
      const lock = path.join(dir, 'profiles.json.lock');
      await expect(withLock(lock, () => 'never')).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(fs.existsSync(lock)).toBe(false);
    },
  );
});

describe('catalog: logging in and out where nothing can be saved', () => {
  it.skipIf(onWindows)(
    `SR5 login into a read-only profile directory fails before the server hands out a token${notOnWindows('file modes: chmod')}`,
    async () => {
      const s = await startServer();
      const dir = configDir();
      fs.chmodSync(dir, 0o500);
      try {
        const r = await login(s.url, dir);
        expectClean(r, [PASSWORD]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`cannot write in the profile directory ${dir}: permission denied`);
        expect(s.requests.filter((q) => q.path === '/api/v1/login')).toEqual([]);
      } finally {
        fs.chmodSync(dir, 0o700);
      }
    },
  );

  it.skipIf(tmpfsSkip)(
    `SR6 login with a full profile disk fails before the server hands out a token (${tmpfsSkip ?? 'tiny tmpfs'})`,
    async () => {
      const s = await startServer();
      const dir = configDir(tinyTmpfs(32));
      fill(path.dirname(dir));
      const r = await login(s.url, dir);
      expectClean(r, [PASSWORD]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot write in the profile directory ${dir}: the disk is full`);
      expect(s.requests.filter((q) => q.path === '/api/v1/login')).toEqual([]);
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );

  it.skipIf(onWindows)(
    `SR7 logout with a read-only profile directory changes nothing: profile kept, token still valid${notOnWindows('file modes: chmod')}`,
    async () => {
      const s = await startServer();
      const dir = configDir();
      expect((await login(s.url, dir)).code).toBe(0);
      const { token, userId } = stored(dir).profiles.p!;
      fs.chmodSync(dir, 0o500);
      try {
        const r = await runAsUser(['logout'], dir);
        expectClean(r, [token]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('permission denied');
        expect(r.stderr).toContain('nothing changed: profile "p" is still stored and its session still open');
      } finally {
        fs.chmodSync(dir, 0o700);
      }
      expect(stored(dir).profiles.p!.token).toBe(token);
      const me = await runCli(['whoami', '--json'], { env: credentials(s, { userId, token }) });
      expect(me.code).toBe(0);
    },
  );

  it.skipIf(tmpfsSkip)(
    `SR8 logout with a full profile disk changes nothing either (${tmpfsSkip ?? 'tiny tmpfs'})`,
    async () => {
      const s = await startServer();
      const dir = configDir(tinyTmpfs(32));
      expect((await login(s.url, dir)).code).toBe(0);
      const { token, userId } = stored(dir).profiles.p!;
      fill(path.dirname(dir));
      const r = await runAsUser(['logout'], dir);
      expectClean(r, [token]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the disk is full');
      expect(r.stderr).toContain('nothing changed');
      expect(stored(dir).profiles.p!.token).toBe(token);
      expect(s.requests.filter((q) => q.path === '/api/v1/logout')).toEqual([]);
      const me = await runCli(['whoami', '--json'], { env: credentials(s, { userId, token }) });
      expect(me.code).toBe(0);
    },
  );
});

describe('catalog: where the profiles live', () => {
  it('SR9 a relative XDG_CONFIG_HOME is ignored, as the XDG spec says', () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: 'relative/dir' }, 'linux', '/home/u')).toBe('/home/u/.config/rcuser');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/abs/config' }, 'linux', '/home/u')).toBe('/abs/config/rcuser');
  });

  it('SR10 HOME=/nonexistent: a clear message, and no directory is created there', async () => {
    const s = await startServer();
    const home = path.join(os.tmpdir(), `rcuser-no-home-${process.pid}`);
    const r = await runCli(['login', s.url, '-u', 'test.john', '--password-stdin'], {
      env: { HOME: home, RCUSER_CONFIG_DIR: undefined, XDG_CONFIG_HOME: 'relative' },
      stdin: `${PASSWORD}\n`,
    });
    expectClean(r, [PASSWORD]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the home directory ${home} does not exist`);
    expect(fs.existsSync(home)).toBe(false);
    expect(s.requests.filter((q) => q.path === '/api/v1/login')).toEqual([]);
  });
});
