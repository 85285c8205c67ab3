/**
 * Seed data. User docs are plain objects whose key order is the order the server sends them in;
 * test.john mirrors the users.info example in Rocket.Chat's OpenAPI docs.
 */
import { createHash } from 'node:crypto';

export type Doc = Record<string, unknown>;

const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** RFC 6238's test key ("12345678901234567890"), so the RFC vectors double as tests. */
export const TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

export const SEED_PASSWORDS: Record<string, string> = {
  'test.john': 'test.john-pw',
  admin: 'admin-pw',
  'jane.doe': 'jane-pw',
  'rocket.bot': 'bot-pw',
  roxie: 'roxie-pw',
  'tina.totp': 'tina-pw',
  'eddie.email': 'eddie-pw',
  'old.timer': 'old-pw',
  'app.user': 'app-pw',
  'pat.pending': 'pending-pw',
  'nora.noroles': 'noroles-pw',
  'uma.unverified': 'unverified-pw',
  'forbid.den': 'forbidden-pw',
};

export const SEED_IDS = {
  'test.john': '5fRTXMt7DMJbpPJfh',
  admin: 'aobEdbYhXfu5hkeqG',
  'jane.doe': 'jN4e7DpQx9Hm2RtKw',
  'rocket.bot': 'BtRkT7cPqW3xYz9aM',
  roxie: 'rbAXPnMktTFbNpwtJ',
  'tina.totp': 'TnaTtp4QwErTy5uXz',
  'eddie.email': 'EdE9mLx4KqPz7WcvB',
  'old.timer': 'oLdTmR8kW3nQp5ZxY',
  'otto.oauth': 'oTtOaUtH3mKq8ZpWx',
  'sam.saml': 'sAmSmL7xQw2Kp9ZtR',
  'app.user': 'aPpUsR4kW9qLx2ZmN',
  'pat.pending': 'pAtPnD6wQx3Km8ZrT',
  'nora.noroles': 'nOrAnR5qWx8Lk3ZpM',
  'uma.unverified': 'uMaUnV2kQw7Xp4ZrL',
  'forbid.den': 'fOrBdN9wKq4Xm2ZpT',
} as const;

/**
 * tina.totp's backup codes: 12 of `Random.id(8)`'s alphabet, mixed case (TOTP.generateCodes in
 * apps/meteor/app/2fa/server/lib/totp.ts); the doc keeps only their SHA-256 hex.
 */
export const TOTP_BACKUP_CODES = [
  'k7Qm2XpR',
  'Zt4wLn9B',
  'Hx3cVq8M',
  'pR6yTf2K',
  'Wj9aEs4N',
  'Gd2uKm7Y',
  'qN8bXr3F',
  'Ls5hPz6C',
  'Ye7vMt4D',
  'Bc3nJw9S',
  'Tf6kQx2H',
  'Rm4pGy8Z',
];

/** Secret values seeded into `services`: tests grep rcuser's output for each of them. */
export const SEEDED_SECRETS = {
  passwordHistory: '$2b$10$oldpasswordhasholdpasswordhasholdpasswordhashold',
  verificationToken: 'vErIfY-tOkEn-7Qm2XpRZt4wLn9BHx3c',
  googleAccessToken: 'ya29.a0AfB_byGoogleAccessTokenSeededForTests',
  googleRefreshToken: '1//0gGoogleRefreshTokenSeededForTests',
  googleIdToken: 'eyJhbGciOiJSUzI1NiJ9.googleIdTokenSeeded.sig',
  corpJwt: 'eyJhbGciOiJIUzI1NiJ9.corpSsoJwtSeeded.sig',
  corpSessionToken: 'corp-sso-session-Zt4wLn9BHx3cVq8M',
  samlSession: '_saml-idp-session-4f2a9c',
} as const;

/** Custom field keys flagged `public` in Accounts_CustomFields; the rest need canViewAllInfo. */
export const PUBLIC_CUSTOM_FIELDS = ['department'];

// Stored services.password is opaque to clients; only its presence matters (self view shows `true`).
const pw = (): Doc => ({ bcrypt: '$2b$10$fakeserverfakeserverfakeserverfakeserverfakeserverfa' });

