import { describeSignIn, describeTwoFactor } from '../../render/services.js';
import { glyphsFor } from '../../render/glyphs.js';
import { table } from '../../render/table.js';
import { wrapLine } from '../../render/wrap.js';
import { LOGIN_EXPIRY_DAYS } from '../../store/token-age.js';
import { clean, formatDate } from '../../render/text.js';
import { renewCommand } from '../../cmdutil/hints.js';

/** What whoami knows; also its --json shape. Never holds the token, only its last characters. */
export interface WhoamiInfo {
  username: string | null;
  name: string | null;
  userId: string;
  server: string;
  serverVersion: string | null;
  profile: string | null;
  credentials: 'environment' | 'profile';
  tokenKind: 'login' | 'personal-access-token' | null;
  tokenEnd: string | null;
  tokenStoredAt: string | null;
  tokenAgeDays: number | null;
  /** Second factors switched on (`totp`, `email`); empty: off; null: the server did not say. */
  twoFactor: string[] | null;
  /** `password` and each linked sign-in provider (`google`, `saml`, …); null: the server did not say. */
  signIn: string[] | null;
  /** Only when the profile trusts an extra CA (--ca-file at login). */
  caFile?: string;
}

export { LOGIN_EXPIRY_DAYS } from '../../store/token-age.js';
/** Start warning this many days before the default expiry. */
export const WARN_DAYS_BEFORE = 10;

/** The last 4 characters, and only for a token long enough that 4 characters give nothing away. */
export function tokenEnd(token: string): string | null {
  return token.length >= 16 ? token.slice(-4) : null;
}

export { ageDays } from '../../store/token-age.js';

const KIND = { login: 'login token', 'personal-access-token': 'personal access token' } as const;

/** whoami for a person; with the terminal's width, long lines wrap at spaces (URLs whole). */
export function renderWhoami(w: WhoamiInfo, columns?: number, ascii = false): string {
  const title =
    w.name && w.username
      ? `${clean(w.name, 200)} (@${clean(w.username, 200)})`
      : clean(w.username ?? w.name ?? w.userId, 200);
  const token = [
    w.tokenKind ? KIND[w.tokenKind] : 'token',
    w.tokenEnd ? `ending ${glyphsFor(ascii).ellipsis}${w.tokenEnd}` : undefined,
    w.tokenStoredAt
      ? `stored ${formatDate(w.tokenStoredAt) ?? w.tokenStoredAt}${w.tokenAgeDays !== null ? ` (${w.tokenAgeDays === 0 ? 'today' : `${plural(w.tokenAgeDays, 'day')} ago`})` : ''}`
      : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const rows: Array<[string, string]> = [
    ['User ID', clean(w.userId, 200)],
    ['Server', `${clean(w.server, 300)}${w.serverVersion ? ` (Rocket.Chat ${clean(w.serverVersion, 40)})` : ''}`],
    [
      'Credentials',
      w.credentials === 'environment'
        ? 'environment (RCUSER_USER_ID, RCUSER_TOKEN)'
        : `profile "${clean(w.profile, 200)}"`,
    ],
    ['Token', token],
    ...(w.caFile ? [['CA file', clean(w.caFile, 300)] as [string, string]] : []),
  ];
  if (w.twoFactor) rows.push(['2FA', describeTwoFactor(w.twoFactor)]);
  if (w.signIn) rows.push(['Sign-in', clean(describeSignIn(w.signIn), 300)]);
  return `${wrapLine(title, columns)}\n${table({ style: 'card', rows, color: false, ascii, maxWidth: columns, wrap: true })}\n`;
}

/** The stderr line about a login token's age, if it is getting old. */
export function ageWarning(w: WhoamiInfo): string | undefined {
  if (w.tokenKind !== 'login' || w.tokenAgeDays === null) return undefined;
  const left = LOGIN_EXPIRY_DAYS - w.tokenAgeDays;
  if (left > WARN_DAYS_BEFORE) return undefined;
  const when =
    left > 0
      ? `expires in about ${plural(left, 'day')}`
      : 'is past the default 90 days; this server keeps tokens longer';
  const renew = w.profile
    ? renewCommand(w.server, {
        name: w.profile,
        username: w.username ?? undefined,
        userId: w.userId,
        tokenKind: w.tokenKind ?? undefined,
      })
    : 'rcuser login';
  return `the login token is ${plural(w.tokenAgeDays, 'day')} old and ${when} (Rocket.Chat's default lifetime is ${LOGIN_EXPIRY_DAYS} days); run \`${renew}\` to renew it`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
