#!/usr/bin/env node
// `npm run test:matrix`: the whole suite once on the newest Node 22, 24 and 26 (each fetched once
// into a cache outside the repository, see node-lines.mjs), with that node first on PATH so the
// CLI processes the tests spawn, npm in the packaging test and the installed `rcuser` shebang all
// run on it too. `npm test` covers the machine's own Node.
//
//   npm run test:matrix                          22, 24 and 26
//   npm run test:matrix -- 24 test/e2e           one line, some test files (anything not a number goes to vitest)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MATRIX_MAJORS, matrixNodes } from './node-lines.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const majors = args.filter((a) => /^\d+$/.test(a)).map(Number);
const vitestArgs = args.filter((a) => !/^\d+$/.test(a));

const say = (line) => console.log(`test-matrix: ${line}`);
const started = Date.now();
const nodes = matrixNodes(majors.length ? majors : MATRIX_MAJORS, say);
const results = [];
for (const { version, bin } of nodes) {
  say(`──── Node v${version} (${bin}) ────`);
  const env = {
    ...process.env,
    PATH: `${path.dirname(bin)}${path.delimiter}${process.env.PATH}`,
    // test/matrix/node-line.test.ts checks that vitest and what it spawns really run on this node.
    RCUSER_EXPECT_NODE: `v${version}`,
  };
  const t0 = Date.now();
  // The bundle is the same on every line, but building it here proves the build script runs there too.
  let status = spawnSync(bin, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, env, stdio: 'inherit' }).status;
  if (status === 0)
    status = spawnSync(bin, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...vitestArgs], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    }).status;
  const seconds = Math.round((Date.now() - t0) / 1000);
  results.push({ version, ok: status === 0, seconds });
  say(`Node v${version}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${seconds} s`);
}
say(`summary (${Math.round((Date.now() - started) / 1000)} s):`);
for (const r of results) say(`  ${r.ok ? 'ok  ' : 'FAIL'} Node v${r.version}  ${r.seconds} s`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
