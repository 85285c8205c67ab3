import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { compileJq, messages, results, type JqFilter } from '../../src/export/jq.js';
import { ExportWriter } from '../../src/export/writer.js';
import { parseFields } from '../../src/export/fields.js';

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, target: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

async function compileError(expr: string): Promise<UsageError> {
  try {
    await compileJq(expr);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`${expr} compiled`);
}

const users = Array.from({ length: 50 }, (_, i) =>
  JSON.stringify({ username: `u${i}`, n: i, roles: i % 2 ? ['admin'] : ['user'] }),
);

describe('--jq: compiling', () => {
  it("a bad program is a usage error naming line and column, with jq's caret", async () => {
    const err = await compileError('.username |');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      '--jq ".username |" is not a jq program: syntax error, unexpected end of file at line 1, column 11',
    );
    // main prints the hint's first line after 2 spaces: the caret lands under column 11.
    expect(`  ${err.hint}`).toBe('  .username |\n            ^\n  the jq language: https://jqlang.org/manual/');
    expect((await compileError('.a\n| [')).message).toContain('at line 2, column 3');
    expect((await compileError('.a | nosuchfn')).message).toMatch(/nosuchfn\/0 is not defined at line 1, column 6/);
  });

  it('knows which programs read across documents', async () => {
    expect((await compileJq('.username')).wholeStream).toBe(false);
    expect((await compileJq('[., inputs] | length')).wholeStream).toBe(true);
    expect((await compileJq('reduce inputs as $u (0; . + 1)')).wholeStream).toBe(true);
  });
});

describe('--jq: running', () => {
  let usernames: JqFilter;
  beforeAll(async () => {
    usernames = await compileJq('.username');
  });

  it('prints strings raw and other values as compact JSON, one a line', async () => {
    const c = collect();
    const run = (await compileJq('.username, .n, .roles, "a\\nb"')).run(c.target);
    run.push(users[0]!);
    run.end();
    expect(c.out.join('')).toBe('u0\n0\n["user"]\na\nb\n');
    expect(run.errors).toBe(0);
  });

  it('in chunks, gives what one run over the whole stream gives', async () => {
    const whole = collect();
    const chunked = collect();
    const a = usernames.run(whole.target);
    const b = usernames.run(chunked.target, { chunkChars: 100 });
    for (const u of users) {
      a.push(u);
      b.push(u);
    }
    expect(whole.out).toEqual([]);
    expect(chunked.out.length).toBeGreaterThan(5);
    a.end();
    b.end();
    expect(chunked.out.join('')).toBe(whole.out.join(''));
    expect(whole.out.join('')).toBe(users.map((_, i) => `u${i}\n`).join(''));
  });

  it('a program that reads across documents runs once, over all of them', async () => {
    const c = collect();
    const run = (await compileJq('[., inputs] | map(select(.roles[0] == "admin")) | length')).run(c.target, {
      chunkChars: 100,
    });
    for (const u of users) run.push(u);
    expect(c.out).toEqual([]);
    run.end();
    expect(c.out.join('')).toBe('25\n');
  });

  it('a runtime error names the document in the whole stream, and jq goes on', async () => {
    const c = collect();
    const run = (await compileJq('.roles | ascii_downcase')).run(c.target, { chunkChars: 100 });
    for (const u of users.slice(0, 10)) run.push(JSON.stringify({ roles: JSON.parse(u).n === 7 ? 'X' : ['y'] }));
    run.end();
    expect(run.errors).toBe(9);
    expect(run.documents).toBe(10);
    expect(c.out.join('')).toBe('x\n');
    expect(c.err.join('').split('\n').filter(Boolean)).toHaveLength(9);
    expect(c.err.join('')).toContain('jq: error (at document 10): explode input must be a string');
  });

  it("rewrites only jq's own location", () => {
    expect(messages('jq: error (at /dev/stdin:3): boom\n["DEBUG:",1]', 100)).toBe(
      'jq: error (at document 103): boom\n["DEBUG:",1]',
    );
    expect(results('"a"\n1\n"\\u001b"')).toBe('a\n1\n\u001b\n');
  });
});

describe('the writer', () => {
  it('CSV: the header once, with the first rows, and alone when there are none', () => {
    const c = collect();
    const w = new ExportWriter({ format: 'csv', fields: parseFields('username,roles') }, c.target);
    w.emit([w.item({ username: 'a', roles: ['x', 'y'] }, '')]);
    w.emit([w.item({ username: '=b' }, '')]);
    w.end();
    expect(c.out.join('')).toBe('username,roles\r\na,"x;y"\r\n\'=b,\r\n');
    const empty = collect();
    const e = new ExportWriter({ format: 'tsv', fields: parseFields('username') }, empty.target);
    e.end();
    expect(empty.out.join('')).toBe('username\n');
  });

  it('JSON: the server text untouched, or the object --fields reduces it to', () => {
    const c = collect();
    const raw = '{"username":"a","big":12345678901234567890,"services":{"x":"[redacted]"}}';
    const plain = new ExportWriter({ format: 'json' }, c.target);
    const reduced = new ExportWriter({ format: 'json', fields: parseFields('username') }, c.target);
    plain.emit([plain.item(JSON.parse(raw), raw)]);
    reduced.emit([reduced.item(JSON.parse(raw), raw)]);
    expect(c.out.join('')).toBe(`${raw}\n{"username":"a"}\n`);
  });

  it('jq: over the documents, strings raw', async () => {
    const c = collect();
    const w = new ExportWriter(
      { format: 'jq', jq: await compileJq('.username'), fields: parseFields('username') },
      c.target,
    );
    w.emit(users.slice(0, 3).map((u) => w.item(JSON.parse(u), u)));
    w.end();
    expect(c.out.join('')).toBe('u0\nu1\nu2\n');
  });
});
