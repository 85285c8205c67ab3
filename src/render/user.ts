import { handleOf, isMatrixId, isRecord } from '../lib/values.js';
import { cutToWidth } from './fit.js';
import { asciiText, glyphsFor } from './glyphs.js';
import { displayWidth } from './grid.js';
import { table } from './table.js';
import type { User } from '../api/types.js';
import { describeSignIn, describeTwoFactor, summarizeServices } from './services.js';
import { painter, statusMarker } from './style.js';
import { clean, wellFormed, formatDate, formatUtcOffset, relativeTime } from './text.js';

export interface RenderOptions {
  color: boolean;
  /** ASCII borders, markers and "..." (IO.ascii). */
  ascii?: boolean;
  /** "now" for relative ages; a parameter so tests are stable. */
  now: number;
  /** Server base URL, for the avatar link. */
  server: string;
  /** Terminal width: free text is cut to it, and an ID or address too long for its line gets a line of its own. */
  columns?: number;
}

/** The card's last line when the server says the caller sees only the public fields. */
export const LIMITED_VIEW = 'Limited view: e-mails, roles, dates and phone need view-full-other-user-info';

/** Rows whose values are copied whole, never cut. */
const KEEP = new Set(['ID', 'Emails', 'Avatar', 'Import IDs']);

function list(v: unknown): string[] {
  if (!Array.isArray(v)) return v === undefined || v === null ? [] : [clean(v)];
  return v.map((x) => clean(x));
}

function dateWithAge(value: unknown, now: number): string | undefined {
  const date = formatDate(value);
  if (!date) return value === undefined || value === null ? undefined : clean(value);
  return `${date} (${relativeTime(value, now)})`;
}

/** The rows of the user table, in reading order; absent fields are left out. */
export function userRows(user: User, opts: RenderOptions): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') rows.push([label, value]);
  };
  add('ID', user._id === undefined ? undefined : clean(user._id));
  add('Nickname', user.nickname === undefined ? undefined : clean(user.nickname));
  // The heading shows `status`; the connection is worth a row only when it tells something else
  // (a user set to "away" by hand while their client is online).
  if (user.statusConnection !== undefined && user.statusConnection !== user.status)
    add('Connection', clean(user.statusConnection));
  const kind = [
    user.type !== undefined ? clean(user.type) : undefined,
    user.active === true ? 'active' : user.active === false ? 'deactivated' : undefined,
  ].filter(Boolean);
  add('Type', kind.length ? kind.join(', ') : undefined);
  if (user.federated === true) {
    // A Matrix id names its home server: `@alice:matrix.org` lives on matrix.org.
    const home =
      typeof user.username === 'string' && isMatrixId(user.username)
        ? user.username.slice(user.username.indexOf(':') + 1)
        : undefined;
    add('Federated', home ? `yes, from ${clean(home, 200)}` : 'yes');
  }
  add('Roles', list(user.roles).join(', ') || undefined);
  if (Array.isArray(user.emails)) {
    const emails = user.emails.map((e) => {
      if (!isRecord(e)) return clean(e);
      return `${clean(e.address)}${e.verified === true ? ' (verified)' : e.verified === false ? ' (unverified)' : ''}`;
    });
    add('Emails', emails.join(', ') || undefined);
  }
  add('Created', dateWithAge(user.createdAt, opts.now));
  add('Last login', dateWithAge(user.lastLogin, opts.now));
  add(
    'UTC offset',
    user.utcOffset === undefined ? undefined : (formatUtcOffset(user.utcOffset) ?? clean(user.utcOffset)),
  );
  add('Phone', user.phone === undefined || user.phone === null ? undefined : clean(user.phone, 80));
  // The VoIP (FreeSWITCH) extension: users.info sends it to everyone who may look the user up.
  add(
    'Extension',
    user.freeSwitchExtension === undefined || user.freeSwitchExtension === null
      ? undefined
      : clean(user.freeSwitchExtension, 80),
  );
  // Omnichannel agents' availability ('available' / 'not-available').
  add(
    'Livechat',
    typeof user.statusLivechat === 'string'
      ? clean(user.statusLivechat, 40).replace(/^not-available$/, 'not available')
      : undefined,
  );
  // `services` itself is never shown: only which 2FA methods are on and how the account signs in.
  const services = summarizeServices(user.services);
  if (services) {
    add('2FA', describeTwoFactor(services.twoFactor));
    add('Sign-in', clean(describeSignIn(services.signIn), 300));
  }
  add('Import IDs', user.importIds === undefined ? undefined : list(user.importIds).join(', '));
  if (user.requirePasswordChange === true)
    add(
      'Password',
      `change required${typeof user.requirePasswordChangeReason === 'string' ? ` (${clean(user.requirePasswordChangeReason)})` : ''}`,
    );
  add('Bio', user.bio === undefined ? undefined : clean(user.bio));
  add('Reason', user.reason === undefined ? undefined : clean(user.reason));
  if (typeof user.username === 'string' && user.username)
    add('Avatar', `${opts.server}/avatar/${encodeURIComponent(wellFormed(user.username))}`);
  if (isRecord(user.customFields)) {
    // One row each under one label, so a custom field can never pass for a built-in one.
    const fields = Object.entries(user.customFields).filter(([, v]) => v !== undefined && v !== null && v !== '');
    fields.forEach(([k, v], i) => {
      rows.push([i === 0 ? 'Custom fields' : '', `${clean(k, 40)}: ${clean(v)}`]);
    });
  }
  return rows;
}

