import { describe, expect, it } from 'vitest';
import { legacyFiltersIgnored, legacyKeep, legacyQuery, type FoundUser } from '../../src/api/finding.js';
import { invalidQueryErrors } from '../fake-server/users-list.js';
import { didYouMeanUsers, rankSuggestions } from '../../src/commands/info/suggest.js';
import { fetchPages, type Page } from '../../src/lib/paging.js';
import { rawArrayItems, rawMember } from '../../src/lib/rawjson.js';
import { pagerCommand } from '../../src/iostreams/io.js';
import { ListProgress } from '../../src/iostreams/progress.js';
import { displayWidth } from '../../src/render/grid.js';
import { countLine, renderUserList } from '../../src/render/user-list.js';

describe('rawArrayItems', () => {
  it('cuts each element exactly as sent', () => {
    const body = '{"users":[ {"b":1,"a":"x,]}"} ,{"n":12345678901234567890} ],"total":2}';
    expect(rawArrayItems(rawMember(body, 'users')!)).toEqual(['{"b":1,"a":"x,]}"}', '{"n":12345678901234567890}']);
    expect(rawArrayItems('[]')).toEqual([]);
  });
});

describe('did you mean', () => {
  it('ranks typos and partial names, leaves far-off names out, at most three', () => {
    expect(rankSuggestions('alise', ['alicia.keys', 'alice', 'bob'])).toEqual(['alice']);
    expect(rankSuggestions('alic', ['alicia.keys', 'alice'])).toEqual(['alice', 'alicia.keys']);
    expect(rankSuggestions('ann', ['anna.a', 'anna.b', 'anna.c', 'anna.d'])).toHaveLength(3);
    expect(rankSuggestions('zed', ['alice'])).toEqual([]);
    // Case does not count: what was typed and the server's usernames may differ in it.
    expect(rankSuggestions('ALISE', ['Alice', 'bob'])).toEqual(['Alice']);
  });

  it('words one, two and three names', () => {
    expect(didYouMeanUsers([])).toBeUndefined();
    expect(didYouMeanUsers(['a'])).toBe('did you mean @a?');
    expect(didYouMeanUsers(['a', 'b', 'c'])).toBe('did you mean @a, @b or @c?');
    expect(didYouMeanUsers(['\x1b[31m'])).toBe('did you mean @\\x1b[31m?');
  });
});

describe('filters', () => {
  it('6.x query: only shapes isValidQuery accepts, an escaped case-insensitive search', () => {
    const re = { $regex: 'a\\.b', $options: 'i' };
    expect(legacyQuery({ active: true, type: 'bot', roles: ['a', 'b'], loggedIn: false, search: 'a.b' })).toEqual({
      active: true,
      type: 'bot',
      lastLogin: null,
      $and: [{ $or: [{ roles: 'a' }, { roles: 'b' }] }, { $or: [{ username: re }, { name: re }] }],
    });
    expect(legacyQuery({ roles: ['a'] })).toEqual({ $or: [{ roles: 'a' }] });
    // "Has logged in" needs an operator inside lastLogin, which 6.x refuses: filtered from the pages.
    expect(legacyQuery({ loggedIn: true })).toEqual({});
    const keep = legacyKeep({ loggedIn: true })!;
    expect(keep({ user: { lastLogin: '2024-01-01T00:00:00.000Z' }, raw: '' })).toBe(true);
    expect(keep({ user: {}, raw: '' })).toBe(false);
    expect(legacyKeep({ loggedIn: false })).toBeUndefined();
  });

  it('every filter combination passes 6.x isValidQuery (as the test server runs it)', () => {
    const attributes = [
      'name',
      'username',
      'emails',
      'roles',
      'status',
      'active',
      'avatarETag',
      'lastLogin',
      'type',
      'emails.address.*',
      'username.*',
      'name.*',
    ];
    for (const active of [undefined, true, false])
      for (const roles of [undefined, ['admin'], ['admin', 'bot']])
        for (const loggedIn of [undefined, true, false])
          for (const search of [undefined, 'jo']) {
            const q = legacyQuery({ active, roles, loggedIn, search, type: 'user' });
            expect(invalidQueryErrors({ $or: [], ...q }, attributes, ['$or', '$and'])).toEqual([]);
          }
  });

  it('knows when a 6.x server dropped the role and login filters', () => {
    const page = (users: Array<Record<string, unknown>>): FoundUser[] =>
      users.map((user) => ({ user, raw: JSON.stringify(user) }));
    expect(legacyFiltersIgnored({ roles: ['admin'], loggedIn: false }, page([{ username: 'a' }]))).toEqual([
      '--role',
      '--never-logged-in',
    ]);
    expect(legacyFiltersIgnored({ roles: ['admin'] }, page([{ username: 'a', roles: ['admin'] }]))).toEqual([]);
    expect(legacyFiltersIgnored({ active: true }, page([{ username: 'a' }]))).toEqual([]);
  });
});

