/**
 * A tiny tmpfs, to fill a disk for real. Needs root and a kernel that lets us mount (not every
 * container does): `tmpfsSkip` says why not, and the cases that need one are skipped with it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Mount a tmpfs of `kib` KiB at a fresh directory and return it (unmounted after the test). */
export function tinyTmpfs(kib: number, mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=${mode.toString(8)}`, 'tmpfs', dir], {
    stdio: 'ignore',
  });
  mounted.push(dir);
  return dir;
}

function probe(): string | undefined {
  if (process.platform !== 'linux') return 'tmpfs is Linux only';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'this machine does not allow mounting a tmpfs';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Why the tmpfs cases cannot run here, or undefined when they can. */
export const tmpfsSkip = probe();
