import type { RoomSubscription, User } from '../../src/api/types.js';

/** test.john as users.info returns him to himself (the OpenAPI example of users.info). */
export function testJohn(): User {
  return {
    _id: '5fRTXMt7DMJbpPJfh',
    createdAt: '2023-07-10T16:44:58.548Z',
    services: { password: true, email2fa: { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' } },
    username: 'test.john',
    emails: [{ address: 'test.john@test.com', verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user', 'admin'],
    name: 'Test John',
    requirePasswordChange: false,
    lastLogin: '2023-10-10T23:40:46.093Z',
    statusConnection: 'offline',
    utcOffset: 1,
    statusText: '',
    avatarETag: 'GFoEi6wv3uAxnzDcD',
    nickname: 'tesuser2',
    canViewAllInfo: true,
  };
}

/** test.john's subscriptions as the seeded server sorts them (t, then name, binary order). */
export function testJohnRooms(): RoomSubscription[] {
  return [
    { _id: '651667dda2f73c7460e18cce', rid: 'JKa7R9zu2DinBhBN9', name: 'Livestream', t: 'c', unread: 1 },
    { _id: 'GENERAL5fRTXMt7DMJbpPJfh', rid: 'GENERAL', name: 'general', t: 'c', unread: 0 },
    {
      _id: '64adb09baa5ad4273bfc0cc0',
      rid: '64adb09baa5ad4273bfc0cbf',
      name: 'test-room',
      t: 'c',
      unread: 0,
      roles: ['owner'],
    },
    { _id: 'Tr7yKp2WmX9qLz4Nc', rid: 'TRYr4mZ8pQx2Wk7Lb', name: 'try', t: 'c', unread: 0 },
    { _id: 'g5xHGWAGLA7vZXwW8', rid: '5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ', name: 'roxie', t: 'd', unread: 2 },
    { _id: 'Nw8qZ3mKp5Xr2LvTc', rid: 'WDuJLFkjwk6L7LdFC', name: 'new', t: 'p', unread: 0, roles: ['leader'] },
    { _id: 'Hq3rW8mZp2Lx7NvKc', rid: 'aUd1tRm5Qx8Yp3ZwK', name: 'test-audit', t: 'p', unread: 0 },
  ];
}

/** test.john's rooms as `rcuser info test.john --rooms` draws them, without color. */
export const TEST_JOHN_ROOMS = [
  'Rooms (7)',
  '┌────────────┬─────────┬────────┬────────┬────────────────────────────────────┐',
  '│ Room       │ Type    │ Unread │ Roles  │ Room ID                            │',
  '├────────────┼─────────┼────────┼────────┼────────────────────────────────────┤',
  '│ general    │ channel │      0 │        │ GENERAL                            │',
  '│ Livestream │ channel │      1 │        │ JKa7R9zu2DinBhBN9                  │',
  '│ test-room  │ channel │      0 │ owner  │ 64adb09baa5ad4273bfc0cbf           │',
  '│ try        │ channel │      0 │        │ TRYr4mZ8pQx2Wk7Lb                  │',
  '│ roxie      │ direct  │      2 │        │ 5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ │',
  '│ new        │ private │      0 │ leader │ WDuJLFkjwk6L7LdFC                  │',
  '│ test-audit │ private │      0 │        │ aUd1tRm5Qx8Yp3ZwK                  │',
  '└────────────┴─────────┴────────┴────────┴────────────────────────────────────┘',
  '',
].join('\n');
