import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfStore } from '../../src/store/conf-store.js';
import { SEED_IDS, SEED_PASSWORDS } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { credentials, useServer } from '../helpers/harness.js';

/**
 * The main flows end to end against every server generation rcuser supports: each mode is where
 * Rocket.Chat changed something a client can see.
 */
interface Mode {
  label: string;
  version: string;
  /** How users.info is asked for rooms: `fields` before 7.0, `includeUserRooms` since. */
  roomsQuery: string;
  /** users.info?email= exists from 8.4. */
  email: boolean;
  /** 7.4+: POST /logout answers 200 with an empty body. */
  emptyLogout: boolean;
  /** 9.0: every login failure is `{"success":false,"error":"unauthorized"}`. */
  collapsedLoginErrors: boolean;
}

const ROOMS_FIELDS = `fields=${encodeURIComponent('{"userRooms":1}')}`;

const MODES: Mode[] = [
  {
    label: '6.x',
    version: '6.6.3',
    roomsQuery: ROOMS_FIELDS,
    email: false,
    emptyLogout: false,
    collapsedLoginErrors: false,
  },
  {
    label: '7.0–7.3',
    version: '7.3.1',
    roomsQuery: 'includeUserRooms=true',
    email: false,
    emptyLogout: false,
    collapsedLoginErrors: false,
  },
  {
    label: '7.4+',
    version: '7.4.0',
    roomsQuery: 'includeUserRooms=true',
    email: false,
    emptyLogout: true,
    collapsedLoginErrors: false,
  },
  {
    label: '8.0–8.3',
    version: '8.3.2',
    roomsQuery: 'includeUserRooms=true',
    email: false,
    emptyLogout: true,
    collapsedLoginErrors: false,
  },
  {
    label: '8.4+',
    version: '8.4.0',
    roomsQuery: 'includeUserRooms=true',
    email: true,
    emptyLogout: true,
    collapsedLoginErrors: false,
  },
  {
    label: '9.0',
    version: '9.0.0',
    roomsQuery: 'includeUserRooms=true',
    email: true,
    emptyLogout: true,
    collapsedLoginErrors: true,
  },
];

