/**
 * Issue 21 item 13: small usage mistakes get a usage error or a note that says what went wrong,
 * through the built bin/rcuser.js against the test server. A usage error sends nothing.
 */
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { credentials, runCli, startServer, useConfigDir, useServer } from '../helpers/harness.js';

const E2E_TIMEOUT = 60_000;
/** The custom role's id in test/fake-server/roles.ts (made in the admin UI: a random id, not its name). */
const AUDITOR = 'kQ7vX2mPz9LwR4tBn';
const server = useServer();
const config = useConfigDir();

async function usageError(argv: string[]): Promise<string> {
  const env = server.env('admin');
  const mark = server.requests.length;
  const r = await runCli(argv, { env });
  expect(server.requests.slice(mark)).toEqual([]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

describe('small usage mistakes', () => {
  it(
    '`search anna smith` says to quote a term with spaces',
    async () => {
      expect(await usageError(['search', 'anna', 'smith'])).toBe(
        "rcuser: too many arguments for 'search': it takes at most 1, got 2" +
          ' (quote a term with spaces: `rcuser search "anna smith"`)\n' +
          "Run 'rcuser search --help' for usage.\n",
      );
    },
    E2E_TIMEOUT,
  );

  it.each([
    [['list', '--role', '--no-pager'], '--role needs a value <role>', '--no-pager', 'list'],
    [['list', '--role', 'admin', '--role', '--json'], '--role needs a value <role>', '--json', 'list'],
    [['list', '--search', '--active'], '--search needs a value <term>', '--active', 'list'],
    [['list', '--type', '--json'], '--type needs a value <type>', '--json', 'list'],
    [['search', 'ann', '--limit', '--json'], '--limit needs a value <n>', '--json', 'search'],
  ])(
    '%j names the flag that is missing its value',
    async (argv, needs, next, command) => {
      expect(await usageError(argv)).toBe(
        `rcuser: ${needs} ('${next}' is a flag, not a value)\nRun 'rcuser ${command} --help' for usage.\n`,
      );
    },
    E2E_TIMEOUT,
  );

  it.each([
    ['http//chat.example.com', 'http', 'http://chat.example.com'],
    ['https//chat.example.com/team', 'https', 'https://chat.example.com/team'],
    ['HTTPS//bob:pw@chat.example.com', 'HTTPS', 'https://***@chat.example.com'],
  ])(
    'login %s: did you mean the URL with its colon',
    async (url, scheme, fixed) => {
      const stderr = await usageError(['login', url, '-u', 'admin', '--password-stdin']);
      expect(stderr).toBe(
        `rcuser: "${url.replace('bob:pw', '***')}" is missing the colon after ${scheme}\n` +
          `  did you mean \`${fixed}\`?\nRun 'rcuser login --help' for usage.\n`,
      );
      expect(stderr).not.toContain('pw');
    },
    E2E_TIMEOUT,
  );

  const ROLES_LINE = (url: string) =>
    `  roles on ${url}: admin, anonymous, app, ${AUDITOR} (Auditor), bot, guest, leader, livechat-agent, livechat-manager, moderator, owner, user\n`;

  it.each([
    [['--role', 'Admin'], ' (did you mean --role admin?)'],
    [['--role', 'LiveChat-Agent', '--role', 'MODERATOR'], ' (did you mean --role livechat-agent, --role moderator?)'],
    [['--role', 'auditor'], ` (did you mean --role ${AUDITOR} (Auditor)?)`],
    [['--role', 'nobody-has-this'], ''],
  ])(
    'list %j matching nobody notes that roles are case-sensitive and names the roles from roles.list',
    async (flags, fix) => {
      const mark = server.requests.length;
      const r = await runCli(['list', ...flags, '--json'], { env: server.env('admin') });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `rcuser: no users match these filters on ${server.url}\nrcuser: note: role names are case-sensitive${fix}\n` +
          ROLES_LINE(server.url),
      );
      // roles.list is asked once, after the listing found nobody.
      expect(server.requests.slice(mark).map((q) => q.path)).toEqual([
        '/api/info',
        '/api/v1/users.listByStatus',
        '/api/v1/roles.list',
      ]);
    },
    E2E_TIMEOUT,
  );

  it(
    'a role the server has, spelt right, that nobody holds: no note',
    async () => {
      const r = await runCli(['list', '--role', 'leader', '--json'], { env: server.env('admin') });
      expect(r).toEqual({ code: 0, stdout: '', stderr: `rcuser: no users match these filters on ${server.url}\n` });
    },
    E2E_TIMEOUT,
  );

  it.each([
    [
      403,
      { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
    ],
    [404, { success: false, error: 'Not found' }],
    [200, { success: true }],
  ])(
    'roles.list answering %i: the note without the roles, as before',
    async (status, body) => {
      const s = await startServer({
        route: (req, res) => {
          if (!req.url?.startsWith('/api/v1/roles.list')) return false;
          res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
          return true;
        },
      });
      const r = await runCli(['list', '--role', 'Admin', '--json'], { env: credentials(s, 'admin') });
      expect(r).toEqual({
        code: 0,
        stdout: '',
        stderr: `rcuser: no users match these filters on ${s.url}\nrcuser: note: role names are case-sensitive (did you mean --role admin?)\n`,
      });
    },
    E2E_TIMEOUT,
  );

  it(
    '`list --help` says role names are case-sensitive',
    async () => {
      const r = await runCli(['list', '--help'], { env: { COLUMNS: '80' } });
      expect(r.stdout).toMatch(/--role <role> +users with this role \(case-sensitive: admin, not Admin\);\n/);
    },
    E2E_TIMEOUT,
  );

  it(
    'a role that matches somebody gets no note',
    async () => {
      const mark = server.requests.length;
      const r = await runCli(['list', '--role', 'admin', '--json'], { env: server.env('admin') });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(server.requests.slice(mark).map((q) => q.path)).not.toContain('/api/v1/roles.list');
    },
    E2E_TIMEOUT,
  );
});

describe('--server host:port without a scheme', () => {
  /** A profile stored for the test server, which speaks plain http on loopback. */
  async function loggedIn(): Promise<Record<string, string>> {
    const env = { RCUSER_CONFIG_DIR: config.dir };
    const login = await runCli(['login', server.url, '-u', 'admin', '--password-stdin'], {
      env,
      stdin: `${SEED_PASSWORDS.admin}\n`,
    });
    expect(login.code).toBe(0);
    return env;
  }

  it(
    'the hint keeps the http:// the stored profile uses (nothing is sent)',
    async () => {
      const env = await loggedIn();
      const mark = server.requests.length;
      const r = await runCli(['whoami', '--server', server.host], { env });
      expect(r).toEqual({
        code: 4,
        stdout: '',
        stderr:
          `rcuser: not logged in to https://${server.host}\n` +
          `  profile "${server.host}" is for ${server.url}: pass \`--server ${server.url}\` (without a scheme, --server means https://)\n`,
      });
      const env2 = await runCli(['info', 'admin'], { env: { ...env, RCUSER_SERVER: server.host } });
      expect(env2.stderr).toBe(
        `rcuser: not logged in to https://${server.host}\n` +
          `  profile "${server.host}" is for ${server.url}: set RCUSER_SERVER=${server.url} (without a scheme, RCUSER_SERVER means https://)\n`,
      );
      expect(server.requests.slice(mark)).toEqual([]);
    },
    E2E_TIMEOUT,
  );

  it(
    'with --profile naming that profile: the usage error suggests the same scheme',
    async () => {
      const env = await loggedIn();
      const r = await runCli(['whoami', '--profile', server.host, '--server', server.host], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `rcuser: profile "${server.host}" (--profile) is for ${server.url}, not https://${server.host} (--server)\n` +
          `  pass \`--server ${server.url}\` (without a scheme, --server means https://)\n` +
          "Run 'rcuser whoami --help' for usage.\n",
      );
    },
    E2E_TIMEOUT,
  );
});
