import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { ConfStore } from '../../src/store/conf-store.js';
import { notOnWindows } from '../helpers/platform.js';
import { profile } from '../helpers/profiles.js';

const isRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-store-'));
});
afterEach(() => {
  fs.chmodSync(dir, 0o700);
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (): string => path.join(dir, 'profiles.json');
const mode = (p: string): number => fs.statSync(p).mode & 0o777;

describe('ConfStore', () => {
  it('stores profiles in profiles.json and reads them back in a new store', async () => {
    const a = new ConfStore(dir);
    expect(a.list()).toEqual([]);
    await a.save(profile('one'));
    await a.save(profile('two', { tokenKind: 'personal-access-token' }), { activate: false });
    const b = new ConfStore(dir);
    expect(b.path).toBe(file());
    expect(
      b
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['one', 'two']);
    expect(b.get('two')).toEqual(profile('two', { tokenKind: 'personal-access-token' }));
    expect(b.activeName()).toBe('one');
    expect(b.warnings).toEqual([]);
  });

  it.runIf(posix)(`creates the directory 0700 and the file 0600${notOnWindows('file modes')}`, async () => {
    const nested = path.join(dir, 'a', 'rcuser');
    await new ConfStore(nested).save(profile('one'));
    expect(mode(nested)).toBe(0o700);
    expect(mode(path.join(nested, 'profiles.json'))).toBe(0o600);
  });

  it('does not create anything just to read', () => {
    const nested = path.join(dir, 'none');
    expect(new ConfStore(nested).list()).toEqual([]);
    expect(fs.existsSync(nested)).toBe(false);
  });

  it('removes a profile and clears the active one, keeping the others', async () => {
    const s = new ConfStore(dir);
    await s.save(profile('one'));
    await s.save(profile('two'));
    expect(await s.remove('two')).toBe('removed');
    expect(await s.remove('nope')).toBe('missing');
    const again = new ConfStore(dir);
    expect(again.list().map((p) => p.name)).toEqual(['one']);
    expect(again.activeName()).toBeUndefined();
    await again.setActive('one');
    expect(new ConfStore(dir).activeName()).toBe('one');
  });

  it('a write re-reads the file: a profile saved by another process meanwhile is kept', async () => {
    const a = new ConfStore(dir);
    const b = new ConfStore(dir); // opened before a writes: its snapshot is empty
    await a.save(profile('one'));
    await b.save(profile('two'));
    expect(
      new ConfStore(dir)
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['one', 'two']);
    expect(
      b
        .list()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['one', 'two']);
  });

  it('reports a corrupt file with its path and never overwrites it', async () => {
    fs.writeFileSync(file(), '{"profiles": {"keep": {"server": "https://x", "userId": "u", "tok', { mode: 0o600 });
    const before = fs.readFileSync(file(), 'utf8');
    let err: unknown;
    try {
      new ConfStore(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toContain(`the profile file ${file()} is damaged: it is not valid JSON`);
    expect((err as CliError).hint).toMatch(/never overwrites/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
  });

  it('a file broken after opening stops the write and stays as it is', async () => {
    const s = new ConfStore(dir);
    await s.save(profile('one'));
    fs.writeFileSync(file(), '[1, 2');
    await expect(s.save(profile('two'))).rejects.toThrow(/is damaged/);
    expect(fs.readFileSync(file(), 'utf8')).toBe('[1, 2');
  });

  it('rejects a JSON file of the wrong shape with a clear message', () => {
    fs.writeFileSync(file(), '[]');
    expect(() => new ConfStore(dir)).toThrow(/does not hold a JSON object/);
    fs.writeFileSync(file(), '{"profiles": []}');
    expect(() => new ConfStore(dir)).toThrow(/"profiles" is not an object/);
  });

  it('ignores an incomplete entry with a warning, and keeps it in the file on the next write', async () => {
    fs.writeFileSync(
      file(),
      JSON.stringify({ profiles: { broken: { server: 'https://x' }, good: profile('good') }, extra: 1 }),
      { mode: 0o600 },
    );
    const s = new ConfStore(dir);
    expect(s.list().map((p) => p.name)).toEqual(['good']);
    expect(s.warnings).toEqual([`profile "broken" in ${file()} is incomplete and is ignored (it is kept in the file)`]);
    await s.save(profile('new'));
    const raw = JSON.parse(fs.readFileSync(file(), 'utf8'));
    expect(Object.keys(raw.profiles).sort()).toEqual(['broken', 'good', 'new']);
    expect(raw.profiles.broken).toEqual({ server: 'https://x' });
    expect(raw.extra).toBe(1);
  });

  it.runIf(posix)(
    `warns like ssh when the file is readable by others, and a write narrows it to 0600${notOnWindows('file modes')}`,
    async () => {
      await new ConfStore(dir).save(profile('one'));
      fs.chmodSync(file(), 0o644);
      const s = new ConfStore(dir);
      expect(s.warnings).toEqual([
        `permissions 0644 for ${file()} are too open: others may read your tokens; run chmod 600 ${file()}`,
      ]);
      await s.save(profile('two'));
      expect(mode(file())).toBe(0o600);
      expect(new ConfStore(dir).warnings).toEqual([]);
    },
  );

  it.runIf(posix && !isRoot)(`an unreadable file is a clear error naming it${notOnWindows('file modes')}`, async () => {
    await new ConfStore(dir).save(profile('one'));
    fs.chmodSync(file(), 0o000);
    expect(() => new ConfStore(dir)).toThrow(`cannot read the profile file ${file()}: permission denied`);
    fs.chmodSync(file(), 0o600);
  });

  it('a profile path that cannot be read as a file is a clear error naming it (also as root)', () => {
    fs.mkdirSync(file());
    expect(() => new ConfStore(dir)).toThrow(
      `the profile file ${file()} cannot be used: it is a directory, not a regular file`,
    );
  });

  it.runIf(posix && !isRoot)(
    `a read-only directory: reading works, writing is a clear error, nothing is lost${notOnWindows('file modes')}`,
    async () => {
      await new ConfStore(dir).save(profile('one'));
      fs.chmodSync(dir, 0o500);
      const s = new ConfStore(dir);
      expect(s.list().map((p) => p.name)).toEqual(['one']);
      await expect(s.save(profile('two'))).rejects.toThrow(
        `cannot write in the profile directory ${dir}: permission denied`,
      );
      fs.chmodSync(dir, 0o700);
      expect(new ConfStore(dir).list().map((p) => p.name)).toEqual(['one']);
    },
  );

  it('waits for a lock held by another process, then writes', async () => {
    const s = new ConfStore(dir);
    const lock = `${file()}.lock`;
    fs.writeFileSync(lock, 'held');
    let done = false;
    const saving = s.save(profile('one')).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    expect(fs.existsSync(file())).toBe(false);
    fs.rmSync(lock);
    await saving;
    expect(new ConfStore(dir).list().map((p) => p.name)).toEqual(['one']);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const lock = `${file()}.lock`;
    fs.writeFileSync(lock, 'stale');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    await new ConfStore(dir).save(profile('one'));
    expect(new ConfStore(dir).list().map((p) => p.name)).toEqual(['one']);
  });

  it('gives up on a live lock after the timeout, naming the lock file', async () => {
    const lock = `${file()}.lock`;
    fs.writeFileSync(lock, 'held');
    const s = new ConfStore(dir, { lock: { timeoutMs: 100 } });
    await expect(s.save(profile('one'))).rejects.toThrow(
      `another rcuser is still updating the profiles (lock file ${lock})`,
    );
  });
});
