/**
 * Issue 9, item 3: a server or proxy that redirects (Force_SSL: 302 to https, empty body) is caught
 * before any password or token goes anywhere; a server under a subpath is reached with --server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redirectError } from '../../src/api/redirect.js';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { credentials, startServer } from '../helpers/harness.js';

let dir: string;
const start = startServer;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-redirect-'));
});
afterEach(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a server that redirects everything to https', () => {
  it('login stops after GET /api/info: no password is sent, the https URL is named (exit 1)', async () => {
    const s = await start({ redirectToHttps: true });
    const https = s.url.replace('http:', 'https:');
    const r = await runCli(['login', s.url, '--allow-http', '-u', 'test.john', '--password-stdin'], {
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
      env: { RCUSER_CONFIG_DIR: dir },
    });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `rcuser: ${s.url} redirects to ${https}; use that URL: rcuser login ${https}\n  no password was sent\n`,
    });
    expect(s.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['GET /api/info']);
    expect(fs.existsSync(path.join(dir, 'profiles.json'))).toBe(false);
  });

  it('info: one sentence naming the redirect, exit 1, one request and no retry at the new URL', async () => {
    const s = await start({ redirectToHttps: true });
    const https = s.url.replace('http:', 'https:');
    const r = await runCli(['info', 'test.john'], {
      env: credentials(s, { userId: 'u1', token: 'secret-token-0123456789' }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `rcuser: ${s.url} redirects to ${https} (HTTP 302); rcuser does not follow redirects, so no credentials go to a URL you did not give\n` +
        `  if that is your server, use that URL: --server ${https} (or \`rcuser login ${https}\`)\n`,
    );
    expect(s.requests).toHaveLength(1);
  });

  it('a batch stops at the first redirect instead of printing it for every line', async () => {
    const s = await start({ redirectToHttps: true });
    const r = await runCli(['info', 'a', 'b', 'c', '--json'], {
      env: credentials(s, { userId: 'u1', token: 'secret-token-0123456789' }),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('redirects to https://');
  });

  it('whoami too', async () => {
    const s = await start({ redirectToHttps: true });
    const r = await runCli(['whoami'], { env: credentials(s, { userId: 'u1', token: 'secret-token-0123456789' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${s.url} redirects to https://`);
    expect(r.stderr).not.toContain('secret-token');
  });
});

describe('redirectError', () => {
  const res = (status: number, location?: string) => ({
    status,
    headers: location === undefined ? {} : { location },
    contentType: '',
    text: '',
  });

  it('names the new base when the Location is the same API path under it', () => {
    const e = redirectError(
      res(301, 'https://chat.example.com/chat/api/v1/users.info?username=x'),
      'http://chat.example.com/chat',
      'GET',
      '/api/v1/users.info?username=x',
    );
    expect(e.newServer).toBe('https://chat.example.com/chat');
    expect(e.exitCode).toBe(1);
  });

  it('names the Location itself when it points somewhere else (a login page), with control characters escaped', () => {
    const e = redirectError(res(302, '/sso/login?next=\u001b[2J'), 'https://chat.example.com', 'GET', '/api/v1/me');
    expect(e.newServer).toBeUndefined();
    expect(e.message).toBe(
      'https://chat.example.com redirects to https://chat.example.com/sso/login?next=%1B[2J (HTTP 302); rcuser does not follow redirects, so no credentials go to a URL you did not give',
    );
    expect(e.hint).toBe('check the server URL');
  });

  it('a 3xx without a Location says so', () => {
    expect(redirectError(res(307), 'https://chat.example.com', 'GET', '/api/info').message).toBe(
      'https://chat.example.com answered GET /api/info with HTTP 307 (a redirect) but named no target',
    );
  });
});

describe('a server under a subpath (ROOT_URL https://host/chat)', () => {
  it('login, info and whoami work with the /chat URL; every request goes under /chat/api', async () => {
    const s = await start({ basePath: '/chat' });
    expect(s.url.endsWith('/chat')).toBe(true);
    const login = await runCli(['login', s.url, '-u', 'test.john', '--password-stdin'], {
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
      env: { RCUSER_CONFIG_DIR: dir },
    });
    expect(login.code).toBe(0);
    const info = await runCli(['--server', s.url, 'info', 'roxie', '--json'], { env: { RCUSER_CONFIG_DIR: dir } });
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).username).toBe('roxie');
    expect((await runCli(['whoami'], { env: { RCUSER_CONFIG_DIR: dir } })).code).toBe(0);
    expect(s.requests.every((q) => q.path.startsWith('/chat/api/'))).toBe(true);
  });

  it('the host without /chat is not the server: login says so before asking for a password', async () => {
    const s = await start({ basePath: '/chat' });
    const root = s.url.replace(/\/chat$/, '');
    const r = await runCli(['login', root, '-u', 'test.john', '--password-stdin'], {
      stdin: 'x\n',
      env: { RCUSER_CONFIG_DIR: dir },
    });
    expect(r.code).toBe(1);
    expect(s.requests.some((q) => q.path.endsWith('/login'))).toBe(false);
  });
});
