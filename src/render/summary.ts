import type { User } from '../api/types.js';
import { makeTable, type TableOptions } from './rooms.js';
import { clean } from './text.js';

export interface SummaryRow {
  query: string;
  user?: User;
  error?: string;
}

/** Several users at once: one row each, in input order; failures say why in the row. */
export function renderSummary(rows: SummaryRow[], opts: TableOptions): string {
  const table = makeTable(['Query', 'Username', 'Name', 'Status', 'Type', 'Roles', 'ID'], opts);
  for (const r of rows) {
    if (!r.user) {
      table.push([clean(r.query, 60), { colSpan: 6, content: `error: ${clean(r.error, 200)}` }]);
      continue;
    }
    const u = r.user;
    const type = [clean(u.type, 20), u.active === false ? 'deactivated' : ''].filter(Boolean).join(', ');
    const roles = Array.isArray(u.roles) ? u.roles.map((x) => clean(x, 40)).join(', ') : '';
    table.push([clean(r.query, 60), clean(u.username, 60), clean(u.name, 60), clean(u.status, 20), type, roles, clean(u._id, 40)]);
  }
  return table.toString() + '\n';
}