describe('fetchPages', () => {
  const server = (total: number, cap: number) => {
    const asked: number[] = [];
    const fetchPage = async (offset: number): Promise<Page<string>> => {
      asked.push(offset);
      const n = Math.max(0, Math.min(cap, total - offset));
      return { users: Array.from({ length: n }, (_, i) => `u${offset + i}`), total };
    };
    return { asked, fetchPage };
  };

  it('steps by what the server sent, not by what was asked, and keeps the order', async () => {
    const { asked, fetchPage } = server(230, 50);
    const seen: string[] = [];
    const r = await fetchPages(fetchPage, { concurrency: 3, onPage: (items) => seen.push(...items) });
    expect(r).toEqual({ fetched: 230, total: 230 });
    expect(asked.sort((a, b) => a - b)).toEqual([0, 50, 100, 150, 200]);
    expect(seen).toEqual(Array.from({ length: 230 }, (_, i) => `u${i}`));
  });

  it('stops at --limit without asking for pages past it', async () => {
    const { asked, fetchPage } = server(1000, 100);
    let n = 0;
    await fetchPages(fetchPage, { concurrency: 2, limit: 150, onPage: (items) => (n += items.length) });
    expect(n).toBe(150);
    expect(asked.sort((a, b) => a - b)).toEqual([0, 100]);
  });

  it('ends at the first empty page whatever the total says, and counts what came', async () => {
    const asked: number[] = [];
    const fetchPage = async (offset: number): Promise<Page<string>> => {
      asked.push(offset);
      return {
        users: offset < 150 ? Array.from({ length: Math.min(100, 150 - offset) }, (_, i) => `u${offset + i}`) : [],
        total: 1e9,
      };
    };
    const r = await fetchPages(fetchPage, { concurrency: 4, key: (u) => u, onPage: () => undefined });
    expect(r).toEqual({ fetched: 150, total: 150, claimed: 1e9 });
    expect(asked.length).toBeLessThanOrEqual(6);
  });

  it('stops at a page of items all seen before (offset ignored), with or without a total', async () => {
    for (const total of [100_000, undefined]) {
      const asked: number[] = [];
      const fetchPage = async (offset: number): Promise<Page<string>> => {
        asked.push(offset);
        return { users: Array.from({ length: 100 }, (_, i) => `u${i}`), total };
      };
      const seen: string[] = [];
      const r = await fetchPages(fetchPage, { concurrency: 4, key: (u) => u, onPage: (items) => seen.push(...items) });
      expect(r.repeatedAt).toBe(100);
      expect(seen).toHaveLength(100);
      expect(asked.length).toBeLessThanOrEqual(6);
    }
  });

  it('takes a negative or fractional total for none, and reads on until a short page', async () => {
    for (const total of [-5, 1.5, Number.NaN]) {
      const fetchPage = async (offset: number): Promise<Page<string>> => ({
        users: Array.from({ length: Math.max(0, Math.min(100, 150 - offset)) }, (_, i) => `u${offset + i}`),
        total,
      });
      const r = await fetchPages(fetchPage, { concurrency: 2, onPage: () => undefined });
      expect(r).toEqual({ fetched: 150, total: undefined });
    }
  });
});

describe('the list table', () => {
  it('says how many, and how many in all when --limit cut it short', () => {
    expect(countLine(1, 1)).toBe('1 user');
    expect(countLine(1200, undefined)).toBe('1,200 users');
    expect(countLine(20, 312)).toBe('20 of 312 users');
  });

  it('leaves out the status and active columns when no row has them (the 6.x directory)', () => {
    const head = renderUserList(
      [{ username: 'alice', name: 'Alice Liddell', emails: [{ address: 'alice@example.org' }] }],
      { color: false, footer: '1 user' },
    ).split('\n')[1]!;
    expect(
      head
        .split('│')
        .map((c) => c.trim())
        .filter(Boolean),
    ).toEqual(['Username', 'Name', 'Emails']);
  });

  it('drops e-mails, then roles, on a terminal too narrow for them', () => {
    const rows = [
      {
        username: 'someone.long',
        name: 'Some One Long',
        status: 'offline',
        active: true,
        roles: ['user', 'livechat-agent'],
        emails: [{ address: 'someone.long@example.org' }],
      },
    ];
    expect(renderUserList(rows, { color: false, columns: 200, footer: '' }).split('\n')[1]).toContain('Emails');
    const narrow = renderUserList(rows, { color: false, columns: 60, footer: '' }).split('\n');
    expect(narrow[1]).toContain('Roles');
    expect(narrow[1]).not.toContain('Emails');
    expect(renderUserList(rows, { color: false, columns: 45, footer: '' }).split('\n')[1]).not.toContain('Roles');
  });

  it('fits a 60-column terminal and ends with the count line', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      username: `someone.with.a.long.name${i}`,
      name: `Some One With A Long Name ${i}`,
      status: 'offline',
      active: i % 2 === 0,
      roles: ['user', 'livechat-agent'],
      emails: [{ address: `someone${i}@example.org` }],
    }));
    const out = renderUserList(rows, { color: false, columns: 60, footer: '30 users' });
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    expect(lines.at(-1)).toBe('30 users');
  });

  it('leaves out roles and e-mails when the server did not send them', () => {
    const out = renderUserList([{ username: 'a', name: 'A', status: 'online', active: true }], {
      color: false,
      footer: '1 user',
    });
    expect(out.split('\n')[1]).toBe('│ Username │ Name │ Status │ Active │');
  });
});

describe('pager choice', () => {
  it('RCUSER_PAGER, then PAGER, then less -FRX; empty or cat turns it off', () => {
    expect(pagerCommand({})).toBe('less -FRX');
    expect(pagerCommand({ PAGER: 'more' })).toBe('more');
    expect(pagerCommand({ PAGER: 'more', RCUSER_PAGER: 'most' })).toBe('most');
    expect(pagerCommand({ RCUSER_PAGER: '' })).toBeUndefined();
    expect(pagerCommand({ PAGER: 'cat' })).toBeUndefined();
  });
});

describe('list progress', () => {
  it('shows "n of total users" after half a second, throttled, and erases itself', async () => {
    let t = 0;
    let out = '';
    const p = new ListProgress(
      (s) => (out += s),
      () => t,
    );
    p.update(100, 5312);
    expect(out).toBe('');
    t = 600;
    p.update(1200, 5312);
    t = 650;
    p.update(1300, 5312);
    expect(out).toBe('\r\x1b[2K1,200 of 5,312 users');
    p.clear();
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });
});
