/**
 * Catalog, third round: odd files where rcuser reads its own. An empty, blank or /dev/null profile
 * file is no profiles yet; a FIFO, a device or a huge file is refused at once with a sentence (a FIFO
 * used to block open() deaf to signals, /dev/zero to allocate until the process aborted); and all of
 * it is found before a password is sent, so no token is issued that could not be stored.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { BIN, runCli } from '../helpers/cli.js';
import { chownToUser, configDir, runAsUser as run, writeOwned } from './as-user.js';
import { expectClean, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

const PASSWORD = SEED_PASSWORDS['test.john']!;
const login = (url: string, dir: string) =>
  run(['login', url, '-u', 'test.john', '--password-stdin', '--name', 'p'], dir, `${PASSWORD}\n`);
const logins = (s: { requests: Array<{ path: string }> }) =>
  s.requests.filter((q) => q.path === '/api/v1/login').length;
const stored = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8')) as {
    profiles: Record<string, { token: string }>;
  };

function fifo(file: string): void {
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
  chownToUser(file);
}

describe('catalog: an empty profile file', () => {
  for (const [what, text] of [
    ['empty', ''],
    ['blank', ' \n\t\n'],
  ] as const) {
    it(`OF1 an ${what} profiles.json is no profiles yet: login stores the profile (was: "this is a bug", token lost)`, async () => {
      const s = await startServer();
      const dir = configDir();
      writeOwned(path.join(dir, 'profiles.json'), text);
      const r = await login(s.url, dir);
      expectClean(r, [PASSWORD]);
      expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('Logged in to')]);
      expect(Object.keys(stored(dir).profiles)).toEqual(['p']);
    });
  }

  it('OF2 profiles.json a link to /dev/null: read as no profiles; login refused before the password is sent', async () => {
    const s = await startServer();
    const dir = configDir();
    fs.symlinkSync('/dev/null', path.join(dir, 'profiles.json'));
    const list = await run(['profiles'], dir);
    expect([list.code, list.stderr]).toEqual([
      0,
      `No profiles stored (in ${path.join(dir, 'profiles.json')}); run \`rcuser login <server>\` to add one.\n`,
    ]);
    const r = await login(s.url, dir);
    expectClean(r, [PASSWORD]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `rcuser: the profile file ${path.join(dir, 'profiles.json')} cannot be used: it is /dev/null (or a link to it)`,
    );
    expect(logins(s)).toBe(0);
    expect(fs.readlinkSync(path.join(dir, 'profiles.json'))).toBe('/dev/null');
  });
});

describe('catalog: files that are not regular files, or too large', () => {
  it('OF3 profiles.json a FIFO: refused at once (was: blocked for ever, deaf to SIGINT); login sends nothing', async () => {
    const s = await startServer();
    const dir = configDir();
    const file = path.join(dir, 'profiles.json');
    fifo(file);
    const list = await run(['profiles'], dir);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(
      `rcuser: the profile file ${file} cannot be used: it is a named pipe (FIFO), not a regular file`,
    );
    const r = await login(s.url, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('named pipe (FIFO)');
    expect(logins(s)).toBe(0);
  });

  it('OF4 a 17 MiB profiles.json: refused before it is read (was: read whole, 1 GB for a 1 GB file)', async () => {
    const dir = configDir();
    const file = path.join(dir, 'profiles.json');
    writeOwned(file, `{"profiles":{},"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`);
    const r = await run(['profiles'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`rcuser: the profile file ${file} cannot be used: it is larger than 16 MiB (17 MiB)`);
  });

  it('OF5 --ca-file and RCUSER_CA_FILE of /dev/zero, a FIFO, a directory: usage error at once (was: 16.8 GB, then SIGABRT)', async () => {
    const dir = configDir();
    const pipe = path.join(dir, 'ca.fifo');
    fifo(pipe);
    const env = credentials('http://127.0.0.1:9', { userId: 'u1', token: 't' });
    for (const [file, what] of [
      ['/dev/zero', 'a character device'],
      [pipe, 'a named pipe (FIFO)'],
      [dir, 'a directory'],
    ]) {
      const flag = await runCli(['info', 'test.john', '--ca-file', file!], { env, timeoutMs: 10_000 });
      expect([flag.code, flag.stderr.split('\n')[0]]).toEqual([
        2,
        `rcuser: the CA file ${file} given by --ca-file is ${what}, not a regular file`,
      ]);
      const variable = await runCli(['info', 'test.john'], {
        env: { ...env, RCUSER_CA_FILE: file },
        timeoutMs: 10_000,
      });
      expect([variable.code, variable.stderr.split('\n')[0]]).toEqual([
        2,
        `rcuser: the CA file ${file} given by RCUSER_CA_FILE is ${what}, not a regular file`,
      ]);
    }
  }, 60_000);

  it('OF6 a stored profile whose CA file became a FIFO; a 3 MiB CA file: refused at once', async () => {
    const dir = configDir();
    const pipe = path.join(dir, 'ca.fifo');
    fifo(pipe);
    const entry = {
      server: 'https://chat.example.com',
      userId: 'u1',
      token: 'token-abcdefgh',
      tokenKind: 'login',
      storedAt: '2026-01-01T00:00:00.000Z',
      caFile: pipe,
    };
    writeOwned(path.join(dir, 'profiles.json'), JSON.stringify({ active: 'p', profiles: { p: entry } }));
    const r = await run(['info', 'test.john'], dir);
    expectClean(r, ['token-abcdefgh']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      2,
      `rcuser: the CA file ${pipe} given by profile "p" is a named pipe (FIFO), not a regular file`,
    ]);
    const big = path.join(dir, 'big.pem');
    writeOwned(big, `-----BEGIN CERTIFICATE-----\n${'A'.repeat(3 * 1024 * 1024)}\n`);
    const env = credentials('http://127.0.0.1:9', { userId: 'u1', token: 't' });
    const b = await runCli(['info', 'test.john', '--ca-file', big], { env });
    expect([b.code, b.stderr.split('\n')[0]]).toEqual([
      2,
      `rcuser: the CA file ${big} given by --ca-file is larger than 2 MiB (3 MiB), far more than a CA bundle`,
    ]);
  }, 30_000);
});

describe('catalog: a CA file that will not exist later', () => {
  it('OF7 `login --ca-file <(cat ca.pem)`: refused before the password is sent (was: /dev/fd/63 stored, every later command failed)', async () => {
    const s = await startServer();
    const dir = configDir();
    const ca = path.join(dir, 'ca.pem');
    writeOwned(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const line = `exec "${process.execPath}" "${BIN}" login ${s.url} -u test.john --password-stdin --ca-file <(cat "${ca}")`;
    // Spawned, not spawnSync: the fake server in this process must be able to answer.
    const child = spawn('bash', ['--norc', '--noprofile', '-c', line], {
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', RCUSER_CONFIG_DIR: dir },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end(`${PASSWORD}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^rcuser: the CA file \/dev\/fd\/\d+ given by --ca-file will not exist after this login \(a process substitution or an open descriptor\)/,
    );
    expect(logins(s)).toBe(0);
    expect(fs.existsSync(path.join(dir, 'profiles.json'))).toBe(false);
  });
});

describe('catalog: bytes that are not UTF-8 in another profile', () => {
  it('OF8 a write never rewrites them (was: replaced by U+FFFD in every profile): refused, the file byte for byte as it was', async () => {
    const dir = configDir();
    const file = path.join(dir, 'profiles.json');
    const entry = (token: string, username: string) =>
      `{"server":"https://chat.example.com","userId":"u1","username":"${username}","token":"${token}","tokenKind":"login","storedAt":"2026-01-01T00:00:00.000Z"}`;
    const [head, tail] =
      `{"active":"a","profiles":{"a":${entry('token-a-abcdefgh', 'a')},"b":${entry('token-b-abcdefgh', 'bMARK')}}}`.split(
        'MARK',
      );
    const bytes = Buffer.concat([Buffer.from(head!), Buffer.from([0xff, 0xfe]), Buffer.from(tail!)]);
    writeOwned(file, '');
    fs.writeFileSync(file, bytes);
    const list = await run(['profiles'], dir);
    expect(list.code).toBe(0);
    for (const args of [
      ['profiles', 'rename', 'a', 'c'],
      ['use', 'b'],
      ['profiles', 'remove', 'a'],
    ]) {
      const r = await run(args, dir);
      expectClean(r, ['abcdefgh']);
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([
        1,
        `rcuser: the profile file ${file} is damaged: it holds bytes that are not UTF-8, which a rewrite would replace in every profile`,
      ]);
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    }
  }, 30_000);
});

describe('catalog: what profiles.json holds, shown', () => {
  it('OF9 control characters in a profile name and server: every message shows them as escapes (was: raw in three messages)', async () => {
    const dir = configDir();
    const E = '\u001b]0;PWN\u0007\u001b[31m';
    const entry = {
      server: `https://c.example/${E}`,
      userId: `u${E}`,
      username: `n${E}`,
      token: 'token-abcdefgh',
      tokenKind: 'personal-access-token',
      storedAt: '2026-01-01T00:00:00.000Z',
    };
    const b = { ...entry, server: 'https://c.example', username: 'b', tokenKind: 'login' };
    writeOwned(
      path.join(dir, 'profiles.json'),
      JSON.stringify({ active: 'b', profiles: { [`a${E}`]: entry, b, [`c${E}`]: { server: 's' } } }),
    );
    for (const args of [
      ['profiles'],
      ['use', `a${E}`],
      ['profiles', 'rename', `a${E}`, `z${E}`],
      ['logout', '--profile', `z${E}`],
      ['use', 'b'],
      ['profiles', 'remove', 'b'],
    ]) {
      const r = await run(args, dir, '', { TERM: 'dumb' });
      expectClean(r, ['token-abcdefgh']);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 0]);
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  }, 60_000);

  it('OF10 110,000 profiles: use and rename work (no "Maximum call stack size exceeded"); 200,000 are refused by the size cap in one sentence', async () => {
    const dir = configDir();
    const file = path.join(dir, 'profiles.json');
    const many = (n: number) => {
      const profiles: Record<string, unknown> = {};
      for (let i = 0; i < n; i++)
        profiles[`p${i}`] = {
          server: 'https://c.io',
          userId: `u${i}`,
          token: `t${i}`,
          tokenKind: 'login',
          storedAt: '',
        };
      return JSON.stringify({ active: 'p0', profiles });
    };
    writeOwned(file, many(110_000));
    for (const args of [
      ['use', 'p5'],
      ['profiles', 'rename', 'p1', 'q1'],
    ]) {
      const r = await run(args, dir);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 0]);
      expectClean(r);
    }
    expect(Object.keys(stored(dir).profiles)).toHaveLength(110_000);
    writeOwned(file, many(200_000));
    const r = await run(['profiles'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rcuser: the profile file .* cannot be used: it is larger than 16 MiB/);
  }, 120_000);
});