function plainUser(id: string, username: string, name: string, extra: Doc = {}): Doc {
  return {
    _id: id,
    createdAt: '2024-01-15T09:30:00.000Z',
    services: { password: pw() },
    username,
    emails: [{ address: `${username}@example.com`, verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user'],
    name,
    requirePasswordChange: false,
    lastLogin: '2024-06-01T12:00:00.000Z',
    statusConnection: 'offline',
    utcOffset: 0,
    ...extra,
  };
}

export function seedUsers(): Doc[] {
  return [
    {
      _id: SEED_IDS['test.john'],
      createdAt: '2023-07-10T16:44:58.548Z',
      services: { password: pw() },
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
    },
    plainUser(SEED_IDS.admin, 'admin', 'Administrator', { roles: ['admin'] }),
    plainUser(SEED_IDS['jane.doe'], 'jane.doe', 'Jane Doe', {
      utcOffset: -5,
      statusText: 'On call',
      bio: 'Platform team',
      importIds: ['slack-U012AB3CD'],
      customFields: { department: 'Engineering', employeeId: 'E-1042' },
    }),
    {
      _id: SEED_IDS['rocket.bot'],
      createdAt: '2023-07-10T16:40:00.000Z',
      services: { password: pw() },
      username: 'rocket.bot',
      type: 'bot',
      status: 'online',
      active: true,
      roles: ['bot'],
      name: 'Rocket Bot',
      statusConnection: 'online',
      utcOffset: 0,
    },
    plainUser(SEED_IDS.roxie, 'roxie', 'Roxie', { status: 'away', utcOffset: 5.5 }),
    plainUser(SEED_IDS['tina.totp'], 'tina.totp', 'Tina Totp', {
      services: {
        password: pw(),
        totp: { enabled: true, secret: TOTP_SECRET, hashedBackup: TOTP_BACKUP_CODES.map(sha256Hex) },
        passwordHistory: [SEEDED_SECRETS.passwordHistory],
        email: {
          verificationTokens: [
            {
              token: SEEDED_SECRETS.verificationToken,
              address: 'tina.totp@example.com',
              when: '2024-01-15T09:30:00.000Z',
            },
          ],
        },
      },
    }),
    plainUser(SEED_IDS['eddie.email'], 'eddie.email', 'Eddie Email', {
      services: { password: pw(), email2fa: { enabled: true, changedAt: '2024-01-15T09:31:00.000Z' } },
    }),
    plainUser(SEED_IDS['old.timer'], 'old.timer', 'Old Timer', {
      active: false,
      lastLogin: '2019-03-02T08:00:00.000Z',
    }),
    // Signs in only through Google and a custom OAuth provider: no local password (SSO-only).
    plainUser(SEED_IDS['otto.oauth'], 'otto.oauth', 'Otto OAuth', {
      services: {
        google: {
          id: '109876543210987654321',
          accessToken: SEEDED_SECRETS.googleAccessToken,
          idToken: SEEDED_SECRETS.googleIdToken,
          scope: ['email', 'profile'],
          expiresAt: 1767225600000,
          refreshToken: SEEDED_SECRETS.googleRefreshToken,
          email: 'otto@gmail.example',
          verified_email: true,
          name: 'Otto OAuth',
        },
        // A custom OAuth provider is stored under its own name, with whatever its token fields are called.
        'corp-sso': {
          id: 'corp-4711',
          jwt: SEEDED_SECRETS.corpJwt,
          sessionToken: SEEDED_SECRETS.corpSessionToken,
          username: 'otto',
        },
      },
    }),
    plainUser(SEED_IDS['sam.saml'], 'sam.saml', 'Sam Saml', {
      services: {
        saml: {
          provider: 'okta',
          idp: 'https://idp.example/saml',
          idpSession: SEEDED_SECRETS.samlSession,
          nameID: 'sam@corp.example',
        },
      },
    }),
    // One user per login refusal after a right password (validateLoginAttempt, rocketchat-api.md §9).
    plainUser(SEED_IDS['app.user'], 'app.user', 'Some App', { type: 'app', roles: ['app'] }),
    plainUser(SEED_IDS['pat.pending'], 'pat.pending', 'Pat Pending', {
      active: false,
      inactiveReason: 'pending_approval',
    }),
    noRoles(plainUser(SEED_IDS['nora.noroles'], 'nora.noroles', 'Nora Noroles')),
    plainUser(SEED_IDS['uma.unverified'], 'uma.unverified', 'Uma Unverified', {
      emails: [{ address: 'uma.unverified@example.com', verified: false }],
    }),
    // Refused by Meteor's own fallback (a validateLoginAttempt hook that returns false): 403 "Login forbidden".
    plainUser(SEED_IDS['forbid.den'], 'forbid.den', 'Forbid Den'),
  ];
}

function noRoles(doc: Doc): Doc {
  const { roles: _, ...rest } = doc;
  return rest;
}

/** Subscriptions per username; key order _id, rid, name, t, unread, roles (only when set). */
export function seedRooms(): Record<string, Doc[]> {
  const john = SEED_IDS['test.john'];
  return {
    'test.john': [
      { _id: '651667dda2f73c7460e18cce', rid: 'JKa7R9zu2DinBhBN9', name: 'Livestream', t: 'c', unread: 1 },
      { _id: 'GENERAL5fRTXMt7DMJbpPJfh', rid: 'GENERAL', name: 'general', t: 'c', unread: 0 },
      { _id: 'Hq3rW8mZp2Lx7NvKc', rid: 'aUd1tRm5Qx8Yp3ZwK', name: 'test-audit', t: 'p', unread: 0 },
      {
        _id: '64adb09baa5ad4273bfc0cc0',
        rid: '64adb09baa5ad4273bfc0cbf',
        name: 'test-room',
        t: 'c',
        unread: 0,
        roles: ['owner'],
      },
      { _id: 'Tr7yKp2WmX9qLz4Nc', rid: 'TRYr4mZ8pQx2Wk7Lb', name: 'try', t: 'c', unread: 0 },
      { _id: 'g5xHGWAGLA7vZXwW8', rid: `${john}${SEED_IDS.roxie}`, name: 'roxie', t: 'd', unread: 2 },
      { _id: 'Nw8qZ3mKp5Xr2LvTc', rid: 'WDuJLFkjwk6L7LdFC', name: 'new', t: 'p', unread: 0, roles: ['leader'] },
    ],
    'jane.doe': [
      { _id: 'GENERALjN4e7DpQx9Hm2RtKw', rid: 'GENERAL', name: 'general', t: 'c', unread: 3 },
      { _id: 'Ds9gN4pQw2Xm7KzLb', rid: 'DSGn8qW3mZp5Xr2Lk', name: 'design', t: 'p', unread: 0, roles: ['owner'] },
      { _id: 'Jd4mX8qZp2Wn7LkRc', rid: `${john}${SEED_IDS['jane.doe']}`, name: 'test.john', t: 'd', unread: 0 },
    ],
    roxie: [{ _id: 'Rx5nW2qZp8Lm3KtXc', rid: `${john}${SEED_IDS.roxie}`, name: 'test.john', t: 'd', unread: 0 }],
  };
}
