import { describe, expect, it } from 'vitest';
import type { User } from '../../src/api/types.js';
import { renderUser } from '../../src/render/user.js';
import { formatUtcOffset, relativeTime, clean, formatDate } from '../../src/render/text.js';
import { testJohn } from './fixtures.js';

const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const SERVER = 'https://chat.example.com';
const opts = { color: false, now: NOW, server: SERVER };

describe('renderUser', () => {
  it('renders the seeded test.john like the contract example', () => {
    expect(renderUser(testJohn(), opts)).toBe(
      [
        'Test John (@test.john)  ● offline',
        '  ID          5fRTXMt7DMJbpPJfh',
        '  Nickname    tesuser2',
        '  Type        user, active',
        '  Roles       user, admin',
        '  Emails      test.john@test.com (verified)',
        '  Created     2023-07-10 16:44 UTC (3 years ago)',
        '  Last login  2023-10-10 23:40 UTC (3 years ago)',
        '  UTC offset  UTC+01:00',
        '  2FA         e-mail codes',
        '  Sign-in     password',
        '  Avatar      https://chat.example.com/avatar/test.john',
        '',
      ].join('\n'),
    );
  });

  it('leaves out what the server left out (a plain user looking at someone else)', () => {
    const user: User = {
      _id: 'nSYqWzZ4GsKTX4dyK',
      type: 'user',
      status: 'offline',
      active: true,
      name: 'Example User',
      utcOffset: 0,
      username: 'example',
      avatarETag: 'x',
      canViewAllInfo: false,
    };
    expect(renderUser(user, opts)).toBe(
      [
        'Example User (@example)  ● offline',
        '  ID          nSYqWzZ4GsKTX4dyK',
        '  Type        user, active',
        '  UTC offset  UTC+00:00',
        '  Avatar      https://chat.example.com/avatar/example',
        '  Limited view: e-mails, roles, dates and phone need view-full-other-user-info',
        '',
      ].join('\n'),
    );
    // Dim when colored; absent when the server says the view is full, or says nothing.
    expect(renderUser(user, { ...opts, color: true })).toContain('\u001b[2mLimited view:');
    expect(renderUser({ ...user, canViewAllInfo: true }, opts)).not.toContain('Limited view');
    const { canViewAllInfo: _, ...older } = user;
    expect(renderUser(older, opts)).not.toContain('Limited view');
  });

  it('shows phone, VoIP extension, livechat status and a required password change', () => {
    const user: User = {
      _id: 'ag1',
      username: 'agent',
      phone: '+49 30 1234567',
      freeSwitchExtension: '1042',
      statusLivechat: 'not-available',
      requirePasswordChange: true,
      requirePasswordChangeReason: 'expired',
    };
    expect(renderUser(user, opts)).toBe(
      [
        '@agent',
        '  ID         ag1',
        '  Phone      +49 30 1234567',
        '  Extension  1042',
        '  Livechat   not available',
        '  Password   change required (expired)',
        '  Avatar     https://chat.example.com/avatar/agent',
        '',
      ].join('\n'),
    );
    expect(renderUser({ ...user, statusLivechat: 'available', requirePasswordChange: false }, opts)).toMatch(
      /Livechat {3}available\n(?!.*Password)/s,
    );
  });

  it('shows a bare user with only an id and a username', () => {
    expect(renderUser({ _id: 'abc', username: 'bob' }, opts)).toBe(
      '@bob\n  ID      abc\n  Avatar  https://chat.example.com/avatar/bob\n',
    );
  });

  it('puts status text in the heading, and the connection only when it differs', () => {
    const out = renderUser(
      {
        username: 'jane',
        name: 'Jane',
        status: 'away',
        statusText: 'On call',
        statusConnection: 'online',
        active: false,
        type: 'user',
      },
      opts,
    );
    expect(out).toBe(
      [
        'Jane (@jane)  ● away · On call',
        '  Connection  online',
        '  Type        user, deactivated',
        '  Avatar      https://chat.example.com/avatar/jane',
        '',
      ].join('\n'),
    );
  });

  it('shows bio, reason, import ids, password change and custom fields under their own label', () => {
    const user: User = {
      username: 'jane.doe',
      bio: 'Platform team',
      reason: 'joined from Slack',
      importIds: ['slack-U012AB3CD'],
      requirePasswordChange: true,
      requirePasswordChangeReason: 'expired',
      customFields: { department: 'Engineering', employeeId: 'E-1042', empty: '' },
    };
    expect(renderUser(user, opts)).toBe(
      [
        '@jane.doe',
        '  Import IDs     slack-U012AB3CD',
        '  Password       change required (expired)',
        '  Bio            Platform team',
        '  Reason         joined from Slack',
        '  Avatar         https://chat.example.com/avatar/jane.doe',
        '  Custom fields  department: Engineering',
        '                 employeeId: E-1042',
        '',
      ].join('\n'),
    );
  });

  it('never shows services: no secrets, no token hashes, only which 2FA methods are on', () => {
    const user: User = {
      username: 'tina',
      services: {
        password: { bcrypt: '$2b$10$SECRETHASH' },
        resume: { loginTokens: [{ hashedToken: 'HASHEDTOKEN', when: '2024-01-01' }] },
        totp: { enabled: true, secret: 'TOTPSECRET', hashedBackup: ['BACKUP'] },
        email2fa: { enabled: false },
      },
    };
    const out = renderUser(user, opts);
    expect(out).toBe(
      '@tina\n  2FA      authenticator app\n  Sign-in  password\n  Avatar   https://chat.example.com/avatar/tina\n',
    );
    for (const secret of ['SECRETHASH', 'HASHEDTOKEN', 'TOTPSECRET', 'BACKUP', 'resume', 'services'])
      expect(out).not.toContain(secret);
  });

  it('neutralises control characters in everything the server sends', () => {
    const user: User = {
      _id: 'id\u0007',
      username: 'evil\u001b]0;pwned\u0007',
      name: '\u001b[2J\u001b[31mBoss\u001b[0m',
      nickname: 'a\u202eb',
      status: 'online\u001b[5m',
      emails: [{ address: 'x@y\r\n', verified: true }],
      customFields: { 'k\u001b': 'v\u009b31m' },
    };
    const out = renderUser(user, opts);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toBe(
      [
        '\\x1b[2J\\x1b[31mBoss\\x1b[0m (@evil\\x1b]0;pwned\\x07)  ● online\\x1b[5m',
        '  ID             id\\x07',
        '  Nickname       a\\u202eb',
        '  Emails         x@y\\x0d\\x0a (verified)',
        '  Avatar         https://chat.example.com/avatar/evil%1B%5D0%3Bpwned%07',
        '  Custom fields  k\\x1b: v\\x9b31m',
        '',
      ].join('\n'),
    );
  });

  it('colors the heading, the status marker and the labels only when asked', () => {
    const colored = renderUser({ username: 'r', name: 'R', status: 'online', _id: 'i' }, { ...opts, color: true });
    expect(colored).toContain('\u001b[32m●\u001b[39m online');
    expect(colored).toContain('\u001b[1mR\u001b[22m');
    expect(renderUser({ username: 'r', name: 'R', status: 'online', _id: 'i' }, opts)).not.toContain('\u001b');
  });
});

