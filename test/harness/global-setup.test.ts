import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleBecause } from '../global-setup.js';

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A checkout in miniature: src/, scripts/, package.json, and dist/rcuser.js when `built`. */
function checkout(built: boolean): string {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-setup-'));
  for (const d of ['src/root', 'scripts', 'dist']) fs.mkdirSync(path.join(root, d), { recursive: true });
  const old = new Date(Date.now() - 60_000);
  for (const f of ['src/root/program.ts', 'scripts/build.mjs', 'package.json']) {
    fs.writeFileSync(path.join(root, f), '');
    fs.utimesSync(path.join(root, f), old, old);
  }
  if (built) {
    const at = new Date(Date.now() - 30_000);
    fs.writeFileSync(path.join(root, 'dist/rcuser.js'), '');
    fs.utimesSync(path.join(root, 'dist/rcuser.js'), at, at);
  }
  return root;
}

describe('the global setup: is dist/ older than what it is built from?', () => {
  it('no: nothing to do', () => {
    expect(staleBecause(checkout(true))).toBeUndefined();
  });

  it('no bundle at all', () => {
    expect(staleBecause(checkout(false))).toBe('dist/rcuser.js does not exist');
  });

  it('a source file edited after the build, however deep', () => {
    const r = checkout(true);
    fs.writeFileSync(path.join(r, 'src/root/program.ts'), '// edited');
    expect(staleBecause(r)).toBe(`${path.join('src', 'root', 'program.ts')} is newer than dist/rcuser.js`);
  });

  it('the build script or package.json edited after the build', () => {
    const r = checkout(true);
    fs.writeFileSync(path.join(r, 'package.json'), '{}');
    expect(staleBecause(r)).toBe('package.json is newer than dist/rcuser.js');
  });
});
