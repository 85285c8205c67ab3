import type { User } from '../api/types.js';
import type { ColumnFit } from './fit.js';
import { painter } from './style.js';
import { table } from './table.js';
import { clean } from './text.js';

/** What the list table shows of a user (kept small: a long list holds every row until the end). */
export type ListRow = Pick<User, 'username' | 'name' | 'status' | 'active' | 'roles' | 'emails'>;

export interface UserListOptions {
  color: boolean;
  /** ASCII borders and "..." (IO.ascii). */
  ascii?: boolean;
  /** Terminal width, when known: the table is cut to fit. */
  columns?: number;
  /** The count line under the table, e.g. "312 users". */
  footer: string;
}

/**
 * How each column fits a narrow terminal (render/fit.ts): names and roles are cut, e-mails, then
 * roles, then the active flag go. Usernames and e-mail addresses are cut only when one is far
 * longer than the rest of a long list (render/fit.ts, 'keep-most').
 */
const FITS: Record<string, ColumnFit> = {
  Username: { kind: 'keep-most' },
  Name: { kind: 'free' },
  Status: { kind: 'keep' },
  Active: { kind: 'keep', drop: 2 },
  Roles: { kind: 'free', drop: 1 },
  Emails: { kind: 'keep-most', drop: 0 },
};

/**
 * One table of users (username, name, and status, active, roles and e-mails when the server sent
 * them: regular callers of some endpoints get no roles or e-mails, the 6.x directory no status), fitted to the terminal, then the count line.
 */
export function renderUserList(rows: ListRow[], opts: UserListOptions): string {
  const dim = painter(opts.color).dim;
  const head = ['Username', 'Name'];
  // The directory of servers before 6.8 sends neither status nor active: no empty columns.
  if (rows.some((r) => r.status !== undefined)) head.push('Status');
  if (rows.some((r) => r.active !== undefined)) head.push('Active');
  if (rows.some((r) => r.roles !== undefined)) head.push('Roles');
  if (rows.some((r) => r.emails !== undefined)) head.push('Emails');
  const cellsOf = (r: ListRow): Record<string, string> => ({
    Username: clean(r.username, 80),
    Name: clean(r.name, 80),
    Status: clean(r.status, 20),
    Active: r.active === true ? 'yes' : r.active === false ? 'no' : '',
    Roles: Array.isArray(r.roles) ? r.roles.map((x) => clean(x, 40)).join(', ') : clean(r.roles, 80),
    Emails: Array.isArray(r.emails) ? r.emails.map((e) => clean(e?.address, 120)).join(', ') : clean(r.emails, 120),
  });
  const all = rows.map(cellsOf);
  const drawn = table({
    style: 'box',
    head,
    rows: all.map((c) => head.map((h) => c[h]!)),
    color: opts.color,
    ascii: opts.ascii,
    maxWidth: opts.columns,
    fits: head.map((h) => FITS[h]!),
    // Deactivated users dimmed, so the active ones stand out.
    styleCell: (text, row) => (rows[row]!.active === false ? dim(text) : text),
  });
  return `${drawn}\n${opts.footer}\n`;
}

/** "312 users", "1 user", or "20 of 312 users" when --limit cut the list short. */
export function countLine(shown: number, total: number | undefined): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (total !== undefined && total > shown) return `${n(shown)} of ${n(total)} users`;
  return `${n(shown)} ${shown === 1 ? 'user' : 'users'}`;
}
