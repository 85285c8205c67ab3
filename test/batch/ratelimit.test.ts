import { describe, expect, it } from 'vitest';
import { RocketChatClient } from '../../src/api/client.js';
import type { HttpResponse } from '../../src/api/http.js';
import { RateGate, retryDelay } from '../../src/api/ratelimit.js';
import { startServer } from '../helpers/harness.js';

const MSG = (s: number) =>
  `{"success":false,"error":"Error, too many requests. Please slow down. You must wait ${s} seconds before trying this endpoint again. [error-too-many-requests]"}`;
const res429 = (headers: Record<string, string>, seconds = 42): HttpResponse => ({
  status: 429,
  headers,
  contentType: 'application/json',
  text: MSG(seconds),
});

describe('retryDelay', () => {
  const now = 1_700_000_000_000;
  it('waits until X-RateLimit-Reset (epoch milliseconds)', () => {
    expect(retryDelay(res429({ 'x-ratelimit-reset': String(now + 41_250) }), now)).toBe(41_250);
  });
  it('falls back to the seconds in the message without the header', () => {
    expect(retryDelay(res429({}, 5), now)).toBe(5_000);
  });
  it('trusts the message over a header from a clock far off ours', () => {
    expect(retryDelay(res429({ 'x-ratelimit-reset': String(now - 3_600_000) }, 7), now)).toBe(7_000);
    expect(retryDelay(res429({ 'x-ratelimit-reset': String(now + 3_600_000) }, 7), now)).toBe(7_000);
  });
  it('waits a second when the server says nothing usable', () => {
    expect(retryDelay({ status: 429, headers: {}, contentType: 'text/html', text: '<html>' }, now)).toBe(1_000);
  });
});

describe('RateGate', () => {
  it('pauses new requests when the window is used up, and reports the wait once', async () => {
    let t = 1_000_000;
    const waits: number[] = [];
    const gate = new RateGate({ maxWaitMs: 5_000, onWait: (ms) => waits.push(ms), now: () => t });
    const ok = (remaining: number): HttpResponse => ({
      status: 200,
      headers: { 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(1_000_040) },
      contentType: 'application/json',
      text: '{}',
    });
    await gate.acquire();
    gate.settle(ok(0));
    let passed = 0;
    const a = gate.acquire().then(() => passed++);
    const b = gate.acquire().then(() => passed++);
    await new Promise((r) => setTimeout(r, 10));
    expect(passed).toBe(0);
    expect(waits).toEqual([40]);
    t = 1_000_041;
    await Promise.all([a, b]);
    expect(passed).toBe(2);
    gate.close();
  });

  it('does not wait longer than maxWaitMs', async () => {
    const gate = new RateGate({ maxWaitMs: 1_000, now: () => 0 });
    gate.pauseUntil(60_000);
    await gate.acquire(); // returns at once: the request goes out and meets the server's 429
    expect(gate.withinMaxWait(60_000)).toBe(false);
  });

  it('close() wakes every sleeper, so a failed batch does not hang on a long wait', async () => {
    const gate = new RateGate({ maxWaitMs: 60_000 });
    gate.pauseUntil(Date.now() + 30_000);
    const waiting = gate.acquire();
    gate.close();
    await waiting;
  });
});

describe('client and a rate-limiting server', () => {
  it('waits out 429s and the used-up window: every request succeeds, waits reported', async () => {
    const server = await startServer({ rateLimit: { calls: 3, windowMs: 150 } });
    const waits: number[] = [];
    const { userId, token } = server.createPersonalAccessToken('jane.doe');
    const client = new RocketChatClient({
      server: server.url,
      auth: { userId, token },
      timeoutMs: 5_000,
      userAgent: 'test',
      connections: 4,
      rateLimit: { maxWaitMs: 5_000, onWait: (ms) => waits.push(ms) },
    });
    try {
      const names = Array.from({ length: 10 }, (_, i) => ['jane.doe', 'roxie', 'admin'][i % 3]!);
      const users = await Promise.all(names.map((n) => client.userInfo({ kind: 'username', value: n })));
      expect(users.map((u) => u.user.username)).toEqual(names);
      expect(waits.length).toBeGreaterThanOrEqual(3);
      expect(waits.every((ms) => ms > 0 && ms <= 150)).toBe(true);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('gives the 429 back when the wait is longer than maxWaitMs', async () => {
    const server = await startServer({ rateLimit: { calls: 1, windowMs: 60_000 } });
    const { userId, token } = server.createPersonalAccessToken('jane.doe');
    const client = new RocketChatClient({
      server: server.url,
      auth: { userId, token },
      timeoutMs: 5_000,
      userAgent: 'test',
      rateLimit: { maxWaitMs: 1_000 },
    });
    try {
      await client.userInfo({ kind: 'username', value: 'roxie' });
      await expect(client.userInfo({ kind: 'username', value: 'roxie' })).rejects.toMatchObject({
        status: 429,
        exitCode: 1,
        serverMessage: expect.stringMatching(/You must wait \d+ seconds/),
      });
    } finally {
      await client.close();
      await server.close();
    }
  });
});
