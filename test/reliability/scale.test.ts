/**
 * Catalog, second round: input and answers built to be slow. Endless and enormous stdin lines,
 * JSON nested 20,000 deep. Each has a time bound that the old quadratic code missed by far.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { streamLines } from '../../src/lib/lines.js';
import { formatJson, MAX_INDENT_DEPTH } from '../../src/lib/rawjson.js';
import { preview } from '../../src/render/preview.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { answer, expectClean, faulty, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

/** The CLI with stdin opened on a file (a device such as /dev/zero works), and how long it took. */
async function runWithStdinFile(
  args: string[],
  env: Record<string, string>,
  file: string,
): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const r = await runCli(args, { env, stdinFile: file });
  return { ...r, ms: Date.now() - started };
}

async function* chunks(total: number, size: number, fill = 'x'): AsyncGenerator<string> {
  const chunk = fill.repeat(size);
  for (let sent = 0; sent < total; sent += size) yield chunk;
  yield '\nnext\n';
}

describe('catalog: stdin lines', () => {
  it('L1 one 100 MB line is split in linear time (was 46 s)', async () => {
    const started = Date.now();
    const lines: number[] = [];
    for await (const line of streamLines(chunks(100 * 1024 * 1024, 64 * 1024), Infinity)) lines.push(line.length);
    expect(lines).toEqual([100 * 1024 * 1024, 4]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('L2 a line past 4 KiB stops the reading at once, naming the line', async () => {
    const it = streamLines(
      (async function* () {
        yield 'alice\r\nbob\n';
        yield* chunks(10 * 1024 * 1024 * 1024, 64 * 1024); // 10 GB that is never read
      })(),
    );
    expect((await it.next()).value).toBe('alice');
    expect((await it.next()).value).toBe('bob');
    await expect(it.next()).rejects.toMatchObject({ name: 'LineTooLongError', line: 3, max: 4096 });
  });

  it('L3 a line of exactly 4,096 characters is still a line', async () => {
    const out: string[] = [];
    for await (const l of streamLines(
      (async function* () {
        yield `${'a'.repeat(4096)}\r\n`;
        yield 'b'.repeat(4096);
      })(),
    ))
      out.push(l);
    expect(out.map((l) => l.length)).toEqual([4096, 4096]);
  });
});

describe('catalog: endless stdin', () => {
  it('L5 `info - < /dev/zero`: a usage error naming line 1, at once, in bounded memory', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const r = await runWithStdinFile(['info', '-', '--json'], credentials(s, admin), '/dev/zero');
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 1 of stdin is longer than 4,096 characters');
    expect(r.ms).toBeLessThan(5_000);
  });

  it('L6 a batch whose third line is too long: the first two are printed, then a usage error naming line 3', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const r = await runCli(['info', '-', '--json', '--concurrency', '1'], {
      env: credentials(s, admin),
      stdin: `test.john\nroxie\n${'x'.repeat(5000)}\nadmin\n`,
    });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 3 of stdin is longer than 4,096 characters');
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).user.username),
    ).toEqual(['test.john', 'roxie']);
  });

  it('L4 `login --password-stdin < /dev/zero`: a usage error at once, not minutes at full CPU', async () => {
    const s = await startServer();
    const dir = fs.mkdtempSync('/tmp/rcuser-l4-');
    try {
      const r = await runWithStdinFile(
        ['login', s.url, '-u', 'test.john', '--password-stdin'],
        { RCUSER_CONFIG_DIR: dir },
        '/dev/zero',
      );
      expectClean(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the first line of stdin is longer than 4,096 characters');
      expect(r.ms).toBeLessThan(5_000);
      expect(s.requests.filter((q) => q.path === '/api/v1/login')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('catalog: JSON nested deep', () => {
  const deep = (d: number) => `{"_id":"deep1","username":"deep","deep":${'['.repeat(d)}1${']'.repeat(d)}}`;

  it('J1 re-indenting text nested 20,000 deep is linear and bounded; the value is unchanged', () => {
    const text = deep(20_000);
    const started = Date.now();
    const out = formatJson(text, 2);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Indentation stops growing past MAX_INDENT_DEPTH levels: 2 spaces a level.
    const widest = Math.max(...out.split('\n').map((l) => l.length - l.trimStart().length));
    expect(widest).toBe(MAX_INDENT_DEPTH * 2);
    expect(formatJson(out, 0)).toBe(text.replace(/\s/g, ''));
  });

  it('J2 shallow JSON is indented exactly as JSON.stringify would', () => {
    const text = '{ "a" : [1, 2, {"b": null}], "c": {}, "d": [ ], "e": "x\\"y ,:[{", "f": true}';
    expect(formatJson(text, 2)).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(formatJson(text, 0)).toBe(JSON.stringify(JSON.parse(text)));
  });

  const nest = (d: number) => `${'['.repeat(d)}1${']'.repeat(d)}`;
  const deepUser = (d: number) =>
    `{"user":{"_id":"deep1","username":"deep","name":${nest(d)},"roles":${nest(d)},"rooms":[{"_id":"r1","rid":"r1","name":${nest(d)},"t":"c"}]},"success":true}`;

  it('J3 a table of values nested 20,000 deep: cut to the cell, no stack overflow (one user and a batch)', async () => {
    const s = await faulty(answer(200, { 'Content-Type': 'application/json' }, deepUser(20_000)));
    const admin = s.login('admin');
    const env = credentials(s, admin);
    const one = await runCli(['info', 'deep', '--rooms'], { env });
    expectClean(one, [admin.authToken]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('[[[[[[[[[[');
    const many = await runCli(['info', 'deep', 'deep'], { env });
    expectClean(many, [admin.authToken]);
    expect(many.code).toBe(0);
    expect(many.stdout).toContain('2 looked up: 2 found');
  });

  it('J4 the cell preview is what JSON.stringify gives, cut after the limit', () => {
    const v = { a: [1, 'x"y', null, true, { b: {} }], c: [], d: -0.5 };
    expect(preview(v, 1000)).toBe(JSON.stringify(v));
    expect(JSON.stringify(v).startsWith(preview(v, 10))).toBe(true);
    expect(preview(JSON.parse(nest(50_000)), 20).length).toBeLessThanOrEqual(21);
  });

  it('J5 `info --json` of a user nested 20,000 deep prints the same value at once (was "Invalid string length")', async () => {
    const body = deepUser(20_000);
    const s = await faulty(answer(200, { 'Content-Type': 'application/json' }, body));
    const admin = s.login('admin');
    const r = await runCli(['info', 'deep', '--json'], { env: credentials(s, admin) });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s/g, '')).toBe(body.slice('{"user":'.length, -',"success":true}'.length));
  });
});
