/**
 * Standalone fake server for end-to-end runs:
 *   node dist/fake-server.js [--port N] [--version 8.8.1] [--rate-limit CALLS/WINDOW_MS] [--login-expiration-days N]
 *                            [--redirect-to-https] [--base-path /chat] [--email-verification]
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
    'redirect-to-https': { type: 'boolean' },
    'base-path': { type: 'string' },
    'email-verification': { type: 'boolean' },
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
  if (values['redirect-to-https']) opts.redirectToHttps = true;
  if (values['base-path']) opts.basePath = values['base-path'];
  if (values['email-verification']) opts.emailVerification = true;
  return opts;
}

async function main(): Promise<void> {
  const server = await startFakeServer(options());
  const users = Object.fromEntries(['test.john', 'admin'].map((name) => [name, server.login(name)]));
  process.stdout.write(`${JSON.stringify({ url: server.url, users })}\n`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
