/**
 * The jq engine (~80 KB of JavaScript and ~900 KB of WebAssembly) loads only with --jq: run from a
 * copy of the build without the engine's chunk and jq.wasm, every other output still works.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/cli.js';
import { useServer, credentials } from '../helpers/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const E2E_TIMEOUT = 60_000;

const server = useServer();
let env: Record<string, string>;
let tmp: string;
let bin: string;

beforeAll(async () => {
  env = credentials(server, 'admin');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-nojq-'));
  fs.cpSync(path.join(ROOT, 'bin'), path.join(tmp, 'bin'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'dist'), path.join(tmp, 'dist'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}bench`),
  });
  bin = path.join(tmp, 'bin', 'rcuser.js');
});
afterAll(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('without the jq engine in dist/', () => {
  it('the build has it: a chunk of its own, and jq.wasm beside rcuser.js', () => {
    const chunks = fs.readdirSync(path.join(tmp, 'dist', 'chunks')).filter((f) => /^jq-.*\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    expect(fs.statSync(path.join(tmp, 'dist', 'jq.wasm')).size).toBeGreaterThan(500_000);
  });

  it(
    '--json, --csv, --tsv, --fields and the table never load it; --jq does',
    async () => {
      for (const f of fs.readdirSync(path.join(tmp, 'dist', 'chunks')))
        if (/^jq-.*\.js$/.test(f)) fs.rmSync(path.join(tmp, 'dist', 'chunks', f));
      fs.rmSync(path.join(tmp, 'dist', 'jq.wasm'));
      const runs: Array<[string[], string?]> = [
        [['info', 'alice', '--json']],
        [['info', 'alice']],
        [['info', 'alice', '--csv']],
        [['info', 'alice', '--fields', 'username,roles']],
        [['info', '-', '--json'], 'alice\ntest.john\n'],
        [['info', '-', '--tsv'], 'alice\ntest.john\n'],
        [['list', '--csv', '--limit', '5']],
        [['search', 'ali', '--json', '--fields', 'username']],
      ];
      for (const [args, stdin] of runs) {
        const r = await runScript(bin, args, { env, stdin });
        expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      }
      const jq = await runScript(bin, ['info', 'alice', '--jq', '.username'], { env });
      expect(jq.code).toBe(1);
      expect(jq.stderr).toMatch(/jq-|jq\.wasm/);
    },
    E2E_TIMEOUT,
  );
});
