/**
 * Catalog: secrets. The token and the password never show up in human output, error messages,
 * --verbose logs, or the command line; a hostile server echoing them back does not change that.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactPath } from '../../src/api/http.js';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { readBody } from '../fake-server/http.js';
import { runCli } from '../helpers/cli.js';
import { expectClean, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function configDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-secrets-'));
  dirs.push(d);
  return d;
}

const VERBOSE_LINE = /^rcuser: (GET|POST) \/api\/\S* (\d{3}|failed) \d+ms$/;

describe('catalog: secrets', () => {
  it('S1 --verbose logs one line per request: method, path, status, time, and no token', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const r = await runCli(['--verbose', 'info', 'test.john', '--rooms'], { env: credentials(s, admin) });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(VERBOSE_LINE);
    expect(lines[0]).toMatch(/^rcuser: GET \/api\/info 200 /);
    expect(lines[1]).toMatch(/^rcuser: GET \/api\/v1\/users\.info\?username=test\.john&includeUserRooms=true 200 /);
  });

  it('S2 --verbose logs a failed request too, and the error still names no secret', async () => {
    const s = await startServer();
    const r = await runCli(['--verbose', 'info', 'test.john'], {
      env: credentials(s, { userId: 'nobody', token: 'wrong-token-S2-abcdef' }),
    });
    expectClean(r, ['wrong-token-S2-abcdef']);
    expect(r.code).toBe(4);
    expect(r.stderr.split('\n')[0]).toMatch(/^rcuser: GET \/api\/v1\/users\.info\?username=test\.john 401 \d+ms$/);
  });

  it('S3 a query parameter that looks secret is masked in the log', () => {
    expect(redactPath('/api/v1/x?username=a&token=abc&resume=def')).toBe('/api/v1/x?username=a&token=***&resume=***');
    expect(redactPath('/api/v1/users.info?username=test.john')).toBe('/api/v1/users.info?username=test.john');
  });

  it('S4 a server that echoes the token in an error body does not get it printed', async () => {
    const s = await startServer({
      route: (req, res) => {
        if (!req.url?.startsWith('/api/v1/users.info')) return false;
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ success: false, error: `bad token ${String(req.headers['x-auth-token'])}` }));
        return true;
      },
    });
    const admin = s.login('admin');
    const env = credentials(s, admin);
    const r = await runCli(['info', 'test.john'], { env });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad token ***');
    const batch = await runCli(['info', 'test.john', 'roxie', '--json'], { env });
    expectClean(batch, [admin.authToken]);
    expect(batch.stdout).toContain('bad token ***');
  });

  it('S5 login with --password-stdin and --verbose: neither password nor token is printed', async () => {
    const s = await startServer();
    const dir = configDir();
    const r = await runCli(['--verbose', 'login', s.url, '-u', 'test.john', '--password-stdin'], {
      env: { RCUSER_CONFIG_DIR: dir },
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
    });
    expect(r.code).toBe(0);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8')) as {
      profiles: Record<string, { token: string }>;
    };
    const token = Object.values(stored.profiles)[0]!.token;
    expect(token.length).toBeGreaterThan(8);
    expectClean(r, [SEED_PASSWORDS['test.john']!, token]);
    const login = s.requests.find((q) => q.path === '/api/v1/login');
    expect(login?.body).toContain(SEED_PASSWORDS['test.john']);
    // Later commands with the stored profile do not show it either.
    const who = await runCli(['--verbose', 'info', 'test.john'], { env: { RCUSER_CONFIG_DIR: dir } });
    expect(who.code).toBe(0);
    expectClean(who, [token, SEED_PASSWORDS['test.john']!]);
  });

  it('S6 a wrong password is refused without echoing it, even when the server does', async () => {
    const s = await startServer({
      route: (req, res) => {
        if (req.url !== '/api/v1/login') return false;
        void readBody(req).then((body) =>
          res
            .writeHead(401, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ status: 'error', error: 'Unauthorized', message: `rejected ${body}` })),
        );
        return true;
      },
    });
    const dir = configDir();
    const r = await runCli(['login', s.url, '-u', 'test.john', '--password-stdin'], {
      env: { RCUSER_CONFIG_DIR: dir },
      stdin: 'Sup3r-Secret-pw\n',
    });
    expect(r.code).toBe(4);
    expectClean(r, ['Sup3r-Secret-pw']);
  });

  it('S7 no option takes a password or token on the command line', async () => {
    const help = (
      await Promise.all(['login', 'logout', 'whoami', 'profiles', 'use', 'info'].map((c) => runCli([c, '--help'])))
    )
      .map((r) => r.stdout)
      .join('\n');
    expect(help).not.toMatch(/--(password|token|secret)[\w-]* </);
    const r = await runCli(['login', 'https://127.0.0.1:1', '-u', 'x', '--password', 'hunter2-S7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--password'");
    expectClean(r, ['hunter2-S7']);
  });

  it('S8 a rejected token (401) names the server, not the token', async () => {
    const s = await startServer();
    const r = await runCli(['info', 'test.john'], {
      env: credentials(s, { userId: 'u', token: 'revoked-token-S8-xyz' }),
    });
    expectClean(r, ['revoked-token-S8-xyz']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(s.url);
  });
});
