import type { User } from '../api/types.js';
import { table, type TableOptions } from './table.js';
import { painter } from './style.js';
import { clean } from './text.js';

/** One line of a batch: the user's summary fields, or why there is none. */
export interface SummaryRow {
  query: string;
  user?: Pick<User, '_id' | 'username' | 'name' | 'status' | 'type' | 'active' | 'roles'>;
  error?: string;
  /** HTTP status of a failed lookup, when the server answered. */
  status?: number;
  notFound?: boolean;
  /** How many rooms the server listed, when they were asked for and sent. */
  roomCount?: number;
}

export interface SummaryOptions extends TableOptions {
  /** Rooms were asked for (--rooms): add a column with how many each user is in. */
  rooms?: boolean;
}

const HEAD = ['Query', 'Username', 'Name', 'Status', 'Type', 'Roles', 'ID'];
/** Columns cut first when the terminal is narrow: name, roles, query. */
const SHRINKABLE = [2, 5, 0];

/**
 * Several users at once: one row each, in input order; a row that failed says why. Ends with a
 * count line, so a long table still says at the bottom what happened.
 */
export function renderSummary(rows: SummaryRow[], opts: SummaryOptions): string {
  const c = painter(opts.color);
  const head = opts.rooms ? [...HEAD.slice(0, 6), 'Rooms', HEAD[6]!] : HEAD;
  const blank = head.map(() => '');
  const cells: string[][] = [];
  let found = 0;
  let notFound = 0;
  for (const r of rows) {
    const u = r.user;
    if (!u) {
      if (r.notFound) notFound++;
      const why = r.notFound ? 'not found' : `error: ${clean(r.error, 200)}${r.status !== undefined ? ` (HTTP ${r.status})` : ''}`;
      cells.push([clean(r.query, 60), why, ...blank.slice(2)]);
      continue;
    }
    found++;
    const type = [clean(u.type, 20), u.active === false ? 'deactivated' : ''].filter(Boolean).join(', ');
    const roles = Array.isArray(u.roles) ? u.roles.map((x) => clean(x, 40)).join(', ') : clean(u.roles, 60);
    const row = [clean(r.query, 60), clean(u.username, 60), clean(u.name, 60), clean(u.status, 20), type, roles, clean(u._id, 40)];
    // "–": the server left this user's rooms out (no view-other-user-channels).
    if (opts.rooms) row.splice(6, 0, r.roomCount === undefined ? '–' : String(r.roomCount));
    cells.push(row);
  }
  const align = opts.rooms ? head.map((h) => (h === 'Rooms' ? 'right' : 'left')) : [];
  const drawn = table({
    style: 'box',
    head,
    rows: cells,
    color: opts.color,
    align,
    maxWidth: opts.columns,
    shrinkable: SHRINKABLE,
    // Failed rows: the reason in the Username column, dimmed so found users stand out.
    styleCell: (text, r, i) => (i === 1 && !rows[r]!.user ? c.dim(text) : text),
  });
  const failed = rows.length - found - notFound;
  const counts = [`${found} found`, ...(notFound ? [`${notFound} not found`] : []), ...(failed ? [`${failed} failed`] : [])];
  return `${drawn}\n${rows.length} ${rows.length === 1 ? 'query' : 'queries'}: ${counts.join(', ')}\n`;
}
