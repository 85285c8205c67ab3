/**
 * Misbehaving servers for the catalog, all on 127.0.0.1: fault injection through the fake server's
 * `route` hook, plus a port that refuses connections. No test here touches a non-loopback address.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { FakeServer, FakeServerOptions } from '../fake-server/index.js';
import { startServer } from '../helpers/harness.js';
import type { CliResult } from '../helpers/cli.js';

export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

export { startServer };

/** A fake server whose users.info requests are answered by `route` instead (others go through). */
export function faulty(route: Route, opts: FakeServerOptions = {}): Promise<FakeServer> {
  return startServer({
    ...opts,
    route: (req, res) => (req.url?.startsWith('/api/v1/users.info') ? route(req, res) : false),
  });
}

/** Answer with exactly these bytes as the body (headers as given). */
export function answer(status: number, headers: Record<string, string | number>, body: string): Route {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
    return true;
  };
}

/** Accept the request and never say anything: the client's timeout has to end it. */
export const silent: Route = () => true;

/** Promise 1000 bytes, send a few, then drop the connection. */
export const closeMidBody: Route = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
  res.write('{"user":{"_id":"x","username":"half');
  setTimeout(() => res.socket?.destroy(), 50);
  return true;
};

/** Headers at once, then one byte of a never-ending body every 100 ms. */
export const trickle: Route = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"user":{"_id":"');
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 100);
  res.on('close', () => clearInterval(timer));
  return true;
};

/** Reset (TCP RST) the first `times` requests' connections, then let the fake server answer. */
export function resetFirst(times = 1): Route & { resets: () => number } {
  let n = 0;
  const route: Route = (req) => {
    if (n >= times) return false;
    n++;
    req.socket.resetAndDestroy();
    return true;
  };
  return Object.assign(route, { resets: () => n });
}

/** A loopback port with nothing listening on it. */
export async function refusedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const STACK = /^\s+at .+[:(]\d+|\bat (?:async )?[\w.<>]+ \(|node:internal/m;

/** Every case: no stack trace anywhere, and none of the secrets in any captured output. */
export function expectClean(r: Pick<CliResult, 'stdout' | 'stderr'>, secrets: string[] = []): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toMatch(STACK);
    for (const s of secrets) expect(text).not.toContain(s);
  }
}

/** A failure is one sentence on stderr (plus an indented hint), naming the server. */
export function expectOneSentence(r: CliResult, server: string): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^rcuser: /);
  expect(lines[0]).toContain(server);
  expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(2);
}
