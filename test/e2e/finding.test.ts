/**
 * `rcuser search`, `rcuser list` and "did you mean", end to end: the built bin/rcuser.js against the
 * test server and its few hundred seeded users. The expected users come from the seed data itself,
 * never from the server's answer, so a filter the CLI dropped or applied locally shows up.
 */
import { describe, expect, it } from 'vitest';
import type { FakeServer, FakeServerOptions } from '../fake-server/index.js';
import { seedManyUsers } from '../fake-server/seed-many.js';
import { seedUsers } from '../fake-server/seed.js';
import { runCli } from '../helpers/cli.js';
import { notOnWindows, onWindows } from '../helpers/platform.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';
import { credentials, spawnCli, startServer, useServer } from '../helpers/harness.js';

const E2E_TIMEOUT = 60_000;
const SEEDED = [...seedUsers(), ...seedManyUsers()];
const usernames = (pred: (u: Record<string, any>) => boolean): string[] =>
  SEEDED.filter(pred)
    .map((u) => u.username as string)
    .sort();

const server = useServer();

async function withServer<T>(opts: FakeServerOptions, fn: (s: FakeServer) => Promise<T>): Promise<T> {
  return fn(await startServer(opts));
}

/** Every stdout line must be one JSON object (nothing else on stdout). */
function ndjson(stdout: string): Array<Record<string, any>> {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
}

const requestsSince = (s: FakeServer, mark: number, path: string) =>
  s.requests.slice(mark).filter((r) => r.path === path);

