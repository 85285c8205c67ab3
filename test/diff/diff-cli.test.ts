/** `rcuser diff` as a user runs it: the built CLI over files on disk, offline. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-diff-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: Array<object | string>): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return file;
}

const alice = {
  _id: 'A1',
  username: 'alice',
  name: 'Alice',
  roles: ['user'],
  active: true,
  type: 'user',
  emails: [{ address: 'alice@x.org', verified: true }],
  lastLogin: '2026-11-23T08:00:00.000Z',
};
const bob = { _id: 'B2', username: 'bob', name: 'Bob', roles: ['user', 'admin'], active: true, type: 'user' };
const carol = { _id: 'C3', username: 'carol', name: 'Carol', roles: ['user'], active: true, type: 'user' };
const dave = { _id: 'D4', username: 'dave', name: 'Dave', roles: ['user'], active: true, type: 'user' };

const monday = write('monday.ndjson', [alice, bob, carol]);
// Friday's list came from a batch: `info - --json` lines, one of them a user not found.
const friday = write('friday.ndjson', [
  { query: 'alice', user: { ...alice, roles: ['user', 'admin'], lastLogin: '2026-11-27T09:30:00.000Z' } },
  { query: 'carol', user: { ...carol, active: false } },
  { query: 'dave', user: dave },
  { query: 'bob', error: 'User not found.', status: 400 },
]);

describe('rcuser diff', () => {
  it('groups added, removed and changed users, with a count', async () => {
    const r = await runCli(['diff', monday, friday]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Added (1)',
        '  + @dave  Dave',
        'Removed (1)',
        '  - @bob  Bob',
        'Changed (2)',
        '  ~ @alice  roles +admin, lastLogin 2026-11-23 08:00 UTC → 2026-11-27 09:30 UTC',
        '  ~ @carol  active true → false',
        '1 added, 1 removed, 2 changed (3 users before, 3 after)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(`rcuser: ${friday}: skipped 1 batch line for users not found\n`);
  });

  it('--json: one object per changed user; --exit-code: 1 when anything differs, 0 when not', async () => {
    const r = await runCli(['diff', monday, friday, '--json', '--exit-code']);
    expect(r.code).toBe(1);
    const objs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objs.map((o) => [o.change, o._id, o.username])).toEqual([
      ['changed', 'A1', 'alice'],
      ['changed', 'C3', 'carol'],
      ['added', 'D4', 'dave'],
      ['removed', 'B2', 'bob'],
    ]);
    expect(objs[0].fields.roles).toEqual({ added: ['admin'], removed: [] });
    const same = await runCli(['diff', monday, monday, '--exit-code']);
    expect([same.code, same.stdout, same.stderr]).toEqual([
      0,
      '',
      'rcuser: no differences (3 users before, 3 after)\n',
    ]);
  });

  it('reads one of the lists from stdin', async () => {
    const r = await runCli(['diff', monday, '-', '--json'], {
      stdin: fs.readFileSync(monday, 'utf8').replace('"Bob"', '"Robert"'),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      change: 'changed',
      _id: 'B2',
      username: 'bob',
      fields: { name: { old: 'Bob', new: 'Robert' } },
    });
  });

  it('a line that is not a user names the file and the line, exit 2, nothing on stdout', async () => {
    const bad = write('bad.ndjson', [alice, '', bob, '{"_id": "x",', carol]);
    const r = await runCli(['diff', monday, bad, '--exit-code']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^rcuser: ${bad.replace(/[.]/g, '\\.')}:4: not JSON \\(`));
    expect(r.stderr).toContain('diff reads NDJSON, one user a line');
    // A pretty-printed `info --json` answer is not NDJSON: its first line is "{".
    const pretty = path.join(dir, 'pretty.json');
    fs.writeFileSync(pretty, JSON.stringify(alice, null, 2));
    expect((await runCli(['diff', pretty, monday])).stderr).toMatch(/pretty\.json:1: not JSON/);
  });

  it('a missing file and two stdins are usage errors', async () => {
    const missing = await runCli(['diff', monday, path.join(dir, 'nope.ndjson')]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      `rcuser: cannot read ${path.join(dir, 'nope.ndjson')}: no such file\n`,
    ]);
    const twice = await runCli(['diff', '-', '-']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('only one of the two lists can come from stdin');
  });

  it('a pair of 100,000-user lists (113 MiB) diffs within a 96 MiB heap: the files are streamed', async () => {
    // Template text, not JSON.stringify of objects: the test's own generation stays fast.
    const write100k = (name: string, changed: number) => {
      const file = path.join(dir, name);
      const out = fs.openSync(file, 'w');
      const pad = 'x'.repeat(300);
      for (let i = 0; i < 100_000; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) {
          const id = `id${String(j).padStart(12, '0')}`;
          const roles = j % 50 === 0 ? '["user","admin"]' : '["user"]';
          const login = new Date(Date.UTC(2024, 0, 1) + j * 60_000).toISOString();
          chunk += `{"_id":"${id}","username":"user.number${j}","emails":[{"address":"user.number${j}@example.org","verified":${j % 3 !== 0}}],"type":"user","status":"offline","active":${j !== changed},"roles":${roles},"name":"User Number ${j}","lastLogin":"${login}","avatarETag":"etag${j}","reason":"${pad}"}\n`;
        }
        fs.writeSync(out, chunk);
      }
      fs.closeSync(out);
      return file;
    };
    const a = write100k('a.ndjson', -1);
    const b = write100k('b.ndjson', 77_777);
    const sizeMiB = (fs.statSync(a).size + fs.statSync(b).size) / 2 ** 20;
    expect(sizeMiB).toBeGreaterThan(100);
    // A heap smaller than the files: reading either file whole, or keeping its users, runs out of memory.
    const r = await runCli(['diff', a, b, '--json'], {
      env: { NODE_OPTIONS: '--max-old-space-size=96' },
      timeoutMs: 80_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      change: 'changed',
      _id: 'id000000077777',
      username: 'user.number77777',
      fields: { active: { old: true, new: false } },
    });
  }, 90_000);
});
