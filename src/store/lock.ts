import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, ExitCode } from '../errors.js';

export interface LockOptions {
  /** A lock older than this is left over from a process that died: take it over. */
  staleMs?: number;
  /** Give up waiting for a live lock after this long. */
  timeoutMs?: number;
}

/**
 * An exclusive lock file created with O_EXCL: the one primitive that is atomic on every local file
 * system without native modules. Holders keep it for milliseconds (read, change, rename), so a short
 * backoff is enough; a lock nobody refreshed for `staleMs` belonged to a crashed process.
 */
export async function withLock<T>(lockPath: string, fn: () => T, opts: LockOptions = {}): Promise<T> {
  const staleMs = opts.staleMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const started = Date.now();
  let delay = 5;
  for (;;) {
    const fd = tryCreate(lockPath);
    if (fd !== undefined) {
      try {
        fs.writeSync(fd, `${JSON.stringify({ createdAt: new Date().toISOString() })}\n`);
      } finally {
        fs.closeSync(fd);
      }
      try {
        return fn();
      } finally {
        fs.rmSync(lockPath, { force: true });
      }
    }
    const age = lockAge(lockPath);
    if (age !== undefined && age > staleMs) {
      // Two waiters may both see it stale; rmSync of an already-replaced lock is the small price, and O_EXCL still decides.
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new CliError(
        `another rcuser is still updating the profiles (lock file ${lockPath})`,
        ExitCode.failure,
        `try again; if no other rcuser is running, delete ${lockPath}`,
      );
    }
    await sleep(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 100);
  }
}

function tryCreate(lockPath: string): number | undefined {
  try {
    return fs.openSync(lockPath, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw err;
  }
}

function lockAge(lockPath: string): number | undefined {
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return undefined; // released meanwhile: try again at once
  }
}
