import { useConfigDir, useServer, type FakeServer, type FakeServerOptions } from './harness.js';

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

/** Kept for tests written before test/helpers/harness.ts: its useServer and useConfigDir together. */
export function useServerAndConfigDir(prefix: string, opts: FakeServerOptions = {}): E2E {
  const server = useServer(opts);
  const c = useConfigDir(prefix);
  return {
    server,
    get host() {
      return server.host;
    },
    get dir() {
      return c.dir;
    },
    stored: () => c.stored(),
  };
}
