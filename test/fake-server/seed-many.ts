/**
 * A few hundred listable users for `rcuser list` and `search`: deterministic (the same users on
 * every start), with a mix of roles (moderator included), deactivated and pending accounts, users
 * who never logged in, bots and apps. The hand-written users of seed.ts are left as they are.
 */
import type { Doc } from './seed.js';

export const MANY_USERS = 300;

/** Hand-picked users the search and "did you mean" tests name; they precede the generated ones. */
export const NAMED_IDS = {
  alice: 'aLiCe7Qp2Wm9XzK4n',
  'alicia.keys': 'aLiCiA3mXp8Wq2Zr5',
  'bob.builder': 'bObBu1LdR4xQ7Wm2z',
} as const;

const FIRST = [
  'anna',
  'ben',
  'carla',
  'dmitri',
  'elena',
  'farid',
  'greta',
  'hiro',
  'ines',
  'jonas',
  'kemal',
  'lena',
  'marco',
  'nadia',
  'oskar',
  'priya',
  'quentin',
  'rosa',
  'sven',
  'tara',
];
const LAST = [
  'smith',
  'garcia',
  'nguyen',
  'kowalski',
  'okafor',
  'larsen',
  'rossi',
  'tanaka',
  'weber',
  'haddad',
  'silva',
  'novak',
  'moreau',
  'ivanova',
  'kaya',
];
const ID_CHARS = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** mulberry32: a tiny seeded PRNG, so ids look random but never change. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function id(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 17; i++) s += ID_CHARS[Math.floor(rand() * ID_CHARS.length)];
  return s;
}

const title = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const iso = (ms: number): string => new Date(ms).toISOString();

/** What kind of account generated user i is; every mix the filters care about occurs many times. */
export function traitsOf(i: number): {
  type: 'user' | 'bot' | 'app';
  roles: string[];
  active: boolean;
  neverLoggedIn: boolean;
  pending: boolean;
} {
  const type = i % 50 === 7 ? 'bot' : i % 75 === 11 ? 'app' : 'user';
  let roles: string[];
  if (type === 'bot') roles = ['bot'];
  else if (type === 'app') roles = ['app'];
  else if (i % 23 === 0) roles = ['user', 'admin'];
  else if (i % 9 === 4) roles = ['user', 'moderator'];
  else if (i % 17 === 5) roles = ['user', 'livechat-agent'];
  else if (i % 31 === 6) roles = ['guest'];
  else roles = ['user'];
  const pending = type === 'user' && i % 41 === 20;
  const active = !pending && i % 13 !== 3;
  const neverLoggedIn = pending || (type === 'user' && i % 7 === 2);
  return { type, roles, active, neverLoggedIn, pending };
}

function generated(i: number, rand: () => number): Doc {
  const { type, roles, active, neverLoggedIn, pending } = traitsOf(i);
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const username =
    type === 'bot'
      ? `${first}.bot${i}`
      : type === 'app'
        ? `${last}.app${i}`
        : `${first}.${last}${i >= FIRST.length * LAST.length ? i : ''}`;
  const created = Date.UTC(2024, 0, 1) + i * 3_600_000 * 7;
  const doc: Doc = { _id: id(rand), createdAt: iso(created) };
  if (type === 'user')
    doc.services = { password: { bcrypt: '$2b$10$fakeserverfakeserverfakeserverfakeserverfakeserverfa' } };
  doc.username = username;
  if (type === 'user') doc.emails = [{ address: `${username}@example.org`, verified: i % 5 !== 0 }];
  doc.type = type;
  doc.status = i % 6 === 0 && active ? 'online' : i % 10 === 1 && active ? 'away' : 'offline';
  doc.active = active;
  if (pending) doc.inactiveReason = 'pending_approval';
  else if (!active) doc.inactiveReason = 'deactivated';
  doc.roles = roles;
  doc.name = type === 'app' ? `${title(last)} App` : `${title(first)} ${title(last)}`;
  if (i % 8 === 3) doc.nickname = `${first.slice(0, 3)}${i}`;
  if (i % 4 === 1) doc.avatarETag = id(rand);
  if (!neverLoggedIn) doc.lastLogin = iso(created + 86_400_000 * (1 + (i % 90)));
  doc.statusConnection = doc.status;
  doc.utcOffset = (i % 25) - 12;
  return doc;
}

function named(): Doc[] {
  const base = (id: string, username: string, name: string, extra: Doc = {}): Doc => ({
    _id: id,
    createdAt: '2024-02-01T10:00:00.000Z',
    services: { password: { bcrypt: '$2b$10$fakeserverfakeserverfakeserverfakeserverfakeserverfa' } },
    username,
    emails: [{ address: `${username}@example.org`, verified: true }],
    type: 'user',
    status: 'online',
    active: true,
    roles: ['user'],
    name,
    lastLogin: '2024-09-01T08:00:00.000Z',
    statusConnection: 'online',
    utcOffset: 2,
    ...extra,
  });
  return [
    base(NAMED_IDS.alice, 'alice', 'Alice Liddell', { nickname: 'wonder' }),
    base(NAMED_IDS['alicia.keys'], 'alicia.keys', 'Alicia Keys', { status: 'away', statusConnection: 'away' }),
    base(NAMED_IDS['bob.builder'], 'bob.builder', 'Bob Builder', { roles: ['user', 'moderator'] }),
  ];
}

/** The hand-picked users, then `n` generated ones. */
export function seedManyUsers(n: number = MANY_USERS): Doc[] {
  const rand = prng(0x5eed);
  const out = named();
  for (let i = 0; i < n; i++) out.push(generated(i, rand));
  return out;
}
