/**
 * Catalog: the user's own files. A damaged, unreadable, read-only or too-open profile store gives a
 * clear message and never loses a profile. Permission cases run the CLI as `nobody` when the tests
 * run as root (root ignores file modes), so they test the real thing either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { notOnWindows, onWindows } from '../helpers/platform.js';
import { configDir, runAsUser as run, writeOwned as writeFile } from './as-user.js';
import { expectClean, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

const profile = (server: string, token: string) => ({
  server,
  userId: 'u1',
  username: 'someone',
  token,
  tokenKind: 'login',
  storedAt: '2026-01-01T00:00:00.000Z',
});
const twoProfiles = (url: string) =>
  JSON.stringify(
    { active: 'one', profiles: { one: profile(url, 'token-one-abcdefgh'), two: profile(url, 'token-two-abcdefgh') } },
    null,
    2,
  );
const login = (url: string, dir: string, name: string) =>
  run(['login', url, '-u', 'test.john', '--password-stdin', '--name', name], dir, `${SEED_PASSWORDS['test.john']}\n`);
const stored = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8')) as {
    active?: string;
    profiles: Record<string, { token: string }>;
  };

describe('catalog: the profile store', () => {
  it('ST1 a corrupt profile file is reported with its path and never overwritten', async () => {
    const s = await startServer();
    const dir = configDir();
    const file = path.join(dir, 'profiles.json');
    writeFile(file, '{"profiles": {"one": {"server": "x", "tok');
    const r = await login(s.url, dir, 'new');
    expectClean(r, [SEED_PASSWORDS['test.john']!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the profile file ${file} is damaged`);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"profiles": {"one": {"server": "x", "tok');
  });

  it.skipIf(onWindows)(
    `ST2 a profile file that cannot be read gives a clear message and stays as it is${notOnWindows('file modes: chmod')}`,
    async () => {
      const dir = configDir();
      const file = path.join(dir, 'profiles.json');
      writeFile(file, twoProfiles('https://chat.example.com'), 0o000);
      const r = await run(['profiles'], dir);
      expectClean(r, ['token-one-abcdefgh', 'token-two-abcdefgh']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot read the profile file ${file}: permission denied`);
      fs.chmodSync(file, 0o600);
      expect(Object.keys(stored(dir).profiles)).toEqual(['one', 'two']);
    },
  );

  it.skipIf(onWindows)(
    `ST3 a read-only profile directory: login fails clearly, the stored profiles survive${notOnWindows('file modes: chmod')}`,
    async () => {
      const s = await startServer();
      const dir = configDir();
      writeFile(path.join(dir, 'profiles.json'), twoProfiles(s.url));
      fs.chmodSync(dir, 0o500);
      try {
        const r = await login(s.url, dir, 'three');
        expectClean(r, [SEED_PASSWORDS['test.john']!, 'token-one-abcdefgh']);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/permission denied/);
        expect(r.stderr).toContain(dir);
      } finally {
        fs.chmodSync(dir, 0o700);
      }
      expect(Object.keys(stored(dir).profiles)).toEqual(['one', 'two']);
    },
  );

  it.skipIf(onWindows)(
    `ST4 a profile file readable by others draws an ssh-style warning, and still works${notOnWindows('file modes: chmod')}`,
    async () => {
      const dir = configDir();
      const file = path.join(dir, 'profiles.json');
      writeFile(file, twoProfiles('https://chat.example.com'), 0o644);
      const r = await run(['profiles'], dir);
      expectClean(r, ['token-one-abcdefgh', 'token-two-abcdefgh']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`permissions 0644 for ${file} are too open`);
      expect(r.stdout).toContain('one');
      expect(r.stdout).toContain('two');
    },
  );

  it.skipIf(onWindows)(
    `ST5 a write replaces the file atomically (new inode), 0600 in a 0700 directory, no leftovers${notOnWindows('file modes: chmod')}`,
    async () => {
      const s = await startServer();
      const dir = configDir();
      const file = path.join(dir, 'profiles.json');
      writeFile(file, twoProfiles(s.url));
      const before = fs.statSync(file).ino;
      const r = await login(s.url, dir, 'three');
      expect(r.code).toBe(0);
      expect(fs.statSync(file).ino).not.toBe(before);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
      expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.lock'))).toEqual(['profiles.json']);
      expect(Object.keys(stored(dir).profiles).sort()).toEqual(['one', 'three', 'two']);
    },
  );

  it('ST6 two logins at the same time lose neither profile', async () => {
    const s = await startServer();
    const dir = configDir();
    writeFile(path.join(dir, 'profiles.json'), twoProfiles(s.url));
    const [a, b] = await Promise.all([login(s.url, dir, 'left'), login(s.url, dir, 'right')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(Object.keys(stored(dir).profiles).sort()).toEqual(['left', 'one', 'right', 'two']);
  });

  it('ST7 a broken profile file does not stop a run with credentials from the environment', async () => {
    const s = await startServer();
    const dir = configDir();
    writeFile(path.join(dir, 'profiles.json'), 'not json at all');
    const admin = s.login('admin');
    const r = await runCli(['info', 'test.john', '--json'], { env: credentials(s, admin, { RCUSER_CONFIG_DIR: dir }) });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).username).toBe('test.john');
  });

  it('ST8 profiles lists every stored profile and never a token', async () => {
    const dir = configDir();
    writeFile(path.join(dir, 'profiles.json'), twoProfiles('https://chat.example.com'));
    const r = await run(['profiles'], dir);
    expectClean(r, ['token-one-abcdefgh', 'token-two-abcdefgh', 'abcdefgh']);
    expect(r.code).toBe(0);
  });
});
