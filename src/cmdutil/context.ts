import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { processIO, type IO } from '../iostreams/io.js';
import type { Env } from '../lib/env.js';
import type { ConfStoreOptions } from '../store/conf-store.js';
import type { ProfileStore } from '../store/types.js';

/** What every command gets: the terminal, the environment, and lazily built dependencies (like gh's factory). */
export interface Context {
  readonly io: IO;
  readonly env: Env;
  readonly version: string;
  now(): number;
  /** The profile store, opened on first use (commands with credentials from the environment never open it). */
  store(): Promise<ProfileStore>;
  /** Where profiles live: RCUSER_CONFIG_DIR, else the platform's config directory. */
  configDir(): string;
  /** Register something to close when the command is done (connection pools). */
  defer(fn: () => unknown): void;
  /** Run and forget everything deferred. */
  cleanup(): Promise<void>;
  /** The exit code a command asks for without failing (e.g. 3 when some users of a batch were not found). */
  exitCode: number;
}

export const VERSION: string = pkg.version;

// node:os is fetched when needed: most runs (credentials from the environment, --help) never ask.
// Paths are joined the way `platform` joins them (path.win32 for Windows), so every branch is testable anywhere.
export function defaultConfigDir(
  env: Env,
  platform: string = process.platform,
  home: string = process.getBuiltinModule('node:os').homedir(),
): string {
  if (env.RCUSER_CONFIG_DIR) return path.resolve(env.RCUSER_CONFIG_DIR);
  if (platform === 'win32')
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'rcuser', 'Config');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Preferences', 'rcuser');
  return path.posix.join(xdgConfigHome(env) ?? path.posix.join(home, '.config'), 'rcuser');
}

/** The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored (it would depend on the working directory). */
function xdgConfigHome(env: Env): string | undefined {
  const v = env.XDG_CONFIG_HOME;
  return v && path.posix.isAbsolute(v) ? v : undefined;
}

/**
 * The home directory, when the profile directory lies inside it: HOME=/nonexistent (a service
 * account) must give a clear message, not a /nonexistent tree created by a run as root.
 */
export function homeOfConfigDir(
  env: Env,
  platform: string = process.platform,
  home: string = process.getBuiltinModule('node:os').homedir(),
): string | undefined {
  if (env.RCUSER_CONFIG_DIR || platform === 'win32' || (platform !== 'darwin' && xdgConfigHome(env))) return undefined;
  return home;
}

/** The shared plumbing of the real and test contexts. */
export function baseContext(
  io: IO,
  env: Env,
  configDir: () => string,
  openStore?: () => Promise<ProfileStore>,
  storeOptions?: () => ConfStoreOptions,
): Context {
  const deferred: Array<() => unknown> = [];
  let store: Promise<ProfileStore> | undefined;
  return {
    io,
    env,
    version: VERSION,
    now: () => Date.now(),
    configDir,
    store() {
      store ??= (
        openStore
          ? openStore()
          : import('../store/conf-store.js').then((m) => new m.ConfStore(configDir(), storeOptions?.()))
      ).then((s) => {
        // The store never prints; its warnings (a file others can read) surface here, once per run.
        for (const w of s.warnings) io.stderr.write(`rcuser: warning: ${w}\n`);
        return s;
      });
      return store;
    },
    defer(fn) {
      deferred.push(fn);
    },
    async cleanup() {
      const fns = deferred.splice(0);
      await Promise.all(fns.map(async (fn) => fn()));
    },
    exitCode: 0,
  };
}

/** The real thing: process streams and environment. */
export function processContext(): Context {
  const env = process.env as Env;
  return baseContext(
    processIO(env),
    env,
    () => defaultConfigDir(env),
    undefined,
    () => ({
      createBelow: homeOfConfigDir(env),
      lock: { holder: { pid: process.pid, host: process.getBuiltinModule('node:os').hostname(), alive: processAlive } },
    }),
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: it runs, as someone else
  }
}

/**
 * Facts every error message of this run should carry, because the person may not know them: where
 * credentials from the environment are being sent, say. Kept per context; main() prints them.
 */
const notes = new WeakMap<object, string[]>();

export function addErrorNote(ctx: object, note: string): void {
  notes.set(ctx, [...(notes.get(ctx) ?? []), note]);
}

export function errorNotes(ctx: object): readonly string[] {
  return notes.get(ctx) ?? [];
}
