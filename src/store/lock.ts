import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError, ExitCode } from '../errors.js';

export interface LockOptions {
  /** A lock older than this is left over from a process that died: take it over. */
  staleMs?: number;
  /** Give up waiting for a live lock after this long. */
  timeoutMs?: number;
  /** Who takes the lock (written into it), and how to tell whether a holder still runs. */
  holder?: LockHolder;
}

export interface LockHolder {
  pid: number;
  host: string;
  alive(pid: number): boolean;
}

/**
 * An exclusive lock file created with O_EXCL: the one primitive that is atomic on every local file
 * system without native modules. Holders keep it for milliseconds (read, change, rename), so a short
 * backoff is enough; a lock nobody refreshed for `staleMs` belonged to a crashed process.
 *
 * Each lock carries a random token. Only a lock file is ever deleted whose token was read and
 * checked under a second, tiny guard file (`<lock>.takeover`, itself O_EXCL, held for microseconds):
 * a stale lock is deleted by one waiter only, never together with the fresh lock another waiter made
 * after it (20 logins over a dead process's lock lost a profile in 2 of 6 runs), and a holder
 * releases only its own lock, never one that replaced it.
 */
export async function withLock<T>(lockPath: string, fn: () => T, opts: LockOptions = {}): Promise<T> {
  const staleMs = opts.staleMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const started = Date.now();
  // Unique enough to tell two locks apart; not a secret.
  const token = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  let delay = 5;
  for (;;) {
    const fd = tryCreate(lockPath);
    if (fd !== undefined) {
      let failed: unknown;
      try {
        const who = opts.holder ? { pid: opts.holder.pid, host: opts.holder.host } : {};
        fs.writeSync(fd, `${JSON.stringify({ ...who, token, createdAt: new Date().toISOString() })}\n`);
      } catch (err) {
        failed = err;
      } finally {
        fs.closeSync(fd);
      }
      if (failed !== undefined) {
        // A full disk: the lock file is empty. Leave none behind for the next run to wait on.
        fs.rmSync(lockPath, { force: true });
        throw failed;
      }
      try {
        return fn();
      } finally {
        await release(lockPath, token);
      }
    }
    // Judged once to skip the guard when the lock is plainly live, then again under it.
    const stale = (): boolean => {
      const age = lockAge(lockPath);
      return (age !== undefined && age > staleMs) || abandoned(lockPath, age, opts.holder);
    };
    const cleared = stale() && guarded(lockPath, () => stale() && fs.rmSync(lockPath, { force: true }));
    if (cleared) continue;
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

/** Delete the lock if it is still ours (its token): a lock that replaced ours is not ours to delete. */
async function release(lockPath: string, token: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const done = guarded(lockPath, () => {
      if (tokenOf(lockPath) === token) fs.rmSync(lockPath, { force: true });
    });
    if (done) return;
    await sleep(1);
  }
}

/** A guard older than this was left by a process killed inside its few microseconds. */
const GUARD_STALE_MS = 2_000;

/**
 * Run `fn` holding `<lock>.takeover`; false (and `fn` not run) when another process holds it now.
 * A deleted lock file is only ever deleted inside `fn`, so the check before the delete and the
 * delete are one step for every other rcuser.
 */
function guarded(lockPath: string, fn: () => unknown): boolean {
  const guard = `${lockPath}.takeover`;
  const fd = tryCreate(guard);
  if (fd === undefined) {
    const age = lockAge(guard);
    if (age !== undefined && age > GUARD_STALE_MS) fs.rmSync(guard, { force: true });
    return false;
  }
  try {
    fs.closeSync(fd);
    fn();
  } finally {
    fs.rmSync(guard, { force: true });
  }
  return true;
}

function tokenOf(lockPath: string): string | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { token?: unknown };
    return typeof v.token === 'string' ? v.token : undefined;
  } catch {
    return undefined;
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

/** A holder writes its pid at once; an empty file that old is left from a crash. */
const EMPTY_GRACE_MS = 1000;

/**
 * Whether the lock's holder is gone: its pid (on this host) no longer runs, or the file stayed
 * empty past the moment a live holder would have written it. Then it is taken over at once
 * instead of after `staleMs`.
 */
function abandoned(lockPath: string, age: number | undefined, self: LockHolder | undefined): boolean {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch {
    return false; // released meanwhile
  }
  if (text.trim() === '') return age !== undefined && age > EMPTY_GRACE_MS;
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(text) as typeof holder;
  } catch {
    return false; // not ours to judge: wait for staleMs
  }
  // A pid means something only on the host that wrote it (a profile directory may be shared).
  if (!self || typeof holder.pid !== 'number' || holder.host !== self.host) return false;
  return !self.alive(holder.pid);
}
