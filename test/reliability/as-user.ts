/**
 * Running the CLI against a profile directory as an unprivileged user when the tests run as root
 * (root ignores file modes), so permission cases test the real thing either way (store.test.ts,
 * store-risks.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BIN, runScript, type CliResult } from '../helpers/cli.js';
import { nodeForOthers } from '../helpers/node-for-others.js';

export const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh profile directory (in a private parent, or at `inside`), owned by whoever the CLI runs as. */
export function configDir(inside?: string): string {
  let parent = inside;
  if (parent === undefined) {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-store2-'));
    dirs.push(parent);
  }
  fs.chmodSync(parent, 0o755);
  const dir = path.join(parent, 'rcuser');
  fs.mkdirSync(dir, { mode: 0o700 });
  chownToUser(dir);
  return dir;
}

/** Give a file to whoever the CLI runs as. */
export function chownToUser(file: string): void {
  if (asRoot) fs.chownSync(file, NOBODY, NOBODY);
}

/** Write a file with exactly this mode, owned by whoever the CLI runs as. */
export function writeOwned(file: string, text: string, mode = 0o600): void {
  fs.writeFileSync(file, text, { mode });
  fs.chmodSync(file, mode);
  chownToUser(file);
}

/**
 * `nobody` may not be able to read the checkout (a clone in a 0700 directory), so as root the CLI
 * runs from a world-readable copy of the build: bin/, dist/ and a package.json saying ESM. The
 * bundle needs nothing else (dependencies are inside it).
 */
let cli = BIN;
let node = process.execPath;
let copy: string | undefined;
beforeAll(() => {
  if (!asRoot) return;
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-cli-'));
  fs.chmodSync(copy, 0o755);
  const checkout = path.dirname(path.dirname(BIN));
  fs.cpSync(path.join(checkout, 'bin', 'rcuser.js'), path.join(copy, 'bin', 'rcuser.js'));
  fs.cpSync(path.join(checkout, 'dist'), path.join(copy, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(copy, 'package.json'), '{"type":"module"}\n');
  for (const d of [copy, path.join(copy, 'bin'), path.join(copy, 'dist'), path.join(copy, 'dist', 'chunks')])
    fs.chmodSync(d, 0o755);
  cli = path.join(copy, 'bin', 'rcuser.js');
  node = nodeForOthers(copy);
});
afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

/** The CLI as an unprivileged user (when root), with RCUSER_CONFIG_DIR = dir. */
export function runAsUser(
  args: string[],
  dir: string,
  stdin = '',
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runScript(cli, args, {
    node,
    stdin,
    env: { HOME: os.tmpdir(), RCUSER_CONFIG_DIR: dir, ...env },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
}