describe.each(MODES)('Rocket.Chat $label ($version)', (mode) => {
  const server = useServer({ version: mode.version });
  let configDir: string;
  let env: Record<string, string>;
  let profileName: string;

  beforeAll(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-versions-'));
    env = { RCUSER_CONFIG_DIR: configDir };
    profileName = new URL(server.url).host;
  });
  afterAll(async () => {
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  });

  const requestsSince = (n: number) =>
    server.requests.slice(n).map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`);
  const storedToken = () => new ConfStore(configDir).get(profileName)?.token;

  // Guards the matrix itself: the test server must really answer in this version's shapes.
  it('runs a test server that answers like this version', async () => {
    const { userId, authToken } = server.login('roxie');
    const logout = await fetch(`${server.url}/api/v1/logout`, {
      method: 'POST',
      headers: { 'x-user-id': userId, 'x-auth-token': authToken },
    });
    expect(logout.status).toBe(200);
    expect(await logout.text()).toBe(
      mode.emptyLogout ? '' : JSON.stringify({ status: 'success', data: { message: "You've been logged out!" } }),
    );
    const denied = await fetch(`${server.url}/api/v1/users.info?username=roxie`, {
      headers: { 'x-user-id': userId, 'x-auth-token': authToken },
    });
    expect(denied.status).toBe(401);
    const keys = Object.keys((await denied.json()) as object);
    expect(keys).toEqual(
      mode.version.startsWith('6.')
        ? ['status', 'message']
        : mode.collapsedLoginErrors
          ? ['success', 'error']
          : ['success', 'error', 'status', 'message'],
    );
  });

  it('refuses a wrong password with exit 4', async () => {
    const r = await runCli(['login', server.url, '-u', 'test.john', '--password-stdin'], {
      env,
      stdin: 'not-the-password\n',
    });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      mode.collapsedLoginErrors
        ? /refused the login: wrong username or password, or a two-factor code is needed/
        : /^rcuser: wrong username or password\n/,
    );
    expect(storedToken()).toBeUndefined();
  });

  it('logs in with --password-stdin', async () => {
    const before = server.requests.length;
    const r = await runCli(['login', server.url, '-u', 'test.john', '--password-stdin'], {
      env,
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
    });
    expect(r.stderr).toBe(`Logged in to ${server.url} as test.john (profile "${profileName}", now active)\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(requestsSince(before)).toContain('POST /api/v1/login');
    expect(server.isTokenValid(storedToken()!)).toBe(true);
  });

  it('looks a user up', async () => {
    const r = await runCli(['info', 'test.john'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Test John \(@test\.john\) {2}● offline\n {2}ID +5fRTXMt7DMJbpPJfh\n/);
  });

  it("prints the server's JSON untouched with --json", async () => {
    const r = await runCli(['info', 'jane.doe', '--json'], { env });
    expect(r.code).toBe(0);
    const user = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(user).toMatchObject({ _id: SEED_IDS['jane.doe'], username: 'jane.doe', name: 'Jane Doe' });
    expect(r.stdout).toBe(`${JSON.stringify(user, null, 2)}\n`);
  });

  it('asks for rooms the way this version understands (info --rooms)', async () => {
    const before = server.requests.length;
    const r = await runCli(['info', 'jane.doe', '--rooms'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Jane Doe \(@jane\.doe\)/);
    expect(r.stdout).toMatch(/\nRooms \(3\)\n/);
    for (const room of ['general', 'design', 'test.john']) expect(r.stdout).toContain(` ${room} `);
    expect(requestsSince(before)).toContain(`GET /api/v1/users.info?username=jane.doe&${mode.roomsQuery}`);
  });

  if (mode.email) {
    it('looks a user up by e-mail', async () => {
      const before = server.requests.length;
      const r = await runCli(['info', '--email', 'jane.doe@example.com'], { env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Jane Doe \(@jane\.doe\)/);
      expect(requestsSince(before)).toContain('GET /api/v1/users.info?email=jane.doe%40example.com');
    });
  } else {
    it('says plainly that e-mail lookup needs 8.4, without asking users.info', async () => {
      const before = server.requests.length;
      const r = await runCli(['info', '--email', 'jane.doe@example.com'], { env });
      const short = mode.version.replace(/^(\d+\.\d+).*/, '$1');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `rcuser: looking users up by e-mail needs Rocket.Chat 8.4 or later; ${server.url} runs ${short}\n  look the user up by username or --user-id instead\n`,
      });
      expect(requestsSince(before).filter((q) => q.includes('users.info'))).toEqual([]);
    });
  }

  it("reads this version's 401 body (exit 4 with the server's message)", async () => {
    const r = await runCli(['info', 'test.john'], {
      env: credentials(server, { userId: SEED_IDS['test.john'], token: 'revoked-or-made-up' }),
    });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      `rcuser: ${server.url} rejected the credentials (HTTP 401: You must be logged in to do this.)`,
    );
  });

  it('logs out: the token is revoked on the server and forgotten here', async () => {
    const token = storedToken()!;
    const before = server.requests.length;
    const r = await runCli(['logout'], { env });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: `Logged out test.john on ${server.url}; profile "${profileName}" removed.\n`,
    });
    expect(requestsSince(before)).toEqual(['POST /api/v1/logout']);
    expect(server.isTokenValid(token)).toBe(false);
    expect(storedToken()).toBeUndefined();
  });

  it('then says plainly that nobody is logged in', async () => {
    const r = await runCli(['info', 'test.john'], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^rcuser: not logged in/);
  });

  it('logs in with a two-factor code from RCUSER_2FA_CODE', async () => {
    const r = await runCli(['login', server.url, '-u', 'tina.totp', '--password-stdin', '--name', 'tina'], {
      env: { ...env, RCUSER_2FA_CODE: server.totpCode('tina.totp') },
      stdin: `${SEED_PASSWORDS['tina.totp']}\n`,
    });
    expect(r.stderr).toBe(`Logged in to ${server.url} as tina.totp (profile "tina", now active)\n`);
    expect(r.code).toBe(0);
  });
});
