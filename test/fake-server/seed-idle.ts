/**
 * Users for `list --idle`, added on demand (the default seed stays as other tests know it): last
 * logins spread over years, one exactly at a cutoff and one a millisecond after it, one who never
 * logged in, one deactivated, a bot; and two relative to now, either side of 90 days.
 * Every default seed user logged in after IDLE_CUTOFF (the oldest: 2019-03-02), so `--idle
 * 2017-01-01` lists exactly the users below whose `idle` is true.
 */
import type { Doc } from './seed.js';

export const IDLE_CUTOFF = '2017-01-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

export interface IdleSeed {
  doc: Doc;
  /** Listed by `--idle 2017-01-01`. */
  idle: boolean;
}

function user(id: string, username: string, lastLogin: string | undefined, extra: Doc = {}): Doc {
  const doc: Doc = {
    _id: id,
    createdAt: '2009-01-01T00:00:00.000Z',
    username,
    emails: [{ address: `${username}@example.net`, verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user'],
    name: username.replace('.', ' '),
  };
  if (lastLogin) doc.lastLogin = lastLogin;
  return { ...doc, ...extra };
}

export function idleSeed(now = Date.now()): IdleSeed[] {
  const ago = (days: number) => new Date(now - days * DAY_MS).toISOString();
  return [
    { doc: user('idLe2010aaaaaaaaa', 'idle.2010', '2010-05-05T05:05:05.000Z'), idle: true },
    {
      doc: user('idLe2014aaaaaaaaa', 'idle.2014', '2014-02-02T02:02:02.000Z', { roles: ['user', 'moderator'] }),
      idle: true,
    },
    {
      doc: user('idLeBotaaaaaaaaaa', 'idle.bot', '2011-11-11T11:11:11.000Z', { type: 'bot', roles: ['bot'] }),
      idle: true,
    },
    { doc: user('idLeCutoffaaaaaaa', 'idle.cutoff', IDLE_CUTOFF), idle: true },
    { doc: user('idLeAfteraaaaaaaa', 'idle.just-after', '2017-01-01T00:00:00.001Z'), idle: false },
    { doc: user('idLe2018aaaaaaaaa', 'idle.2018', '2018-07-07T07:07:07.000Z'), idle: false },
    { doc: user('idLeOffaaaaaaaaaa', 'idle.deactivated', '2012-01-01T00:00:00.000Z', { active: false }), idle: false },
    { doc: user('idLeNeveraaaaaaaa', 'idle.never', undefined), idle: false },
    { doc: user('idLe100daaaaaaaaa', 'idle.100d', ago(100)), idle: false },
    { doc: user('idLe80daaaaaaaaaa', 'idle.80d', ago(80)), idle: false },
  ];
}

/** Add the idle seed to a running test server. */
export function addIdleUsers(server: { addUser(doc: Doc): void }, now = Date.now()): IdleSeed[] {
  const seed = idleSeed(now);
  for (const s of seed) server.addUser(s.doc);
  return seed;
}
