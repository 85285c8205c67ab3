import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/index.js';

export interface E2E {
  /** One test server for the file. */
  server: FakeServer;
  /** Its host:port, the default profile name. */
  host: string;
  /** A fresh config directory (RCUSER_CONFIG_DIR) for each test, removed after it. */
  dir: string;
  /** The profile file in `dir`, parsed. */
  stored(): { active?: string; profiles: Record<string, Record<string, string>> };
}

/** End-to-end tests of commands that store profiles: a server per file, a config dir per test. */
export function useServerAndConfigDir(prefix: string, opts: FakeServerOptions = {}): E2E {
  const t = {
    stored: () => JSON.parse(fs.readFileSync(path.join(t.dir, 'profiles.json'), 'utf8')),
  } as E2E;
  beforeAll(async () => {
    t.server = await startFakeServer(opts);
    t.host = new URL(t.server.url).host;
  });
  afterAll(() => t.server.close());
  beforeEach(() => {
    t.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(t.dir, { recursive: true, force: true }));
  return t;
}
