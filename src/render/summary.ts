import type { User } from '../api/types.js';
import { cutToWidth, type ColumnFit } from './fit.js';
import { displayWidth } from './grid.js';
import { batchCountLine } from './progress-line.js';
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
/** Name and roles are cut first, the query after them; type, status and roles go next; username and ID never. */
const FITS: ColumnFit[] = [{ kind: 'free', min: 12 }, { kind: 'keep' }, { kind: 'free' }, { kind: 'keep', drop: 2 }, { kind: 'keep', drop: 1 }, { kind: 'free', drop: 3 }, { kind: 'keep' }];
const ROOMS_FIT: ColumnFit = { kind: 'keep', drop: 0 };

/** "error: <message> (HTTP 502)", without a second status when the message already names it. */
export function failureText(error: string | undefined, status: number | undefined): string {
  const text = clean(error, 200);
  const named = status !== undefined && new RegExp(`\\bHTTP ${status}\\b`).test(text);
  return `error: ${text}${status !== undefined && !named ? ` (HTTP ${status})` : ''}`;
}

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
      const why = r.notFound ? 'not found' : failureText(r.error, r.status);
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
  if (opts.columns) {
    // A failure's reason sits in the Username column, which is never cut for usernames: cut the
    // reason instead, to what the usernames need (at least 24 columns).
    const names = Math.max(displayWidth('Username'), ...rows.map((r, i) => (r.user ? displayWidth(cells[i]![1]!) : 0)));
    for (const [i, r] of rows.entries()) if (!r.user) cells[i]![1] = cutToWidth(cells[i]![1]!, Math.max(names, 24));
  }
  const align = opts.rooms ? head.map((h) => (h === 'Rooms' ? 'right' : 'left')) : [];
  const drawn = table({
    style: 'box',
    head,
    rows: cells,
    color: opts.color,
    align,
    maxWidth: opts.columns,
    fits: opts.rooms ? [...FITS.slice(0, 6), ROOMS_FIT, FITS[6]!] : FITS,
    // Failed rows: the reason in the Username column, dimmed so found users stand out.
    styleCell: (text, r, i) => (i === 1 && !rows[r]!.user ? c.dim(text) : text),
  });
  return `${drawn}\n${batchCountLine(rows.length, found, notFound, rows.length - found - notFound)}\n`;
}
