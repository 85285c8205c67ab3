import type { User } from '../api/types.js';
import { painter } from './style.js';
import { fitCells, renderTable, type TableOptions } from './table.js';
import { clean } from './text.js';

/** What the list table shows of a user (kept small: a long list holds every row until the end). */
export type ListRow = Pick<User, 'username' | 'name' | 'status' | 'active' | 'roles' | 'emails'>;

export interface UserListOptions extends TableOptions {
  /** The count line under the table, e.g. "312 users". */
  footer: string;
}

/** Columns cut first when the terminal is narrow: e-mails, name, roles, then username. */
const SHRINK_ORDER = ['Emails', 'Name', 'Roles', 'Username'];

/**
 * One table of users (username, name, status, active, and roles and e-mails when the server sent
 * them: regular callers of some endpoints get neither), fitted to the terminal, then the count line.
 */
export function renderUserList(rows: ListRow[], opts: UserListOptions): string {
  const c = painter(opts.color);
  const withRoles = rows.some((r) => r.roles !== undefined);
  const withEmails = rows.some((r) => r.emails !== undefined);
  const head = ['Username', 'Name', 'Status', 'Active', ...(withRoles ? ['Roles'] : []), ...(withEmails ? ['Emails'] : [])];
  const cells = rows.map((r) => {
    const row = [clean(r.username, 80), clean(r.name, 80), clean(r.status, 20), r.active === true ? 'yes' : r.active === false ? 'no' : ''];
    if (withRoles) row.push(Array.isArray(r.roles) ? r.roles.map((x) => clean(x, 40)).join(', ') : clean(r.roles, 80));
    if (withEmails) row.push(Array.isArray(r.emails) ? r.emails.map((e) => clean(e?.address, 120)).join(', ') : clean(r.emails, 120));
    return row;
  });
  const shrinkable = SHRINK_ORDER.map((h) => head.indexOf(h)).filter((i) => i >= 0);
  const fitted = fitCells(head, cells, opts.columns, shrinkable, 6);
  // Deactivated users dimmed, so the active ones stand out.
  const styled = fitted.map((row, i) => (rows[i]!.active === false ? row.map((cell) => c.dim(cell)) : row));
  return `${renderTable(head, styled, opts)}\n${opts.footer}\n`;
}