describe('text helpers', () => {
  it.each([
    [1, 'UTC+01:00'],
    [-3, 'UTC-03:00'],
    [5.5, 'UTC+05:30'],
    [0, 'UTC+00:00'],
    [-9.5, 'UTC-09:30'],
    [5.75, 'UTC+05:45'],
    ['2', 'UTC+02:00'],
  ])('formatUtcOffset(%j) is %s', (input, expected) => {
    expect(formatUtcOffset(input)).toBe(expected);
  });

  it.each([['abc'], [30], [null], [undefined], [''], [Number.NaN]])('formatUtcOffset(%j) is undefined', (input) => {
    expect(formatUtcOffset(input)).toBeUndefined();
  });

  it('relative ages', () => {
    const ago = (s: number) => relativeTime(new Date(NOW - s * 1000).toISOString(), NOW);
    expect(ago(30)).toBe('just now');
    expect(ago(90)).toBe('1 minute ago');
    expect(ago(3 * 3600)).toBe('3 hours ago');
    expect(ago(2 * 86400)).toBe('2 days ago');
    expect(ago(15 * 86400)).toBe('2 weeks ago');
    expect(ago(45 * 86400)).toBe('1 month ago');
    expect(ago(400 * 86400)).toBe('1 year ago');
    expect(ago(-2 * 86400)).toBe('in 2 days');
    expect(relativeTime('not a date', NOW)).toBeUndefined();
    expect(relativeTime({}, NOW)).toBeUndefined();
  });

  it('a value that is not a date is shown as given, cleaned', () => {
    expect(formatDate('yesterday')).toBeUndefined();
    expect(renderUser({ username: 'u', createdAt: 'yesterday\u001b' }, opts)).toContain('  Created  yesterday\\x1b\n');
  });

  it('clean() cuts long values and prints objects as JSON', () => {
    expect(clean('abcdef', 4)).toBe('abc…');
    expect(clean({ a: 1 })).toBe('{"a":1}');
    expect(clean(undefined)).toBe('');
    expect(clean(42)).toBe('42');
  });
});

describe('server strings that name Object members', () => {
  it('a status or room type of "__proto__" or "toString" is shown as text, not looked up', async () => {
    const { renderRooms } = await import('../../src/render/rooms.js');
    const opts = { color: true, now: Date.parse('2026-11-27T00:00:00Z'), server: 'https://chat.example.com' };
    for (const s of ['__proto__', 'toString', 'constructor']) {
      expect(renderUser({ username: 'u', status: s }, opts).split('\n')[0]).toContain(`● ${s}`);
      expect(renderRooms([{ name: 'r', t: s, rid: 'R' }], { color: false })).toContain(`│ ${s}`);
    }
  });
});
