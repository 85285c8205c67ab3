/**
 * Catalog: hostile server data, end to end. The built CLI reads crafted users.info bodies from a
 * loopback server: human output stays printable, --json stays byte-for-byte the server's object.
 */
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/render/json.js';
import { runCli } from '../helpers/cli.js';
import { answer, expectClean, faulty, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function serve(rawUser: string) {
  const body = `{"user":${rawUser},"success":true}`;
  const s = await faulty(answer(200, { 'Content-Type': 'application/json' }, body));
  const admin = s.login('admin');
  const env = credentials(s, admin);
  return { s, admin, env };
}

const HOSTILE_USER =
  '{"_id":"h1","2":"two","1":"one","username":"evil\\u001b[2J","name":"Mallory \\u202eexe.txt\\u001b]0;title\\u0007","big":12345678901234567890,"tiny":1e-400,"status":"online\\u009b","roles":["admin\\u001b[8m"],"futureField":{"nested":[null,true]},"rooms":"not-a-list"}';

describe('catalog: hostile data end to end', () => {
  it('E1 escape sequences, C1 and bidi from the server never reach the terminal raw', async () => {
    const { admin, env } = await serve(HOSTILE_USER);
    const r = await runCli(['info', 'evil'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_UNSAFE);
    expect(r.stdout).toContain('Mallory \\u202eexe.txt\\x1b]0;title\\x07 (@evil\\x1b[2J)');
  });

  it('E2 --json prints the server object unchanged: key order, big numbers, escapes', async () => {
    const { admin, env } = await serve(HOSTILE_USER);
    const r = await runCli(['info', 'evil', '--json'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${formatJson(HOSTILE_USER, 2)}\n`);
    expect(r.stdout).toContain('12345678901234567890');
    expect(r.stdout.indexOf('"2"')).toBeLessThan(r.stdout.indexOf('"1"'));
  });

  it('E3 rooms that are not a list (with --rooms) are reported and the run still succeeds', async () => {
    const { admin, env } = await serve(HOSTILE_USER);
    const r = await runCli(['info', 'evil', '--rooms'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rooms: the server sent string instead of a list');
  });

  it('E4 a user in 50,000 rooms: every room in the table, and --json intact', async () => {
    const rooms = Array.from({ length: 50_000 }, (_, i) => ({
      _id: `s${i}`,
      rid: `R${i}`,
      name: i % 3 ? `room-${i}` : `部屋${i}🎉`,
      t: 'c',
      unread: i % 5,
    }));
    const raw = JSON.stringify({ _id: 'big', username: 'busy', name: 'Busy', rooms });
    const { admin, env } = await serve(raw);
    const human = await runCli(['info', 'busy', '--rooms'], { env, timeoutMs: 60_000 });
    expectClean(human, [admin.authToken]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Rooms (50000)');
    expect(human.stdout.split('\n').filter((l) => l.startsWith('│ '))).toHaveLength(50_001);
    const json = await runCli(['info', 'busy', '--rooms', '--json'], { env, timeoutMs: 60_000 });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).rooms).toHaveLength(50_000);
    expect(json.stdout).toBe(`${formatJson(raw, 2)}\n`);
  });

  it('E5 several users with hostile values: NDJSON lines stay valid and carry the raw objects', async () => {
    const s = await startServer();
    s.addUser({ _id: 'x1', username: 'ctl', name: 'a\u001b[31mb\u0000c', roles: ['\u202e'] });
    const admin = s.login('admin');
    const env = credentials(s, admin);
    const r = await runCli(['info', 'ctl', 'test.john', '--json'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].user.name).toBe('a\u001b[31mb\u0000c');
    // Valid JSON cannot hold a raw C0 control; anything else (bidi included) is the server's, unchanged.
    expect(r.stdout.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f]/);
    expect(lines[0].user.roles).toEqual(['\u202e']);
    const table = await runCli(['info', 'ctl', 'test.john'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(RAW_UNSAFE);
    expect(table.stdout).toContain('a\\x1b[31mb\\x00c');
  });

  it('E6 a user object full of nulls and wrong types renders, exit 0', async () => {
    const raw =
      '{"_id":null,"username":42,"name":["x"],"roles":"admin","emails":{"a":1},"createdAt":"soon","utcOffset":"abc","customFields":[1,2],"active":"yes"}';
    const { admin, env } = await serve(raw);
    const r = await runCli(['info', 'odd'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Roles');
  });
});
