/**
 * Catalog, second round: answers too large or compressed. The servers run in their own process
 * (wild-server.mjs); peak memory is read from the CLI process itself (process.resourceUsage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { credentials, runCli } from '../helpers/harness.js';
import { expectClean, expectOneSentence, startServer } from './servers.js';
import { wildServer } from './wild.js';

const MAXRSS = fileURLToPath(new URL('../helpers/maxrss.cjs', import.meta.url));
const TOKEN = 'wild-token-abcdefgh';

/** `rcuser info test.john` against `url`, with the peak RSS of the CLI in MiB. */
async function info(url: string, env: Record<string, string> = {}, args: string[] = []) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-rss-')), 'maxrss');
  const r = await runCli(['info', 'test.john', ...args], {
    env: credentials(
      url,
      { userId: 'u1', token: TOKEN },
      { NODE_OPTIONS: `--require ${MAXRSS}`, RCUSER_TEST_MAXRSS_FILE: file, ...env },
    ),
    timeoutMs: 60_000,
  });
  const peakMiB = Number(fs.readFileSync(file, 'utf8')) / 1024;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  expectClean(r, [TOKEN]);
  return { r, peakMiB };
}

describe('catalog: bounded answers', () => {
  it('B1 a body that never ends stops at 32 MiB, within ~100 MiB more memory than a normal lookup', async () => {
    const normal = await startServer();
    const admin = normal.login('admin');
    const base = await info(normal.url, credentials(normal, admin));
    expect(base.r.code).toBe(0);
    const url = await wildServer('endless');
    const { r, peakMiB } = await info(url);
    expectOneSentence(r, url);
    expect(r.stderr).toContain(`the answer of ${url} to GET /api/v1/users.info is larger than 32 MiB`);
    expect(r.stderr).toContain('RCUSER_MAX_RESPONSE_MB');
    // Before: 10.5 GB until the timeout. Now the 64 MiB read, plus what Node holds while reading it.
    expect(peakMiB - base.peakMiB).toBeLessThan(100);
  }, 90_000);

  it('B2 a 10 GB Content-Length is refused before the body is read', async () => {
    const url = await wildServer('huge-length');
    const started = Date.now();
    const { r, peakMiB } = await info(url);
    expectOneSentence(r, url);
    expect(r.stderr).toContain('is larger than 32 MiB');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(peakMiB).toBeLessThan(150);
  }, 30_000);

  it('B3 RCUSER_MAX_RESPONSE_MB sets the limit; a bad value is a usage error', async () => {
    const normal = await startServer();
    const admin = normal.login('admin');
    const env = credentials(normal, admin);
    const small = await info(normal.url, { ...env, RCUSER_MAX_RESPONSE_MB: '0.0001' }, ['--rooms']);
    expectOneSentence(small.r, normal.url);
    expect(small.r.stderr).toContain('is larger than 104 bytes');
    for (const value of ['lots', '0', '600']) {
      const bad = await info(normal.url, { ...env, RCUSER_MAX_RESPONSE_MB: value });
      expect(bad.r.code).toBe(2);
      expect(bad.r.stderr).toContain(
        `RCUSER_MAX_RESPONSE_MB takes a size in MiB above 0 and up to 500, not "${value}"`,
      );
    }
  });
});

describe('catalog: memory for one large answer', () => {
  /** What wild-server.mjs sends for many-objects: 660,000 objects of ~48 bytes. */
  const ANSWER_MIB = 31.47;
  let baseMiB: number;
  const overBase = async (mode: 'many-objects' | 'many-objects-services', args: string[]) => {
    if (baseMiB === undefined) {
      const normal = await startServer();
      baseMiB = (await info(normal.url, credentials(normal, normal.login('admin')), ['--json'])).peakMiB;
    }
    const { r, peakMiB } = await info(await wildServer(mode), {}, args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return { r, extra: peakMiB - baseMiB };
  };

  it('B7 `info --json` of a 31.5 MiB answer of 660,000 small objects takes at most 8× the answer (was: 842 MB, 25×)', async () => {
    const { r, extra } = await overBase('many-objects', ['--json']);
    expect((JSON.parse(r.stdout) as { customFields: { x: unknown[] } }).customFields.x).toHaveLength(660_000);
    expect(extra / ANSWER_MIB).toBeLessThan(8);
  }, 90_000);

  it('B8 the same inside `services`, which redaction walks, and as a card', async () => {
    const json = await overBase('many-objects-services', ['--json']);
    expect(json.r.stdout.length).toBeGreaterThan(ANSWER_MIB * 2 ** 20);
    expect(json.extra / ANSWER_MIB).toBeLessThan(8);
    const card = await overBase('many-objects', []);
    expect(card.r.stdout).toContain('Test John');
    expect(card.extra / ANSWER_MIB).toBeLessThan(8);
  }, 90_000);

  it('B9 a batch of four such answers at --concurrency 2 holds two at a time: at most 2 × 8× the answer', async () => {
    const { r, extra } = await overBase('many-objects', ['a', 'b', 'c', '--json', '--concurrency', '2']);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
    expect(extra / ANSWER_MIB).toBeLessThan(2 * 8);
  }, 90_000);
});

describe('catalog: compressed answers nobody asked for', () => {
  for (const mode of ['gzip', 'deflate', 'br'] as const) {
    it(`B4 Content-Encoding: ${mode} is decoded`, async () => {
      const url = await wildServer(mode);
      const { r } = await info(url, {}, ['--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ _id: 'wild1', username: 'test.john' });
    });
  }

  it('B5 a compressed answer that inflates past the limit is too large, not a crash', async () => {
    const url = await wildServer('bomb');
    const { r } = await info(url, { RCUSER_MAX_RESPONSE_MB: '1' });
    expectOneSentence(r, url);
    expect(r.stderr).toContain('is larger than 1 MiB');
  });

  it('B6 an encoding rcuser cannot decode is called a compressed answer, not malformed JSON', async () => {
    const url = await wildServer('zstd');
    const { r } = await info(url);
    expectOneSentence(r, url);
    expect(r.stderr).toContain('sent a compressed answer to GET /api/v1/users.info (Content-Encoding: zstd)');
    expect(r.stderr).not.toContain('malformed JSON');
  });
});