describe('rcuser search', () => {
  it(
    'as a regular user prints NDJSON including alice, through users.listByStatus',
    async () => {
      const mark = server.requests.length;
      const r = await runCli(['search', 'ali', '--json'], { env: credentials(server, 'roxie') });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(ndjson(r.stdout).map((u) => u.username)).toEqual(['alice', 'alicia.keys']);
      // The server's object exactly: same keys in the same order as the server sent.
      expect(r.stdout.split('\n')[0]).toMatch(/^\{"_id":"aLiCe7Qp2Wm9XzK4n","username":"alice","emails":/);
      expect(requestsSince(server, mark, '/api/v1/users.listByStatus').map((q) => q.query)).toEqual([
        'searchTerm=ali&count=100&offset=0',
      ]);
    },
    E2E_TIMEOUT,
  );

  it(
    'exits 3 when nothing matched, with nothing on stdout',
    async () => {
      const r = await runCli(['search', 'zzz'], { env: credentials(server, 'roxie') });
      expect(r).toEqual({ code: 3, stdout: '', stderr: `rcuser: no user matches "zzz" on ${server.url}\n` });
    },
    E2E_TIMEOUT,
  );

  it(
    'falls back to users.autocomplete without view-d-room, and says so',
    async () => {
      await withServer({}, async (s) => {
        s.setPermission('view-d-room', ['admin']);
        const r = await runCli(['search', 'ali', '--json'], { env: credentials(s, 'roxie') });
        expect(r.code).toBe(0);
        expect(ndjson(r.stdout).map((u) => u.username)).toEqual(['alice', 'alicia.keys']);
        expect(r.stderr).toContain('this is users.autocomplete: active users only, at most 10');
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'on a 6.6 server searches through the directory (its query form)',
    async () => {
      await withServer({ version: '6.6.1' }, async (s) => {
        const r = await runCli(['search', 'ali', '--json'], { env: credentials(s, 'roxie') });
        expect(r.code).toBe(0);
        expect(ndjson(r.stdout).map((u) => u.username)).toEqual(['alice', 'alicia.keys']);
        const dir = s.requests.filter((q) => q.path === '/api/v1/directory');
        expect(dir).toHaveLength(1);
        expect(new URLSearchParams(dir[0]!.query).get('query')).toBe('{"type":"users","text":"ali"}');
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'a rejected token stops with exit 4',
    async () => {
      const r = await runCli(['search', 'ali'], {
        env: { ...credentials(server, 'roxie'), RCUSER_TOKEN: 'not-a-valid-token-at-all' },
      });
      expect(r.code).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('rejected the credentials');
    },
    E2E_TIMEOUT,
  );
});

describe('rcuser list', () => {
  it(
    '--json returns every seeded user exactly once over several pages of 100',
    async () => {
      const mark = server.requests.length;
      const r = await runCli(['list', '--json'], { env: credentials(server, 'admin') });
      expect(r.code).toBe(0);
      const names = ndjson(r.stdout).map((u) => u.username as string);
      expect(names).toHaveLength(SEEDED.length);
      expect([...names].sort()).toEqual(usernames(() => true));
      expect(names).toEqual([...names].sort()); // the server's order: by username
      const offsets = requestsSince(server, mark, '/api/v1/users.listByStatus').map(
        (q) => new URLSearchParams(q.query),
      );
      expect(offsets.map((q) => q.get('offset')).sort((a, b) => Number(a) - Number(b))).toEqual([
        '0',
        '100',
        '200',
        '300',
      ]);
      expect(offsets.every((q) => q.get('count') === '100')).toBe(true);
    },
    E2E_TIMEOUT,
  );

  it.each([
    [['--role', 'moderator'], (u: Record<string, any>) => u.roles?.includes('moderator')],
    [['--deactivated'], (u: Record<string, any>) => u.active === false],
    [['--never-logged-in'], (u: Record<string, any>) => !('lastLogin' in u)],
    [
      ['--role', 'admin', '--role', 'moderator', '--active'],
      (u: Record<string, any>) => u.active === true && (u.roles?.includes('admin') || u.roles?.includes('moderator')),
    ],
    [['--type', 'bot', '--logged-in'], (u: Record<string, any>) => u.type === 'bot' && 'lastLogin' in u],
  ])(
    '%j returns exactly the matching users, filtered by the server',
    async (flags, pred) => {
      const mark = server.requests.length;
      const r = await runCli(['list', ...flags, '--json'], { env: credentials(server, 'admin') });
      expect(r.code).toBe(0);
      expect(
        ndjson(r.stdout)
          .map((u) => u.username)
          .sort(),
      ).toEqual(usernames(pred));
      // Filtered by the server: the pages asked for only ever held matching users.
      const asked = requestsSince(server, mark, '/api/v1/users.listByStatus');
      expect(asked.length).toBeLessThanOrEqual(Math.ceil(usernames(pred).length / 100));
    },
    E2E_TIMEOUT,
  );

  it(
    '--limit stops early; an empty list exits 0 with a note',
    async () => {
      const r = await runCli(['list', '--limit', '5', '--json'], { env: credentials(server, 'admin') });
      expect(ndjson(r.stdout)).toHaveLength(5);
      const empty = await runCli(['list', '--search', 'zzzz'], { env: credentials(server, 'admin') });
      expect(empty).toEqual({ code: 0, stdout: '', stderr: `rcuser: no users match these filters on ${server.url}\n` });
    },
    E2E_TIMEOUT,
  );

  it(
    'a human table with a count line',
    async () => {
      const r = await runCli(['list', '--role', 'moderator', '--limit', '3'], { env: credentials(server, 'admin') });
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[1]).toMatch(/│ Username\s+│ Name\s+│ Status\s+│ Active │ Roles\s+│ Emails\s+│/);
      expect(lines.at(-1)).toBe(`3 of ${usernames((u) => u.roles?.includes('moderator')).length} users`);
    },
    E2E_TIMEOUT,
  );

  it(
    'on a 6.6 server filters through users.list, and says which filters it cannot apply for a regular user',
    async () => {
      await withServer({ version: '6.6.1' }, async (s) => {
        const admin = await runCli(['list', '--deactivated', '--json'], { env: credentials(s, 'admin') });
        expect(admin.code).toBe(0);
        expect(
          ndjson(admin.stdout)
            .map((u) => u.username)
            .sort(),
        ).toEqual(usernames((u) => u.active === false));
        expect(
          s.requests.some(
            (q) => q.path === '/api/v1/users.list' && new URLSearchParams(q.query).get('query') === '{"active":false}',
          ),
        ).toBe(true);
        const regular = await runCli(['list', '--role', 'admin', '--json'], { env: credentials(s, 'roxie') });
        expect(regular.code).toBe(1);
        expect(regular.stdout).toBe('');
        expect(regular.stderr).toContain('cannot apply --role for you');
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'a refused listing names the permission (exit 1)',
    async () => {
      await withServer({}, async (s) => {
        s.setPermission('view-d-room', ['admin']);
        const r = await runCli(['list', '--json'], { env: credentials(s, 'roxie') });
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(
          `rcuser: ${s.url} refused GET /api/v1/users.listByStatus (HTTP 403: User does not have the permissions required for this action [error-unauthorized])\n` +
            '  listing users needs the view-d-room permission (and view-outside-room where the server applies it to user lists); ask an administrator\n',
        );
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'keeps going through rate limits',
    async () => {
      await withServer({ rateLimit: { calls: 2, windowMs: 400, bypassRoles: [] } }, async (s) => {
        const r = await runCli(['list', '--json'], { env: credentials(s, 'admin') });
        expect(r.code).toBe(0);
        expect(ndjson(r.stdout)).toHaveLength(SEEDED.length);
        expect(s.requests.filter((q) => q.path === '/api/v1/users.listByStatus').length).toBeGreaterThanOrEqual(4);
      });
    },
    E2E_TIMEOUT,
  );
});

describe('did you mean', () => {
  it(
    'info alise exits 3 and suggests alice on stderr',
    async () => {
      const r = await runCli(['info', 'alise'], { env: credentials(server, 'roxie') });
      expect(r).toEqual({
        code: 3,
        stdout: '',
        stderr: `rcuser: no user @alise on ${server.url}\n  did you mean @alice?\n`,
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'a partial name finds the users it starts; --json stdout stays empty',
    async () => {
      const r = await runCli(['info', 'alic', '--json'], { env: credentials(server, 'roxie') });
      expect(r).toEqual({
        code: 3,
        stdout: '',
        stderr: `rcuser: no user @alic on ${server.url}\n  did you mean @alice or @alicia.keys?\n`,
      });
    },
    E2E_TIMEOUT,
  );

  it(
    'batches make no extra calls',
    async () => {
      const mark = server.requests.length;
      const r = await runCli(['info', 'alise', 'roxie'], { env: credentials(server, 'roxie') });
      expect(r.code).toBe(3);
      expect(requestsSince(server, mark, '/api/v1/users.autocomplete')).toHaveLength(0);
    },
    E2E_TIMEOUT,
  );
});

describe.skipIf(!hasPython)(`the pager, on a terminal${PTY_SKIP}`, () => {
  it(
    'long human output goes through RCUSER_PAGER; --no-pager and --json do not',
    async () => {
      const env = { ...credentials(server, 'admin'), RCUSER_PAGER: "sed 's/^/paged: /'" };
      const paged = runInPty(['list', '--role', 'moderator'], env);
      await paged.waitFor('paged: ');
      expect(await paged.exit).toBe(0);
      expect(paged.transcript()).toMatch(/paged: \d+ users/);
      const plain = runInPty(['list', '--role', 'moderator', '--no-pager'], env);
      expect(await plain.exit).toBe(0);
      expect(plain.transcript()).not.toContain('paged: ');
      const json = runInPty(['search', 'ali', '--json'], env);
      expect(await json.exit).toBe(0);
      expect(json.transcript()).not.toContain('paged: ');
    },
    E2E_TIMEOUT,
  );
});

describe('long lists on a terminal, and Ctrl-C', () => {
  it.skipIf(!hasPython)(
    `show progress with the total on stderr${PTY_SKIP}`,
    async () => {
      await withServer({ rateLimit: { calls: 1, windowMs: 300, bypassRoles: [] } }, async (s) => {
        const session = runInPty(['list', '--no-pager'], credentials(s, 'admin'));
        expect(await session.exit).toBe(0);
        expect(session.transcript()).toMatch(new RegExp(`\\d+ of ${SEEDED.length} users`));
        expect(session.transcript()).toContain(`${SEEDED.length} users`);
      });
    },
    E2E_TIMEOUT,
  );

  it.skipIf(onWindows)(
    `an interrupted --json list leaves only complete lines${notOnWindows('POSIX signals')}`,
    async () => {
      await withServer({ rateLimit: { calls: 1, windowMs: 400, bypassRoles: [] } }, async (s) => {
        const run = spawnCli(['list', '--json'], { env: credentials(s, 'admin') });
        run.child.stdout!.once('data', () => run.child.kill('SIGINT'));
        // rcuser finishes the line it is writing and exits 130 (docs/batches.md: Signals).
        const { code, stdout: out } = await run.done;
        expect(code).toBe(130);
        const lines = ndjson(out);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.length).toBeLessThan(SEEDED.length);
      });
    },
    E2E_TIMEOUT,
  );
});

describe.each(['5.4.10', '6.6.1', '6.8.0', '7.0.0', '8.8.1', '9.0.0'])('Rocket.Chat %s', (version) => {
  it(
    'search finds alice for a regular user; list --deactivated is exactly the deactivated users',
    async () => {
      await withServer({ version }, async (s) => {
        const search = await runCli(['search', 'ali', '--json'], { env: credentials(s, 'roxie') });
        expect(search.code).toBe(0);
        expect(ndjson(search.stdout).map((u) => u.username)).toEqual(['alice', 'alicia.keys']);
        const list = await runCli(['list', '--deactivated', '--json'], { env: credentials(s, 'admin') });
        expect(list.code).toBe(0);
        expect(
          ndjson(list.stdout)
            .map((u) => u.username)
            .sort(),
        ).toEqual(usernames((u) => u.active === false));
      });
    },
    E2E_TIMEOUT,
  );
});

describe('secrets in a listing', () => {
  it(
    'a user object that carries services has every credential redacted in NDJSON',
    async () => {
      const body = JSON.stringify({
        users: [
          {
            _id: 'x1',
            username: 'leaky',
            services: {
              password: { bcrypt: '$2b$10$secrethash' },
              resume: { loginTokens: [{ hashedToken: 'HASHED-LOGIN-TOKEN' }] },
              totp: { enabled: true, secret: 'TOTPSECRETBASE32' },
            },
            active: true,
          },
        ],
        count: 1,
        offset: 0,
        total: 1,
        success: true,
      });
      await withServer(
        {
          route: (req, res) => {
            if (!req.url?.startsWith('/api/v1/users.listByStatus')) return false;
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(body);
            return true;
          },
        },
        async (s) => {
          const r = await runCli(['list', '--json'], { env: credentials(s, 'admin') });
          expect(r.code).toBe(0);
          for (const secret of ['secrethash', 'HASHED-LOGIN-TOKEN', 'TOTPSECRETBASE32'])
            expect(r.stdout).not.toContain(secret);
          expect(ndjson(r.stdout)[0]!.services.totp).toEqual({ enabled: true, secret: '[redacted]' });
        },
      );
    },
    E2E_TIMEOUT,
  );
});
