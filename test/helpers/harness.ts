/**
 * The one test harness every test file uses (as create-astro's test/utils.js): the test server for
 * a file or for one test, the credentials environment that signs the CLI in to it, a config
 * directory per test, and the CLI itself (runCli, spawnCli). docs/development.md, "Tests", says how.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/index.js';

export { BIN, cliEnv, runCli, runScript, spawnCli, type CliResult, type CliRun, type RunOptions } from './cli.js';
export type { FakeServer, FakeServerOptions };

/** What `credentials` returns: the three variables that sign rcuser in without a stored profile. */
export interface CredentialsEnv extends Record<string, string> {
  RCUSER_SERVER: string;
  RCUSER_USER_ID: string;
  RCUSER_TOKEN: string;
}

/** Who signs in: a username (logged in now, a fresh login token), or credentials already in hand. */
export type Signer = string | { userId: string; authToken: string } | { userId: string; token: string };

/**
 * The environment that signs the CLI in without a stored profile: RCUSER_SERVER, RCUSER_USER_ID and
 * RCUSER_TOKEN. `server` is a test server (or a URL, for one that is not); `who` a username to log in
 * now, or credentials in hand; `extra` is merged in last (RCUSER_CONFIG_DIR, TERM, …). With
 * `token: 'personal'` a username gets a personal access token instead of a login token.
 */
export function credentials(
  server: FakeServer | string,
  who: Signer,
  extra: Record<string, string | undefined> = {},
  token: 'login' | 'personal' = 'login',
): CredentialsEnv {
  const url = typeof server === 'string' ? server : server.url;
  let signer = who;
  if (typeof signer === 'string') {
    if (typeof server === 'string') throw new Error('credentials(): a username needs a test server to log in to');
    signer = token === 'login' ? server.login(signer) : server.createPersonalAccessToken(signer);
  }
  const secret = 'authToken' in signer ? signer.authToken : signer.token;
  return { RCUSER_SERVER: url, RCUSER_USER_ID: signer.userId, RCUSER_TOKEN: secret, ...extra } as CredentialsEnv;
}

/**
 * The test server for a whole file: a FakeServer (every member passes through to the running one,
 * from the file's first test on) plus its host and a credentials shortcut.
 */
export interface FileServer extends FakeServer {
  /** Its host:port, the default profile name. */
  readonly host: string;
  /** credentials(server, username, extra). */
  env(who: Signer, extra?: Record<string, string | undefined>): CredentialsEnv;
}

/** Start one test server for this file: before its first test, closed after its last. */
export function useServer(opts: FakeServerOptions = {}): FileServer {
  let s: FakeServer | undefined;
  beforeAll(async () => {
    s = closesOnce(await startFakeServer(opts));
  });
  afterAll(async () => {
    await s?.close();
    s = undefined;
  });
  const extras = {
    get host() {
      return new URL(running().url).host;
    },
    env: (who: Signer, extra?: Record<string, string | undefined>) => credentials(running(), who, extra),
  };
  const running = (): FakeServer => {
    if (!s) throw new Error('useServer(): the server runs from beforeAll to afterAll; use it inside a test or a hook');
    return s;
  };
  return new Proxy(extras as unknown as FileServer, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      const server = running();
      const value = Reflect.get(server, prop);
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}

const running: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A test server of its own for one test (another version, a fault, a rate limit), closed when the test ends. */
export async function startServer(opts: FakeServerOptions = {}): Promise<FakeServer> {
  const s = closesOnce(await startFakeServer(opts));
  running.push(s);
  return s;
}

/** A test may close its server itself (a server that is gone); closing it again afterwards is then a no-op. */
function closesOnce(s: FakeServer): FakeServer {
  const close = s.close.bind(s);
  let closed: Promise<void> | undefined;
  s.close = () => (closed ??= close());
  return s;
}

/** A fresh config directory (RCUSER_CONFIG_DIR) for each test of the file, removed after it. */
export interface ConfigDir {
  readonly dir: string;
  /** The profile file in `dir`, parsed. */
  stored(): { active?: string; profiles: Record<string, Record<string, string>> };
}

export function useConfigDir(prefix = 'rcuser-test-'): ConfigDir {
  let dir: string | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const current = (): string => {
    if (!dir) throw new Error('useConfigDir(): the directory exists during a test only');
    return dir;
  };
  return {
    get dir() {
      return current();
    },
    stored: () => JSON.parse(fs.readFileSync(path.join(current(), 'profiles.json'), 'utf8')),
  };
}
