import type { User } from '../api/types.js';
import { cutToWidth, fitTable, type ColumnFit } from './fit.js';
import { glyphsFor } from './glyphs.js';
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
  /** How many teams users.listTeams sent, when they were asked for (--teams). */
  teamCount?: number;
}

export interface SummaryOptions extends TableOptions {
  /** Rooms were asked for (--rooms): add a column with how many each user is in. */
  rooms?: boolean;
  /** Teams were asked for (--teams): a column with how many teams each user is in. */
  teams?: boolean;
}

const HEAD = ['Query', 'Username', 'Name', 'Status', 'Type', 'Roles', 'ID'];
/**
 * The query is never cut: it is all that names a failed line (two cut e-mail addresses read the
 * same). Name and roles are cut first; type, status and roles go next; username and ID never.
 */
const FITS: ColumnFit[] = [
  { kind: 'keep' },
  { kind: 'keep' },
  { kind: 'free' },
  { kind: 'keep', drop: 2 },
  { kind: 'keep', drop: 1 },
  { kind: 'free', drop: 3 },
  { kind: 'keep' },
];
/** --rooms asked for this column: it goes after every column nobody asked for. */
const ROOMS_FIT: ColumnFit = { kind: 'keep', drop: 0, asked: true };

/** The username says no more than the query did (`alice`, `@alice`): its column can go first. */
function repeatsQuery(r: SummaryRow): boolean {
  if (!r.user) return true;
  const q = r.query.startsWith('@') ? r.query.slice(1) : r.query;
  return q === r.user.username;
}

/** Whether the whole table would have to drop a column (or become blocks) to fit `columns`. */
function needsNarrowing(head: string[], cells: string[][], fits: ColumnFit[], columns: number): boolean {
  const fit = fitTable(head, cells, fits, columns);
  return !fit.fits || fit.dropped.length > 0;
}

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
  const g = glyphsFor(opts.ascii);
  // Asked-for count columns go between Roles and ID.
  const counts = [...(opts.rooms ? ['Rooms'] : []), ...(opts.teams ? ['Teams'] : [])];
  const head = [...HEAD.slice(0, 6), ...counts, HEAD[6]!];
  const blank = head.map(() => '');
  const cells: string[][] = [];
  let found = 0;
  let notFound = 0;
  for (const r of rows) {
    const u = r.user;
    if (!u) {
      if (r.notFound) notFound++;
      const why = r.notFound ? 'not found' : failureText(r.error, r.status);
      cells.push([clean(r.query, 254), why, ...blank.slice(2)]);
      continue;
    }
    found++;
    const type = [clean(u.type, 20), u.active === false ? 'deactivated' : ''].filter(Boolean).join(', ');
    const roles = Array.isArray(u.roles) ? u.roles.map((x) => clean(x, 40)).join(', ') : clean(u.roles, 60);
    const row = [
      clean(r.query, 254),
      clean(u.username, 60),
      clean(u.name, 60),
      clean(u.status, 20),
      type,
      roles,
      clean(u._id, 40),
    ];
    // "–": the server left this user's rooms out (no view-other-user-channels).
    const count = (n: number | undefined) => (n === undefined ? g.none : String(n));
    row.splice(6, 0, ...(opts.rooms ? [count(r.roomCount)] : []), ...(opts.teams ? [count(r.teamCount)] : []));
    cells.push(row);
  }
  const fits = [...FITS.slice(0, 6), ...counts.map(() => ROOMS_FIT), FITS[6]!];
  const align = counts.length ? head.map((h) => (counts.includes(h) ? 'right' : 'left')) : [];
  let drawn: string | undefined;
  if (opts.columns && needsNarrowing(head, cells, fits, opts.columns) && rows.every(repeatsQuery)) {
    // Every username repeats its query: the Username column goes before anything else, and a
    // failure's reason moves to the Name column (never cut below "not found"). Only as a table: as
    // blocks, "Username  not found" reads better than "Name  not found".
    const without = <T>(r: T[]) => [r[0]!, ...r.slice(2)];
    const narrow = cells.map((r, i) => (rows[i]!.user ? without(r) : [r[0]!, r[1]!, ...r.slice(3)]));
    const reasonWidth = Math.max(0, ...rows.map((r, i) => (r.user ? 0 : displayWidth(cells[i]![1]!))));
    const nameFit: ColumnFit = {
      kind: 'free',
      min: Math.min(Math.max(8, reasonWidth), displayWidth('not found') + 16),
    };
    const narrowFits = [fits[0]!, nameFit, ...fits.slice(3)];
    if (fitTable(without(head), narrow, narrowFits, opts.columns).fits) {
      drawn = table({
        style: 'box',
        head: without(head),
        rows: narrow,
        color: opts.color,
        ascii: opts.ascii,
        align: align.length ? without(align) : [],
        maxWidth: opts.columns,
        fits: narrowFits,
        styleCell: (text, r, i) => (i === 1 && !rows[r]!.user ? c.dim(text) : text),
      });
    }
  }
  if (drawn === undefined) {
    if (opts.columns) {
      // A failure's reason sits in the Username column, which is never cut for usernames: cut the
      // reason instead, to what the usernames need (at least 24 columns).
      const names = Math.max(
        displayWidth('Username'),
        ...rows.map((r, i) => (r.user ? displayWidth(cells[i]![1]!) : 0)),
      );
      for (const [i, r] of rows.entries())
        if (!r.user) cells[i]![1] = cutToWidth(cells[i]![1]!, Math.max(names, 24), g.ellipsis);
    }
    drawn = table({
      style: 'box',
      head,
      rows: cells,
      color: opts.color,
      ascii: opts.ascii,
      align,
      maxWidth: opts.columns,
      fits,
      // Failed rows: the reason in the Username column, dimmed so found users stand out.
      styleCell: (text, r, i) => (i === 1 && !rows[r]!.user ? c.dim(text) : text),
    });
  }
  return `${drawn}\n${batchCountLine(rows.length, found, notFound, rows.length - found - notFound)}\n`;
}