/** The user as a heading line and aligned label/value rows, like `gh` shows an issue. */
export function renderUser(user: User, opts: RenderOptions): string {
  const c = painter(opts.color);
  const g = glyphsFor(opts.ascii);
  // What clean() shortens ends in "…": "..." in ASCII.
  const shown = (value: string, max?: number) => asciiText(clean(value, max), opts.ascii);
  let name = typeof user.name === 'string' && user.name ? shown(user.name) : undefined;
  const handle = typeof user.username === 'string' ? shown(handleOf(user.username)) : undefined;
  const status =
    typeof user.status === 'string' && user.status ? `  ${statusMarker(c, clean(user.status, 40), g)}` : '';
  let text = typeof user.statusText === 'string' && user.statusText ? shown(user.statusText, 120) : undefined;
  if (opts.columns && opts.columns > 0) {
    // The heading fits the terminal like the rows below it (a line under `columns`): the status
    // text is cut first, then the name, each to no less than 8 columns; a username or ID never.
    const fixed =
      (name && handle
        ? displayWidth(handle) + 3
        : name
          ? 0
          : displayWidth(handle ?? clean(user._id ?? 'unknown user'))) +
      displayWidth(status) +
      (text === undefined ? 0 : 3);
    let room = opts.columns - 1 - fixed;
    const nameWidth = name ? displayWidth(name) : 0;
    if (text !== undefined && nameWidth + displayWidth(text) > room)
      text = cutToWidth(text, Math.max(8, room - nameWidth), g.ellipsis);
    room -= text === undefined ? 0 : displayWidth(text);
    if (name && nameWidth > room) name = cutToWidth(name, Math.max(8, room), g.ellipsis);
  }
  let head =
    name && handle ? `${c.bold(name)} (${handle})` : c.bold(name ?? handle ?? clean(user._id ?? 'unknown user'));
  head += status;
  if (text !== undefined) head += ` ${g.sep} ${text}`;
  const rows = userRows(user, opts);
  const body = table({
    style: 'card',
    rows,
    color: opts.color,
    ascii: opts.ascii,
    maxWidth: opts.columns,
    keepRow: (label) => KEEP.has(label),
  });
  // getFullUserData sends canViewAllInfo: false to callers who see only the public fields.
  const limited = user.canViewAllInfo === false ? `  ${c.dim(LIMITED_VIEW)}\n` : '';
  return `${head}\n${body ? `${body}\n` : ''}${limited}`;
}
