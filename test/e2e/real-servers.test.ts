/**
 * What real servers do that a test server of the newest version would not show (rocketchat-api.md
 * §11), end to end through the built CLI: federated users whose usernames are Matrix ids, `list` on
 * 6.0–6.7 (whose users.list checks its query with isValidQuery), servers whose /api/info names no
 * version or an odd one, and LDAP users who type their e-mail address.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS, type FakeServer, type FakeServerOptions } from '../fake-server/index.js';
import { seedManyUsers } from '../fake-server/seed-many.js';
import { seedUsers } from '../fake-server/seed.js';
import { credentials, runCli, startServer } from '../helpers/harness.js';

const E2E_TIMEOUT = 60_000;
const SEEDED = [...seedUsers(), ...seedManyUsers()];
const usernames = (pred: (u: Record<string, any>) => boolean): string[] =>
  SEEDED.filter(pred)
    .map((u) => u.username as string)
    .sort();

/** A test server of its own for `fn` (startServer: closed when the test ends). */
async function withServer<T>(opts: FakeServerOptions, fn: (s: FakeServer) => Promise<T>): Promise<T> {
  return fn(await startServer(opts));
}

const ndjson = (stdout: string): Array<Record<string, any>> =>
  stdout
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, any>);
const since = (s: FakeServer, mark: number) => s.requests.slice(mark);
const fourHundreds = (s: FakeServer, mark: number) =>
  since(s, mark)
    .filter((r) => (r.status ?? 0) >= 400)
    .map((r) => `${r.status} ${r.path}?${r.query}`);

/** A user of native federation: the Matrix id is the username, `@` included (createOrUpdateFederatedUser.ts). */
const FEDERATED = {
  _id: 'fEdAlIcE0mAtRiX01',
  username: '@alice:matrix.org',
  type: 'user',
  status: 'offline',
  active: true,
  name: 'Alice on Matrix',
  federated: true,
  roles: ['user'],
  utcOffset: 0,
};

