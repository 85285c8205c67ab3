import { describe, expect, it } from 'vitest';
import { RocketChatClient } from '../../src/api/client.js';
import { routeKey, RouteGates } from '../../src/api/ratelimit.js';
import { startServer } from '../helpers/harness.js';

describe('rate limits per route (the server keys its limiter on route + method)', () => {
  it('routeKey: method and path, never the query', () => {
    expect(routeKey('get', '/api/v1/users.info?username=a')).toBe('GET /api/v1/users.info');
    expect(routeKey('GET', '/api/v1/users.info?username=b')).toBe(routeKey('GET', '/api/v1/users.info'));
    expect(routeKey('POST', '/api/v1/logout')).not.toBe(routeKey('GET', '/api/v1/logout'));
  });

  it('RouteGates: one gate per route; close() closes the ones made later too', () => {
    const gates = new RouteGates({ maxWaitMs: 1_000 });
    expect(gates.for('GET', '/api/v1/users.info?username=a')).toBe(gates.for('GET', '/api/v1/users.info?userId=b'));
    expect(gates.for('GET', '/api/v1/me')).not.toBe(gates.for('GET', '/api/v1/users.info'));
    gates.close();
    expect(gates.for('GET', '/api/v1/other').isClosed).toBe(true);
  });

  it('a used-up window on users.info never stalls another endpoint', async () => {
    const server = await startServer({ rateLimit: { calls: 2, windowMs: 60_000 } });
    const { userId, authToken: token } = server.login('roxie'); // not exempt (admins, bots and apps are)
    const waits: number[] = [];
    const client = new RocketChatClient({
      server: server.url,
      auth: { userId, token },
      timeoutMs: 5_000,
      userAgent: 'test',
      rateLimit: { maxWaitMs: 120_000, onWait: (ms) => waits.push(ms) },
    });
    try {
      await client.userInfo({ kind: 'username', value: 'jane.doe' });
      await client.userInfo({ kind: 'username', value: 'roxie' }); // X-RateLimit-Remaining: 0 now
      const started = Date.now();
      expect((await client.me()).username).toBe('roxie');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(waits).toEqual([]);
      // The users.info gate itself is shut for the rest of the minute: a third lookup would wait.
      // Handled at once: closing the client below makes it fail, and that is expected.
      const third = client.userInfo({ kind: 'username', value: 'admin' }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThan(50_000);
      await client.close(); // wakes the sleeper; the lookup then meets the server's 429
      await third;
    } finally {
      await client.close();
      await server.close();
    }
  });
});
