import { describe, expect, it } from 'vitest';
import type { FakeServer } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { credentials, startServer } from '../helpers/harness.js';

let server: FakeServer;

const lines = (out: string) =>
  out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { query: string; user?: { username: string }; error?: string; status?: number });

describe('rcuser info - --json (batch)', () => {
  it('10,000 identifiers give 10,000 lines in input order; missing users make exit 3', async () => {
    server = await startServer();
    for (let i = 0; i < 9_990; i++)
      server.addUser({ _id: `bulk${i}`, username: `bulk.${i}`, name: `Bulk ${i}`, type: 'user', active: true });
    const queries = Array.from({ length: 10_000 }, (_, i) => (i % 1000 === 999 ? `missing.${i}` : `bulk.${i % 9_990}`));
    const r = await runCli(['info', '-', '--json'], {
      env: credentials(server, 'admin', {}, 'personal'),
      stdin: `${queries.join('\n')}\n`,
      timeoutMs: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const out = lines(r.stdout);
    expect(out.map((l) => l.query)).toEqual(queries);
    out.forEach((l, i) => {
      if (queries[i]!.startsWith('missing.'))
        expect(l).toEqual({ query: queries[i], error: 'User not found.', status: 400 });
      else expect(l.user?.username).toBe(queries[i]);
    });
  }, 90_000);

  it('reads id:, import:, email: prefixes and skips blank lines and # comments', async () => {
    server = await startServer();
    const stdin = [
      '# team leads',
      '',
      'jane.doe',
      '  id:5fRTXMt7DMJbpPJfh  ',
      'import:slack-U012AB3CD',
      'email:roxie@example.com',
      '@admin',
      '\t',
      '# done',
      '',
    ].join('\n');
    const r = await runCli(['info', '-', '--json'], { env: credentials(server, 'admin', {}, 'personal'), stdin });
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => [l.query, l.user?.username])).toEqual([
      ['jane.doe', 'jane.doe'],
      ['id:5fRTXMt7DMJbpPJfh', 'test.john'],
      ['import:slack-U012AB3CD', 'jane.doe'],
      ['email:roxie@example.com', 'roxie'],
      ['@admin', 'admin'],
    ]);
  });

  it("prints the server's user object untouched inside each line", async () => {
    server = await startServer();
    const env = credentials(server, 'admin', {}, 'personal');
    const single = await runCli(['info', 'jane.doe', '--json'], { env });
    const batch = await runCli(['info', 'jane.doe', 'roxie', '--json'], { env });
    const first = batch.stdout.split('\n')[0]!;
    expect(first).toBe(`{"query":"jane.doe","user":${JSON.stringify(JSON.parse(single.stdout))}}`);
  });

  it('a server that rate-limits every 10 requests still yields every user, with the waits on stderr', async () => {
    server = await startServer({ rateLimit: { calls: 10, windowMs: 250 } });
    const names = Array.from(
      { length: 45 },
      (_, i) => ['jane.doe', 'roxie', 'test.john', 'admin', 'old.timer'][i % 5]!,
    );
    // jane.doe is a plain user: admins and bots bypass the limiter.
    const r = await runCli(['info', '-', '--json', '--concurrency', '8'], {
      env: credentials(server, 'jane.doe', {}, 'personal'),
      stdin: names.join('\n'),
    });
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => l.user?.username)).toEqual(names);
    const waits = r.stderr.split('\n').filter(Boolean);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    for (const w of waits)
      expect(w).toMatch(/^rcuser: http:\/\/127\.0\.0\.1:\d+ is rate limiting requests; waiting \d+\.\d s$/);
  });

  it('a single lookup waits for the window too', async () => {
    server = await startServer({ rateLimit: { calls: 1, windowMs: 1_500 } });
    const env = credentials(server, 'jane.doe', {}, 'personal');
    // Use up the window from here (same client IP, same route), then run rcuser inside it.
    const used = await fetch(`${server.url}/api/v1/users.info?username=admin`, {
      headers: { 'x-user-id': env.RCUSER_USER_ID!, 'x-auth-token': env.RCUSER_TOKEN! },
    });
    expect(used.headers.get('x-ratelimit-remaining')).toBe('0');
    const r = await runCli(['info', 'roxie', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).username).toBe('roxie');
    expect(r.stderr).toMatch(/is rate limiting requests; waiting \d+\.\d s\n$/);
  });

  it('past --max-wait a line fails with the server message and status 429; a failure beats not-found (exit 1)', async () => {
    server = await startServer({ rateLimit: { calls: 2, windowMs: 60_000 } });
    const r = await runCli(['info', 'jane.doe', 'nobody', 'roxie', '--json', '--max-wait', '1', '--concurrency', '1'], {
      env: credentials(server, 'jane.doe', {}, 'personal'),
    });
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out.slice(0, 2)).toEqual([
      expect.objectContaining({ query: 'jane.doe', user: expect.objectContaining({ username: 'jane.doe' }) }),
      { query: 'nobody', error: 'User not found.', status: 400 },
    ]);
    expect(out[2]).toEqual({
      query: 'roxie',
      error: expect.stringMatching(/^Error, too many requests\. .*You must wait \d+ seconds/),
      status: 429,
    });
  });

  it('a 401 in the middle stops the batch with exit 4; lines already printed stay', async () => {
    let served = 0;
    server = await startServer({
      route: (req, res) => {
        if (!req.url?.startsWith('/api/v1/users.info') || ++served <= 20) return false;
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            success: false,
            error: 'You must be logged in to do this.',
            status: 'error',
            message: 'You must be logged in to do this.',
          }),
        );
        return true;
      },
    });
    const names = Array.from({ length: 500 }, (_, i) => ['jane.doe', 'roxie'][i % 2]!);
    const r = await runCli(['info', '-', '--json'], {
      env: credentials(server, 'admin', {}, 'personal'),
      stdin: names.join('\n'),
    });
    expect(r.code).toBe(4);
    const out = lines(r.stdout);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out.map((l) => l.query)).toEqual(names.slice(0, out.length));
    expect(r.stderr).toMatch(/rejected the credentials/);
    expect(r.stderr).toMatch(/RCUSER_TOKEN/);
    // It stopped: nowhere near all 500 were asked for.
    expect(served).toBeLessThan(40);
  });

  it('without --json prints one summary table', async () => {
    server = await startServer();
    const r = await runCli(['info', 'jane.doe', 'nobody', '@roxie'], {
      env: credentials(server, 'admin', {}, 'personal'),
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(
      [
        '┌──────────┬───────────┬──────────┬─────────┬──────┬───────┬───────────────────┐',
        '│ Query    │ Username  │ Name     │ Status  │ Type │ Roles │ ID                │',
        '├──────────┼───────────┼──────────┼─────────┼──────┼───────┼───────────────────┤',
        '│ jane.doe │ jane.doe  │ Jane Doe │ offline │ user │ user  │ jN4e7DpQx9Hm2RtKw │',
        '│ nobody   │ not found │          │         │      │       │                   │',
        '│ @roxie   │ roxie     │ Roxie    │ away    │ user │ user  │ rbAXPnMktTFbNpwtJ │',
        '└──────────┴───────────┴──────────┴─────────┴──────┴───────┴───────────────────┘',
        '3 looked up: 2 found, 1 not found',
        '',
      ].join('\n'),
    );
  });

  it('--rooms adds a room count, with a notice for users whose rooms the server left out', async () => {
    server = await startServer();
    // jane.doe may list her own rooms, not test.john's (no view-other-user-channels).
    const r = await runCli(['info', 'jane.doe', 'test.john', '--rooms'], {
      env: credentials(server, 'jane.doe', {}, 'personal'),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '┌───────────┬───────────┬───────────┬─────────┬──────┬───────┬───────┬───────────────────┐',
        '│ Query     │ Username  │ Name      │ Status  │ Type │ Roles │ Rooms │ ID                │',
        '├───────────┼───────────┼───────────┼─────────┼──────┼───────┼───────┼───────────────────┤',
        '│ jane.doe  │ jane.doe  │ Jane Doe  │ offline │ user │ user  │     3 │ jN4e7DpQx9Hm2RtKw │',
        '│ test.john │ test.john │ Test John │ offline │ user │       │     – │ 5fRTXMt7DMJbpPJfh │',
        '└───────────┴───────────┴───────────┴─────────┴──────┴───────┴───────┴───────────────────┘',
        '2 looked up: 2 found',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(
      "rcuser: the server left the rooms out for 1 of 2 users: listing another user's rooms needs the `view-other-user-channels` permission (admins have it by default)\n",
    );
  });

  it('empty stdin looks nobody up, says so, and exits 0', async () => {
    server = await startServer();
    const r = await runCli(['info', '-', '--json'], {
      env: credentials(server, 'admin', {}, 'personal'),
      stdin: '# only a comment\n\n',
    });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'rcuser: no identifiers on stdin: nothing to look up\n' });
  });
});
