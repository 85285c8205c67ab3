/**
 * Standalone fake server for end-to-end runs:
 *   node dist/fake-server.js [--port N] [--version 8.8.1] [--rate-limit CALLS/WINDOW_MS] [--login-expiration-days N]
 * Prints one JSON line ({url, users: {<name>: {userId, authToken}}}) and serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startFakeServer } from './index.js';
import type { FakeServerOptions } from './types.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    version: { type: 'string' },
    'rate-limit': { type: 'string' },
    'login-expiration-days': { type: 'string' },
  },
});

function options(): FakeServerOptions {
  const opts: FakeServerOptions = { version: values.version ?? '8.8.1' };
  if (values.port) opts.port = Number(values.port);
  if (values['rate-limit']) {
    const [calls, windowMs] = values['rate-limit'].split('/').map(Number);
    opts.rateLimit = { calls: calls ?? 0, windowMs: windowMs || 60_000 };
  }
  if (values['login-expiration-days']) opts.loginExpirationDays = Number(values['login-expiration-days']);
  return opts;
}

async function main(): Promise<void> {
  const server = await startFakeServer(options());
  const users = Object.fromEntries(['test.john', 'admin'].map((name) => [name, server.login(name)]));
  process.stdout.write(`${JSON.stringify({ url: server.url, users })}\n`);
  const stop = (): void => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