describe('federated users (Matrix ids as usernames)', () => {
  const start = async (fn: (s: FakeServer) => Promise<void>) =>
    withServer({}, async (s) => {
      s.addUser({ ...FEDERATED });
      await fn(s);
    });

  it(
    'info keeps the @ of a Matrix id and shows the card with Federated',
    async () => {
      await start(async (s) => {
        const mark = s.requests.length;
        const r = await runCli(['info', '@alice:matrix.org'], { env: credentials(s, 'admin') });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n')[0]).toBe('Alice on Matrix (@alice:matrix.org)  ● offline');
        expect(r.stdout).toMatch(/\n {2}Federated +yes, from matrix\.org\n/);
        expect(since(s, mark).map((q) => q.query)).toEqual(['username=%40alice%3Amatrix.org']);
      });
    },
    E2E_TIMEOUT,
  );

  it(
    '--username and a batch from stdin keep it too; a plain @name still loses its @',
    async () => {
      await start(async (s) => {
        const one = await runCli(['info', '--username', '@alice:matrix.org', '--json'], {
          env: credentials(s, 'admin'),
        });
        expect(one.code).toBe(0);
        expect(JSON.parse(one.stdout)).toMatchObject({ username: '@alice:matrix.org', federated: true });
        const batch = await runCli(['info', '-', '--json'], {
          env: credentials(s, 'admin'),
          stdin: '@roxie\n@alice:matrix.org\nalice:matrix.org\n',
        });
        expect(batch.code).toBe(3);
        const lines = ndjson(batch.stdout);
        expect(lines.map((l) => [l.query, l.user?.username ?? l.error])).toEqual([
          ['@roxie', 'roxie'],
          ['@alice:matrix.org', '@alice:matrix.org'],
          ['alice:matrix.org', 'User not found.'],
        ]);
        const args = await runCli(['info', 'roxie', '@alice:matrix.org'], { env: credentials(s, 'admin') });
        expect(args.code).toBe(0);
        expect(args.stdout).toContain('@alice:matrix.org');
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'did you mean names a Matrix id as it is, never @@',
    async () => {
      await start(async (s) => {
        const r = await runCli(['info', '@alice:matrix.or'], { env: credentials(s, 'admin') });
        expect(r.code).toBe(3);
        expect(r.stderr).toContain('did you mean @alice:matrix.org?');
        expect(r.stderr).not.toContain('@@');
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'search finds them',
    async () => {
      await start(async (s) => {
        const r = await runCli(['search', 'matrix', '--json'], { env: credentials(s, 'roxie') });
        expect(r.code).toBe(0);
        expect(ndjson(r.stdout).map((u) => [u.username, u.federated])).toEqual([['@alice:matrix.org', true]]);
      });
    },
    E2E_TIMEOUT,
  );
});

describe('list on Rocket.Chat 6.3: every filter in a query 6.x accepts', () => {
  const cases: Array<[string[], (u: Record<string, any>) => boolean]> = [
    [[], () => true],
    [['--active'], (u) => u.active === true],
    [['--deactivated'], (u) => u.active === false],
    [['--role', 'admin'], (u) => u.roles?.includes('admin')],
    [['--role', 'admin', '--role', 'bot'], (u) => u.roles?.includes('admin') || u.roles?.includes('bot')],
    [['--type', 'bot'], (u) => u.type === 'bot'],
    [['--never-logged-in'], (u) => u.lastLogin == null],
    [['--logged-in'], (u) => u.lastLogin != null],
    [['--search', 'jo'], (u) => /jo/i.test(u.username) || /jo/i.test(u.name ?? '')],
    [
      ['--role', 'moderator', '--search', 'b', '--active'],
      (u) => u.roles?.includes('moderator') && u.active === true && (/b/i.test(u.username) || /b/i.test(u.name ?? '')),
    ],
    [
      ['--logged-in', '--role', 'user', '--type', 'user'],
      (u) => u.lastLogin != null && u.roles?.includes('user') && u.type === 'user',
    ],
  ];

  it(
    'lists what the filters say, with no 4xx in the request log',
    async () => {
      await withServer({ version: '6.3.0' }, async (s) => {
        for (const [args, pred] of cases) {
          const mark = s.requests.length;
          const r = await runCli(['list', ...args, '--json'], { env: credentials(s, 'admin') });
          expect(r.code, `list ${args.join(' ')}: ${r.stderr}`).toBe(0);
          expect(
            ndjson(r.stdout)
              .map((u) => u.username)
              .sort(),
            `list ${args.join(' ')}`,
          ).toEqual(usernames(pred));
          expect(fourHundreds(s, mark), `list ${args.join(' ')}`).toEqual([]);
          expect(since(s, mark).every((q) => q.path !== '/api/v1/users.listByStatus')).toBe(true);
          const note = (r.stderr.match(/cannot be asked for users who have logged in/g) ?? []).length;
          expect(note, `list ${args.join(' ')}: ${r.stderr}`).toBe(args.includes('--logged-in') ? 1 : 0);
        }
      });
    },
    4 * E2E_TIMEOUT,
  );

  it(
    '--logged-in with --limit counts the users shown, not the users read',
    async () => {
      await withServer({ version: '6.3.0' }, async (s) => {
        const r = await runCli(['list', '--logged-in', '--limit', '150', '--json'], { env: credentials(s, 'admin') });
        expect(r.code).toBe(0);
        const shown = ndjson(r.stdout);
        expect(shown).toHaveLength(150);
        expect(shown.every((u) => u.lastLogin)).toBe(true);
        expect(shown.map((u) => u.username)).toEqual(usernames((u) => u.lastLogin != null).slice(0, 150));
      });
    },
    E2E_TIMEOUT,
  );
});

describe('a server whose /api/info names no version', () => {
  it(
    'info --rooms: taken for the newest, falls back to fields={"userRooms":1} once when 6.x refuses includeUserRooms',
    async () => {
      // The refused includeUserRooms is the point of this test: the server is older than rcuser guessed.
      await withServer({ version: '6.3.0', infoVersion: null, allowInvalidRequests: true }, async (s) => {
        const mark = s.requests.length;
        const r = await runCli(['info', 'test.john', 'jane.doe', '--rooms', '--json', '--verbose'], {
          env: credentials(s, 'admin'),
        });
        expect(r.code).toBe(0);
        const lines = ndjson(r.stdout);
        expect(lines.map((l) => Array.isArray(l.user.rooms))).toEqual([true, true]);
        const asked = since(s, mark)
          .filter((q) => q.path === '/api/v1/users.info')
          .map((q) => `${q.status} ${decodeURIComponent(q.query)}`);
        expect(asked.filter((q) => q.includes('includeUserRooms'))).toEqual([
          '400 username=test.john&includeUserRooms=true',
        ]);
        expect(asked.filter((q) => q.startsWith('200')).length).toBe(2);
        expect(s.invalidRequests).toHaveLength(1);
        expect(r.stderr.match(/GET \/api\/info gave no version/g)).toHaveLength(1);
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'info --rooms on a newer one asks includeUserRooms, and says nothing without --verbose',
    async () => {
      for (const infoVersion of [null, '8', 'develop', '8.8.1-rc.0']) {
        await withServer({ infoVersion }, async (s) => {
          const mark = s.requests.length;
          const r = await runCli(['info', 'test.john', '--rooms', '--json'], { env: credentials(s, 'admin') });
          expect(r.code, String(infoVersion)).toBe(0);
          expect(r.stderr).toBe('');
          expect(JSON.parse(r.stdout).rooms.length).toBeGreaterThan(0);
          expect(
            since(s, mark)
              .filter((q) => q.path === '/api/v1/users.info')
              .map((q) => q.query),
          ).toEqual(['username=test.john&includeUserRooms=true']);
        });
      }
    },
    E2E_TIMEOUT,
  );

  it(
    'search: users.listByStatus answers 404 before 6.8, so the 6.x directory',
    async () => {
      await withServer({ version: '6.3.0', infoVersion: null }, async (s) => {
        const mark = s.requests.length;
        const r = await runCli(['search', 'ali', '--json', '--verbose'], { env: credentials(s, 'roxie') });
        expect(r.code).toBe(0);
        expect(ndjson(r.stdout).map((u) => u.username)).toEqual(['alice', 'alicia.keys']);
        expect(since(s, mark).map((q) => `${q.status} ${q.path}`)).toEqual([
          '200 /api/info',
          '404 /api/v1/users.listByStatus',
          '200 /api/v1/directory',
        ]);
        expect(r.stderr.match(/GET \/api\/info gave no version: taking .* for the newest Rocket\.Chat/g)).toHaveLength(
          1,
        );
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'list: the same fallback to users.list, in a query 6.x accepts',
    async () => {
      await withServer({ version: '6.3.0', infoVersion: null }, async (s) => {
        const mark = s.requests.length;
        const r = await runCli(['list', '--role', 'admin', '--json'], { env: credentials(s, 'admin') });
        expect(r.code).toBe(0);
        expect(
          ndjson(r.stdout)
            .map((u) => u.username)
            .sort(),
        ).toEqual(usernames((u) => u.roles?.includes('admin')));
        const paths = since(s, mark).map((q) => `${q.status} ${q.path}`);
        expect(paths.slice(0, 3)).toEqual([
          '200 /api/info',
          '404 /api/v1/users.listByStatus',
          '200 /api/v1/users.list',
        ]);
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'login stores the profile without a version; search and list work on a newer one through users.listByStatus',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-noversion-'));
      try {
        await withServer({ infoVersion: null }, async (s) => {
          const env = { RCUSER_CONFIG_DIR: dir };
          const login = await runCli(['login', s.url, '-u', 'roxie', '--password-stdin', '--verbose'], {
            env,
            stdin: `${SEED_PASSWORDS.roxie}\n`,
          });
          expect(login.code, login.stderr).toBe(0);
          expect(login.stderr).toContain(`Logged in to ${s.url} as roxie`);
          expect(login.stderr.match(/gave no version/g)).toHaveLength(1);
          const stored = JSON.parse(fs.readFileSync(path.join(dir, 'profiles.json'), 'utf8'));
          expect(Object.values(stored.profiles as Record<string, Record<string, unknown>>)[0]).not.toHaveProperty(
            'serverVersion',
          );
          const mark = s.requests.length;
          const search = await runCli(['search', 'ali', '--json'], { env });
          expect(search.code).toBe(0);
          const list = await runCli(['list', '--search', 'ali', '--json'], { env });
          expect(list.code).toBe(0);
          expect(
            since(s, mark)
              .filter((q) => q.path.startsWith('/api/v1/'))
              .map((q) => `${q.status} ${q.path}`),
          ).toEqual(['200 /api/v1/users.listByStatus', '200 /api/v1/users.listByStatus']);
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    E2E_TIMEOUT,
  );

  it(
    'JSON that is neither a version nor a success is still not Rocket.Chat',
    async () => {
      await withServer(
        {
          route: (req, res) => {
            if (req.url !== '/api/info') return false;
            res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
            return true;
          },
        },
        async (s) => {
          const r = await runCli(['search', 'ali'], { env: credentials(s, 'roxie') });
          expect(r.code).toBe(1);
          expect(r.stderr).toContain('does not look like a Rocket.Chat server');
        },
      );
    },
    E2E_TIMEOUT,
  );
});

describe('LDAP sign-ins', () => {
  const login = (s: FakeServer, user: string, dir: string) =>
    runCli(['login', s.url, '-u', user, '--password-stdin'], {
      env: { RCUSER_CONFIG_DIR: dir },
      stdin: 'not-the-password\n',
    });

  it(
    'a refused login with an e-mail address adds one line for LDAP accounts; with a username it does not',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-ldap-'));
      try {
        await withServer({}, async (s) => {
          const email = await login(s, 'roxie@example.com', dir);
          expect(email.code).toBe(4);
          expect(email.stderr.match(/accounts that sign in through LDAP use their directory username/g)).toHaveLength(
            1,
          );
          const name = await login(s, 'roxie', dir);
          expect(name.code).toBe(4);
          expect(name.stderr).not.toContain('LDAP');
          expect(
            email.stderr
              .replace(/\n {2}accounts that sign in through LDAP[^\n]*/, '')
              .replace('roxie@example.com', 'roxie'),
          ).toBe(name.stderr);
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    E2E_TIMEOUT,
  );
});
