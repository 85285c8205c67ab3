/**
 * Catalog, second round: hostile values from the server, the flags and the environment. Every
 * message escapes what a server wrote, every flag out of range is a usage error (exit 2), and no
 * URL's user name or password is ever echoed.
 */
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { startRecordingProxy } from '../helpers/proxy.js';
import { runCli } from '../helpers/cli.js';
import { answer, expectClean, faulty, startServer } from './servers.js';
import { credentials } from '../helpers/harness.js';

// Sets the window title, clears the screen, and reverses what follows (bidi override).
const EVIL = '\u001b]0;pwned\u0007\u001b[2J\u202eevil';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('catalog: server text in messages', () => {
  it('V1 a 500 whose `error` carries ESC sequences and a bidi override: escaped in the message', async () => {
    const s = await faulty(
      answer(500, { 'Content-Type': 'application/json' }, JSON.stringify({ success: false, error: EVIL })),
    );
    const admin = s.login('admin');
    const r = await runCli(['info', 'test.john'], { env: credentials(s, admin) });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('HTTP 500: \\x1b]0;pwned\\x07\\x1b[2J\\u202eevil');
  });

  it('V2 a 401 with the same text: escaped, still exit 4', async () => {
    const s = await faulty(
      answer(401, { 'Content-Type': 'application/json' }, JSON.stringify({ status: 'error', message: EVIL })),
    );
    const admin = s.login('admin');
    const r = await runCli(['info', 'test.john'], { env: credentials(s, admin) });
    expect(r.code).toBe(4);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('\\x1b]0;pwned');
  });

  it('V3 login refused with that text in `error` and `message`: escaped', async () => {
    const s = await startServer({
      route: (req, res) => {
        if (req.url !== '/api/v1/login') return false;
        res
          .writeHead(401, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ status: 'error', error: EVIL, message: EVIL }));
        return true;
      },
    });
    const r = await runCli(['login', s.url, '-u', 'test.john', '--password-stdin'], {
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
    });
    expectClean(r, [SEED_PASSWORDS['test.john']!]);
    expect(r.code).toBe(4);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('\\x1b]0;pwned');
  });
});

describe('catalog: flags out of range', () => {
  for (const n of ['65', '10000000', '4294967296']) {
    it(`V4 --concurrency ${n} is a usage error (at most 64)`, async () => {
      const r = await runCli(['info', 'a', 'b', '--concurrency', n], {
        env: credentials('https://chat.example.com', { userId: 'u', token: 't' }),
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--concurrency takes a whole number from 1 to 64, not "${n}"`);
      expectClean(r);
    });
  }

  it('V5 --timeout below a millisecond is a usage error; a fraction of a millisecond above it works', async () => {
    const r = await runCli(['--timeout', '1e-9', 'info', 'test.john'], {
      env: credentials('https://chat.example.com', { userId: 'u', token: 't' }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timeout takes at least 0.001, not "1e-9"');
    expect(r.stderr).not.toContain('headersTimeout');
    const s = await startServer();
    const admin = s.login('admin');
    const ok = await runCli(['--timeout', '30.0005', 'info', 'test.john', '--json'], { env: credentials(s, admin) });
    expect(ok.code).toBe(0);
  });
});

describe('catalog: user names and passwords in URLs', () => {
  const cases: Array<[string, string[], Record<string, string>]> = [
    ['--server', ['--server', 'https://bob:hunter2pw@[bad', 'info', 'x'], {}],
    ['RCUSER_SERVER', ['info', 'x'], credentials('https://bob:hunter2pw@[bad', { userId: 'u', token: 't' })],
    ['another scheme', ['info', 'x'], credentials('ftp://bob:hunter2pw@chat.example.com', { userId: 'u', token: 't' })],
    ['no scheme', ['info', 'x'], credentials('bob:hunter2pw@[bad', { userId: 'u', token: 't' })],
    ['login', ['login', 'https://bob:hunter2pw@[bad', '-u', 'x', '--password-stdin'], {}],
  ];
  for (const [name, args, env] of cases) {
    it(`V6 a password in the server URL (${name}) is never echoed`, async () => {
      const r = await runCli(args, { env, stdin: 'pw\n' });
      expect(r.code).toBe(2);
      expectClean(r, ['hunter2pw', 'bob:']);
      expect(r.stderr).toContain('***@');
    });
  }
});

describe('catalog: proxy variables as curl reads them', () => {
  it('V7 HTTP_PROXY without a scheme (127.0.0.1:port) is used as http://', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const p = await startRecordingProxy();
    try {
      const hostPort = p.url.replace(/^http:\/\//, '');
      const r = await runCli(['info', 'test.john', '--json'], { env: credentials(s, admin, { HTTP_PROXY: hostPort }) });
      expectClean(r, [admin.authToken]);
      expect(r.code).toBe(0);
      expect(p.records.map((x) => x.method)).toEqual(['GET']);
    } finally {
      await p.close();
    }
  });

  it('V8 HTTPS_PROXY without a scheme, with NO_PROXY covering the server, is no error', async () => {
    const s = await startServer();
    const admin = s.login('admin');
    const r = await runCli(['info', 'test.john', '--json'], {
      env: credentials(s, admin, {
        HTTP_PROXY: '127.0.0.1:3128',
        HTTPS_PROXY: '127.0.0.1:3128',
        NO_PROXY: '127.0.0.1',
      }),
    });
    expectClean(r, [admin.authToken]);
    expect(r.code).toBe(0);
  });

  it('V9 a proxy variable that is no URL at all is a usage error naming it, not its password', async () => {
    const r = await runCli(['info', 'test.john'], {
      env: credentials(
        'https://chat.example.com',
        { userId: 'u', token: 't' },
        { HTTPS_PROXY: 'http://puser:proxy-pw-V9@[::bad' },
      ),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HTTPS_PROXY is not a valid proxy URL');
    expectClean(r, ['proxy-pw-V9']);
  });
});
