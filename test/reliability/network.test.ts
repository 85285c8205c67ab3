/**
 * Catalog: broken responses and networks. Each case spawns the built CLI against a loopback server
 * that misbehaves one way, and expects exit 1 with one sentence naming the server, no stack trace,
 * and the token nowhere in the output.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  answer,
  closeMidBody,
  expectClean,
  expectOneSentence,
  faulty,
  refusedPort,
  resetFirst,
  startServer,
  silent,
  trickle,
  type Route,
} from './servers.js';
import { credentials } from '../helpers/harness.js';

async function infoAgainst(route: Route, extraArgs: string[] = [], env: Record<string, string> = {}) {
  const s = await faulty(route);
  const admin = s.login('admin');
  const r = await runCli(['info', 'test.john', ...extraArgs], { env: credentials(s, admin, { ...env }) });
  expectClean(r, [admin.authToken]);
  return { r, s, admin };
}

describe('catalog: broken responses', () => {
  it('N1 an HTML error page (proxy 502) is reported as not Rocket.Chat', async () => {
    const { r, s } = await infoAgainst(
      answer(502, { 'Content-Type': 'text/html' }, '<html><body><h1>502 Bad Gateway</h1></body></html>'),
    );
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('HTTP 502 with text/html');
  });

  it('N2 a 200 HTML page (wrong base URL) is reported as not Rocket.Chat', async () => {
    const { r, s } = await infoAgainst(
      answer(200, { 'Content-Type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><html></html>'),
    );
    expectOneSentence(r, s.url);
    expect(r.stderr).toMatch(
      /did not answer GET \/api\/v1\/users\.info like Rocket\.Chat's API: HTTP 200 with text\/html/,
    );
  });

  it('N3 an empty 200 body', async () => {
    const { r, s } = await infoAgainst(answer(200, { 'Content-Type': 'application/json', 'Content-Length': 0 }, ''));
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('HTTP 200 with an empty body');
  });

  it('N4 truncated JSON (complete HTTP message, broken document)', async () => {
    const { r, s } = await infoAgainst(
      answer(200, { 'Content-Type': 'application/json' }, '{"user":{"_id":"5fRTXMt7DMJbpPJfh","username":"test.jo'),
    );
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('malformed JSON');
  });

  it('N5 JSON that is not an object (an array) is not a user', async () => {
    const { r, s } = await infoAgainst(answer(200, { 'Content-Type': 'application/json' }, '[1,2,3]'));
    expectOneSentence(r, s.url);
  });

  it('N6 a 200 without a `user` member', async () => {
    const { r, s } = await infoAgainst(answer(200, { 'Content-Type': 'application/json' }, '{"success":true}'));
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('without a user object');
  });

  it('N7 `user` is a string, not an object', async () => {
    const { r, s } = await infoAgainst(
      answer(200, { 'Content-Type': 'application/json' }, '{"user":"test.john","success":true}'),
    );
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('without a user object');
  });

  it('N8 a 500 with a JSON error body gives the server message', async () => {
    const { r, s } = await infoAgainst(
      answer(500, { 'Content-Type': 'application/json' }, '{"success":false,"error":"Internal server error"}'),
    );
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('HTTP 500: Internal server error');
  });
});

describe('catalog: broken networks', () => {
  it('N9 the connection closes mid-body (retried once, then reported)', async () => {
    const { r, s } = await infoAgainst(closeMidBody);
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('was closed before the response was complete');
    expect(s.requests.filter((q) => q.path === '/api/v1/users.info')).toHaveLength(2);
  });

  it('N10 a server that never answers is cut off by --timeout', async () => {
    const { r, s } = await infoAgainst(silent, ['--timeout', '1']);
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain(`${s.url} did not answer within 1 s`);
    expect(r.stderr).toContain('--timeout');
  });

  it('N11 a slow trickle of body bytes is bounded by --timeout too', async () => {
    const { r, s } = await infoAgainst(trickle, ['--timeout', '1']);
    expectOneSentence(r, s.url);
    expect(r.stderr).toContain('did not answer within 1 s');
  });

  it('N12 connection refused', async () => {
    const url = `http://127.0.0.1:${await refusedPort()}`;
    const r = await runCli(['info', 'test.john'], {
      env: credentials(url, { userId: 'u1', token: 'secret-token-N12' }),
    });
    expectClean(r, ['secret-token-N12']);
    expectOneSentence(r, url);
    expect(r.stderr).toContain('connection refused');
  });

  it('N13 unknown host (.invalid never resolves)', async () => {
    // The resolver is stubbed in the child (test/helpers/no-dns.cjs): no DNS query leaves the machine.
    const noDns = fileURLToPath(new URL('../helpers/no-dns.cjs', import.meta.url));
    const r = await runCli(['info', 'test.john'], {
      env: credentials(
        'rcuser-test.invalid',
        { userId: 'u1', token: 'secret-token-N13' },
        { NODE_OPTIONS: `--require ${noDns}` },
      ),
    });
    expectClean(r, ['secret-token-N13']);
    expectOneSentence(r, 'https://rcuser-test.invalid');
    expect(r.stderr).toContain('unknown host rcuser-test.invalid');
  });

  it('N14 a reset connection is retried once for an idempotent GET, and succeeds', async () => {
    const reset = resetFirst(1);
    const { r, s } = await infoAgainst(reset, ['--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).username).toBe('test.john');
    expect(reset.resets()).toBe(1);
    expect(s.requests.filter((q) => q.path === '/api/v1/users.info')).toHaveLength(2);
  });

  it('N15 a connection reset twice is retried only once, then reported', async () => {
    const { r, s } = await infoAgainst(resetFirst(5));
    expectOneSentence(r, s.url);
    expect(s.requests.filter((q) => q.path === '/api/v1/users.info')).toHaveLength(2);
  });

  it('N16 RCUSER_DEBUG=1 adds the cause (a stack) for a bug report', async () => {
    const url = `http://127.0.0.1:${await refusedPort()}`;
    const r = await runCli(['info', 'test.john'], {
      env: credentials(url, { userId: 'u1', token: 'tok-N16' }, { RCUSER_DEBUG: '1' }),
    });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toContain('connection refused');
    expect(r.stderr).toMatch(/\n\s*at /);
    expect(r.stderr).not.toContain('tok-N16');
  });

  it('N17 a batch keeps going when one lookup meets a broken response', async () => {
    let n = 0;
    const s = await startServer({
      route: (req, res) => {
        if (!req.url?.startsWith('/api/v1/users.info') || !req.url.includes('username=roxie') || n++ > 0) return false;
        res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>bad gateway</h1>');
        return true;
      },
    });
    const admin = s.login('admin');
    const r = await runCli(['info', 'test.john', 'roxie', '--json'], { env: credentials(s, admin) });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].user.username).toBe('test.john');
    expect(lines[1]).toMatchObject({ query: 'roxie', status: 502 });
  });
});
