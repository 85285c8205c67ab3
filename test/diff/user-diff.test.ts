/** The diff engine (src/lib/user-diff.ts): pure, over streams of lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiffLineError, diffUserLines, parseUserLine, type UserChange } from '../../src/lib/user-diff.js';

async function* from(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

async function diff(
  a: string[],
  b: string[],
): Promise<{ changes: UserChange[]; counts: Awaited<ReturnType<typeof diffUserLines>> }> {
  const changes: UserChange[] = [];
  const counts = await diffUserLines(from(a), from(b), (c) => changes.push(c));
  return { changes, counts };
}

const line = (u: object): string => JSON.stringify(u);

const user = fc.record(
  {
    _id: fc.string({ minLength: 1, maxLength: 6 }),
    username: fc.string({ maxLength: 8 }),
    name: fc.option(fc.string({ maxLength: 8 })),
    roles: fc.array(fc.constantFrom('user', 'admin', 'bot', 'moderator', 'guest'), { maxLength: 3 }),
    active: fc.boolean(),
    type: fc.constantFrom('user', 'bot', 'app'),
    emails: fc.array(fc.record({ address: fc.constantFrom('a@x', 'b@x', 'c@x'), verified: fc.boolean() }), {
      maxLength: 2,
    }),
    lastLogin: fc.option(
      fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    status: fc.constantFrom('online', 'offline'),
  },
  { requiredKeys: ['_id'] },
);
const list = fc.uniqueArray(user, { selector: (u) => u._id, maxLength: 25 });

describe('diffUserLines', () => {
  it('a list compared with itself has no differences', async () => {
    await fc.assert(
      fc.asyncProperty(list, async (users) => {
        const lines = users.map(line);
        const { changes, counts } = await diff(lines, lines);
        expect(changes).toEqual([]);
        expect(counts).toMatchObject({ before: users.length, after: users.length, added: 0, removed: 0, changed: 0 });
      }),
    );
  });

  it('added and removed are symmetric: swapping the files swaps them, and changes reverse', async () => {
    await fc.assert(
      fc.asyncProperty(list, list, async (a, b) => {
        const ab = await diff(a.map(line), b.map(line));
        const ba = await diff(b.map(line), a.map(line));
        const ids = (r: typeof ab, kind: UserChange['change']) =>
          r.changes
            .filter((c) => c.change === kind)
            .map((c) => c._id)
            .sort();
        expect(ids(ab, 'added')).toEqual(ids(ba, 'removed'));
        expect(ids(ab, 'removed')).toEqual(ids(ba, 'added'));
        expect(ids(ab, 'changed')).toEqual(ids(ba, 'changed'));
        // Each change reversed: old and new swap, added and removed roles swap.
        for (const c of ab.changes.filter((x) => x.change === 'changed')) {
          const back = ba.changes.find((x) => x.change === 'changed' && x._id === c._id)!;
          expect(Object.keys(back.fields)).toEqual(Object.keys(c.fields));
          for (const [k, v] of Object.entries(c.fields) as Array<[string, Record<string, unknown>]>) {
            const w = back.fields[k] as Record<string, unknown>;
            if ('old' in v) expect(w).toEqual({ old: v.new, new: v.old });
            else {
              expect([...(w.added as string[])].sort()).toEqual([...(v.removed as string[])].sort());
              expect([...(w.removed as string[])].sort()).toEqual([...(v.added as string[])].sort());
            }
          }
        }
        // Every id is accounted for once.
        const union = new Set([...a, ...b].map((u) => u._id));
        expect(ab.counts.added + ab.counts.removed + (a.length - ab.counts.removed)).toBe(union.size);
      }),
    );
  });

  it('ignores what it does not compare, and the order of roles and e-mails', async () => {
    const a = {
      _id: 'u1',
      username: 'al',
      roles: ['user', 'admin'],
      emails: [
        { address: 'a@x', verified: true },
        { address: 'b@x', verified: false },
      ],
      status: 'online',
    };
    const b = { ...a, roles: ['admin', 'user'], emails: [...a.emails].reverse(), status: 'away', statusText: 'lunch' };
    expect((await diff([line(a)], [line(b)])).changes).toEqual([]);
  });

  it('reports each compared field, roles and e-mails by name', async () => {
    const a = {
      _id: 'u1',
      username: 'al',
      name: 'Al',
      roles: ['user', 'moderator'],
      active: true,
      type: 'user',
      emails: [{ address: 'a@x', verified: false }],
    };
    const b = {
      _id: 'u1',
      username: 'al2',
      name: 'Al B',
      roles: ['user', 'admin'],
      active: false,
      type: 'bot',
      emails: [{ address: 'a@x', verified: true }, { address: 'b@x' }],
      lastLogin: '2026-01-01T00:00:00.000Z',
    };
    const { changes } = await diff([line(a)], [line(b)]);
    expect(changes).toEqual([
      {
        change: 'changed',
        _id: 'u1',
        username: 'al2',
        fields: {
          username: { old: 'al', new: 'al2' },
          name: { old: 'Al', new: 'Al B' },
          roles: { added: ['admin'], removed: ['moderator'] },
          active: { old: true, new: false },
          type: { old: 'user', new: 'bot' },
          emails: { added: ['b@x'], removed: [], verified: ['a@x'] },
          lastLogin: { old: null, new: '2026-01-01T00:00:00.000Z' },
        },
      },
    ]);
  });

  it('reads batch lines {"query","user"}, skips not-found lines, and lists changes in order', async () => {
    const a = [
      line({ query: 'x', user: { _id: 'u1', username: 'x' } }),
      line({ query: 'gone', error: 'User not found.', status: 400 }),
      line({ _id: 'u2', username: 'y' }),
      '',
    ];
    const b = [line({ _id: 'u3', username: 'z' }), line({ _id: 'u1', username: 'x', active: false })];
    const { changes, counts } = await diff(a, b);
    expect(changes.map((c) => `${c.change} ${c._id}`)).toEqual(['added u3', 'changed u1', 'removed u2']);
    expect(counts).toEqual({ before: 2, after: 2, added: 1, removed: 1, changed: 1, notFound: [1, 0] });
  });

  it('a user listed twice counts once, with its first line', async () => {
    const u = { _id: 'u1', username: 'x' };
    const { changes, counts } = await diff(
      [line(u), line({ ...u, name: 'other' })],
      [line(u), line({ ...u, active: false })],
    );
    expect(changes).toEqual([]);
    expect(counts.before).toBe(1);
  });

  it('a line that is not a user names its side and line', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"_id":', /^not JSON/],
      ['[1]', /^not a user object \(an array\)/],
      ['null', /^not a user object \(null\)/],
      ['"alice"', /^not a user object \(a string\)/],
      ['{"username":"x"}', /^not a user object \(no "_id"\)/],
      ['{"query":"x","status":400}', /^a batch line with neither/],
    ];
    for (const [bad, message] of cases) {
      for (const side of [0, 1] as const) {
        const good = [line({ _id: 'a' }), line({ _id: 'b' })];
        const withBad = [...good, bad];
        const err = await diff(side === 0 ? withBad : good, side === 1 ? withBad : good).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DiffLineError);
        expect((err as DiffLineError).message).toMatch(message);
        expect([(err as DiffLineError).side, (err as DiffLineError).line]).toEqual([side, 3]);
      }
    }
  });

  it('parseUserLine keeps a user whose own fields are named like a batch line', () => {
    expect(parseUserLine('{"_id":"u1","query":"q","user":{"_id":"u2"}}', 1)).toEqual({
      user: { _id: 'u1', query: 'q', user: { _id: 'u2' } },
    });
  });
});
