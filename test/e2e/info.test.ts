/**
 * `rcuser info` end to end: the built bin/rcuser.js, spawned with credentials in its environment,
 * against the test server. Every case asserts stdout, stderr and the exit code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_IDS, type FakeServer, type FakeServerOptions } from '../fake-server/index.js';
import { seedUsers } from '../fake-server/seed.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { TEST_JOHN_ROOMS } from '../unit/fixtures.js';
import { credentials, spawnCli, startServer, useServer } from '../helpers/harness.js';

const WITHHELD =
  "rcuser: the server left the rooms out: listing another user's rooms needs the `view-other-user-channels` permission (admins have it by default)\n";

// Each test spawns node a few times; a busy machine can take seconds for that (no timing is asserted).
const E2E_TIMEOUT = 60_000;

const server = useServer();
let env: Record<string, string>;
let configDir: string;

beforeAll(async () => {
  env = credentials(server, 'test.john');
  configDir = mkdtempSync(path.join(tmpdir(), 'rcuser-e2e-'));
});
afterAll(async () => {
  rmSync(configDir, { recursive: true, force: true });
});

/** A server of its own for one test (another version, or a fault), closed when the test ends. */
async function withServer<T>(
  opts: FakeServerOptions,
  fn: (s: FakeServer, env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const s = await startServer(opts);
  return fn(s, credentials(s, 'test.john'));
}

const info = (args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<CliResult> =>
  runCli(['info', ...args], { env: { ...env, RCUSER_CONFIG_DIR: configDir, ...extraEnv } });

/** Relative ages move with the clock; everything else is asserted exactly. */
const ageless = (s: string) => s.replace(/\((?:\d+ \w+ ago|just now)\)/g, '(AGE)');

/** What the server sends for the same query, re-indented the way --json promises. */
async function serverUserJson(s: FakeServer, e: Record<string, string>, query: string): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/users.info?${query}`, {
    headers: { 'x-user-id': e.RCUSER_USER_ID!, 'x-auth-token': e.RCUSER_TOKEN! },
  });
  expect(res.status).toBe(200);
  const body = await res.text();
  const user = JSON.parse(body).user;
  // A self lookup carries the login-token hashes: rcuser prints them as "[redacted]".
  if (user.services?.resume) user.services.resume = '[redacted]';
  return `${JSON.stringify(user, null, 2)}\n`;
}

const TEST_JOHN_TABLE = (url: string) =>
  [
    'Test John (@test.john)  ● offline',
    '  ID          5fRTXMt7DMJbpPJfh',
    '  Nickname    tesuser2',
    '  Type        user, active',
    '  Roles       user, admin',
    '  Emails      test.john@test.com (verified)',
    '  Created     2023-07-10 16:44 UTC (AGE)',
    '  Last login  2023-10-10 23:40 UTC (AGE)',
    '  UTC offset  UTC+01:00',
    '  2FA         off',
    '  Sign-in     password',
    `  Avatar      ${url}/avatar/test.john`,
    '',
  ].join('\n');

describe('rcuser info: human output', { timeout: E2E_TIMEOUT }, () => {
  it('a user as a table', async () => {
    const r = await info(['test.john']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(ageless(r.stdout)).toBe(TEST_JOHN_TABLE(server.url));
  });

  it('--rooms adds the rooms table', async () => {
    const r = await info(['test.john', '--rooms']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(ageless(r.stdout)).toBe(`${TEST_JOHN_TABLE(server.url)}\n${TEST_JOHN_ROOMS}`);
  });

  it.each([
    [['@test.john'], 'username=test.john'],
    [['--username', 'test.john'], 'username=test.john'],
    [['--user-id', SEED_IDS['test.john']], `userId=${SEED_IDS['test.john']}`],
    [['--import-id', 'slack-U012AB3CD'], 'importId=slack-U012AB3CD'],
    [['--email', 'ROXIE@example.com'], 'email=ROXIE%40example.com'],
  ])('%j', async (args, query) => {
    const r = await info(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const heading = r.stdout.split('\n')[0];
    expect(heading).toBe(
      args[1] === 'slack-U012AB3CD'
        ? 'Jane Doe (@jane.doe)  ● offline · On call'
        : args[0] === '--email'
          ? 'Roxie (@roxie)  ● away'
          : 'Test John (@test.john)  ● offline',
    );
    expect(server.requests.filter((x) => x.path === '/api/v1/users.info').at(-1)?.query).toBe(query);
  });

  it('colors: NO_COLOR off, FORCE_COLOR on, --no-color beats FORCE_COLOR, never in --json', async () => {
    const plain = await info(['roxie']);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await info(['roxie'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('\u001b[1mRoxie\u001b[22m (@roxie)  \u001b[33m●\u001b[39m away');
    expect(forced.stdout.replace(/\u001b\[\d+m/g, '')).toBe(plain.stdout);
    const flagged = await info(['roxie', '--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(flagged.stdout).toBe(plain.stdout);
    const both = await info(['roxie'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(both.stdout).toBe(plain.stdout);
    const json = await info(['roxie', '--json'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(json.stdout).not.toContain('\u001b');
  });

  it('rooms withheld: the user, a notice on stderr, exit 0', async () => {
    const r = await info(['test.john', '--rooms'], credentials(server, 'jane.doe'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(WITHHELD);
    // A plain user sees the public fields only, a line saying so, and no rooms table.
    expect(r.stdout).toBe(
      [
        'Test John (@test.john)  ● offline',
        '  ID          5fRTXMt7DMJbpPJfh',
        '  Nickname    tesuser2',
        '  Type        user, active',
        '  UTC offset  UTC+01:00',
        `  Avatar      ${server.url}/avatar/test.john`,
        '  Limited view: e-mails, roles, dates and phone need view-full-other-user-info',
        '',
      ].join('\n'),
    );
  });

  it('a 6.x server with --rooms: rooms through fields={"userRooms":1}', async () => {
    await withServer({ version: '6.5.0' }, async (s, e) => {
      const r = await runCli(['info', 'test.john', '--rooms'], { env: e });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(ageless(r.stdout)).toBe(`${TEST_JOHN_TABLE(s.url)}\n${TEST_JOHN_ROOMS}`);
      const sent = s.requests
        .filter((x) => x.path === '/api/v1/users.info')
        .map((x) => new URLSearchParams(x.query).get('fields'));
      expect(sent).toEqual(['{"userRooms":1}']);
    });
  });
});

describe('rcuser info --json', { timeout: E2E_TIMEOUT }, () => {
  const usernames = seedUsers().map((u) => u.username as string);

  it.each(usernames)('%s: byte for byte the server’s user object', async (username) => {
    const r = await info([username, '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(await serverUserJson(server, env, `username=${encodeURIComponent(username)}`));
  });

  it('with --rooms, the rooms are part of the object', async () => {
    const r = await info(['test.john', '--rooms', '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(await serverUserJson(server, env, 'username=test.john&includeUserRooms=true'));
    expect(JSON.parse(r.stdout).rooms).toHaveLength(7);
  });

  it('as a plain user: exactly the fields the server chose to send', async () => {
    const janeEnv = credentials(server, 'jane.doe');
    const r = await info(['test.john', '--json'], janeEnv);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(await serverUserJson(server, janeEnv, 'username=test.john'));
  });

  it('keeps what JSON.parse would change: integer-like keys, big numbers, escapes', async () => {
    const body = '{"user":{"b":1,"10":2,"n":12345678901234567890,"s":"\\u00e9\\/","e":{},"a":[]},"success":true}';
    await withServer(
      {
        route: (req, res) => {
          if (!req.url?.startsWith('/api/v1/users.info')) return false;
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
          return true;
        },
      },
      async (_s, e) => {
        const r = await runCli(['info', 'x', '--json'], { env: e });
        expect(r).toEqual({
          code: 0,
          stderr: '',
          stdout:
            '{\n  "b": 1,\n  "10": 2,\n  "n": 12345678901234567890,\n  "s": "\\u00e9\\/",\n  "e": {},\n  "a": []\n}\n',
        });
      },
    );
  });
});

describe('rcuser info: failures', { timeout: E2E_TIMEOUT }, () => {
  it('not found: exit 3, nothing on stdout', async () => {
    expect(await info(['nobody'])).toEqual({
      code: 3,
      stdout: '',
      stderr: `rcuser: no user @nobody on ${server.url}\n  try \`rcuser search nobody\` to find users whose name or username contains it\n`,
    });
    expect(await info(['--user-id', 'nope', '--json'])).toEqual({
      code: 3,
      stdout: '',
      stderr: `rcuser: no user with id nope on ${server.url}\n`,
    });
  });

  it('bad credentials: exit 4 with a hint about the environment', async () => {
    const r = await info(['test.john'], { RCUSER_TOKEN: 'revoked-token' });
    expect(r).toEqual({
      code: 4,
      stdout: '',
      stderr: `rcuser: ${server.url} rejected the credentials (HTTP 401: You must be logged in to do this.)\n  check RCUSER_USER_ID and RCUSER_TOKEN (the token may have expired or been revoked)\n`,
    });
  });

  it('missing credentials: exit 4 with a hint', async () => {
    const r = await info(['test.john'], { RCUSER_USER_ID: undefined, RCUSER_TOKEN: undefined });
    expect(r).toEqual({
      code: 4,
      stdout: '',
      stderr: `rcuser: not logged in to ${server.url}\n  run \`rcuser login ${server.url}\`, or set RCUSER_SERVER, RCUSER_USER_ID and RCUSER_TOKEN\n`,
    });
  });

  it.each([
    [
      ['a', '--user-id', 'b'],
      "rcuser: name users in exactly one way, not with a username argument and --user-id\nRun 'rcuser info --help' for usage.\n",
    ],
    [
      ['--username', 'a', '--email', 'b@c'],
      "rcuser: name users in exactly one way, not with --username and --email\nRun 'rcuser info --help' for usage.\n",
    ],
    [['--username', ''], "rcuser: --username needs a value\nRun 'rcuser info --help' for usage.\n"],
    [
      ['-', 'a'],
      "rcuser: `-` (read names from stdin) cannot be combined with other names\nRun 'rcuser info --help' for usage.\n",
    ],
  ])('usage error %j: exit 2', async (args, stderr) => {
    expect(await info(args)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('usage errors: no user, an unknown flag, a bad number, half of the credentials', async () => {
    const none = await info([]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toMatch(/^rcuser: name a user to look up\n {2}e\.g\. /);
    expect(await info(['x', '--bogus'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining("unknown option '--bogus'"),
    });
    expect(await runCli(['--timeout', 'soon', 'info', 'x'], { env })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('--timeout takes a positive number, not "soon"'),
    });
    expect(await info(['x'], { RCUSER_TOKEN: undefined })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "rcuser: RCUSER_USER_ID is set but RCUSER_TOKEN is not\n  set both, or neither to use a stored profile\nRun 'rcuser info --help' for usage.\n",
    });
    expect(await info(['x'], { RCUSER_SERVER: 'http://chat.example.com' })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringContaining('refusing plain http:// to chat.example.com'),
    });
  });

  it('a huge --timeout means "wait very long", not a Node timer overflow that times out at once', async () => {
    const r = await runCli(['--timeout', '99999999', 'info', 'test.john', '--json'], { env });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout).username).toBe('test.john');
  });

  it('an HTML 502 from a proxy: exit 1, "not a Rocket.Chat API response"', async () => {
    await withServer(
      {
        route: (_req, res) => {
          res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
          return true;
        },
      },
      async (s, e) => {
        expect(await runCli(['info', 'test.john'], { env: e })).toEqual({
          code: 1,
          stdout: '',
          stderr: `rcuser: ${s.url} did not answer GET /api/v1/users.info like Rocket.Chat's API: HTTP 502 with text/html\n  not a Rocket.Chat API response: check the server URL, or a proxy in between\n`,
        });
      },
    );
  });

  it('--email on a 7.x server: exit 1 with a plain message', async () => {
    await withServer({ version: '7.6.1' }, async (s, e) => {
      expect(await runCli(['info', '--email', 'roxie@example.com'], { env: e })).toEqual({
        code: 1,
        stdout: '',
        stderr: `rcuser: looking users up by e-mail needs Rocket.Chat 8.4 or later; ${s.url} runs 7.6\n  look the user up by username or --user-id instead\n`,
      });
      expect(s.requests.some((x) => x.path === '/api/v1/users.info')).toBe(false);
    });
  });

  it('--email for someone whose full profile the caller may not see: exit 3 with the permission named', async () => {
    expect(await info(['--email', 'test.john@test.com'], credentials(server, 'jane.doe'))).toEqual({
      code: 3,
      stdout: '',
      stderr: `rcuser: no user with e-mail test.john@test.com on ${server.url}\n  lookups by e-mail or import id only find users whose full profile you may see (the view-full-other-user-info permission)\n`,
    });
  });

  it('a username in the wrong case: not found, with a hint that names are case-sensitive', async () => {
    expect(await info(['Test.John'])).toEqual({
      code: 3,
      stdout: '',
      stderr: `rcuser: no user @Test.John on ${server.url}\n  usernames are case-sensitive: try it in lower case\n`,
    });
  });

  it('an identifier too long for the server (HTTP 431) is reported as such', async () => {
    expect(await info(['x'.repeat(100_000)])).toEqual({
      code: 1,
      stdout: '',
      stderr: `rcuser: ${server.url} refused GET /api/v1/users.info: the request was too long for the server (HTTP 431)\n  shorten the identifier; user names and ids are short\n`,
    });
  });

  it('a server that is not there: exit 1', async () => {
    const s = await startServer();
    const url = s.url;
    await s.close();
    expect(await info(['test.john'], { RCUSER_SERVER: url })).toEqual({
      code: 1,
      stdout: '',
      stderr: `rcuser: could not connect to ${url}: connection refused\n  check the server URL and that the server is running\n`,
    });
  });

  it('a reader that goes away (`| head -1`) ends the run quietly, no stack trace', async () => {
    const run = spawnCli(['info', 'test.john', '--rooms'], { env, stdout: 'manual' });
    // Close our end of stdout before rcuser writes anything: its write then fails with EPIPE.
    run.child.stdout!.destroy();
    const { code, stderr } = await run.done;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
