import Table from 'cli-table3';
import type { RoomSubscription } from '../api/types.js';
import { renderGrid } from './grid.js';
import { painter } from './style.js';
import { clean, roomTypeName } from './text.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width, when known: long cells are cut with "…" so a table never wraps. */
  columns?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// No rule between body rows: a list of rooms reads like `gh`'s or `docker ps`'s, not a spreadsheet.
const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A rule under the heading row, drawn from the top border (cli-table3 has one style for all row rules). */
function withHeadRule(text: string): string {
  // With no rules between rows, a colSpan cell still makes cli-table3 draw a line of bare junctions.
  const lines = text.split('\n').filter((l) => !/^[┬┴┼]+$/.test(l));
  if (lines.length < 3) return text;
  const rule = lines[0]!.replace('┌', '├').replace(/┬/g, '┼').replace('┐', '┤');
  return [lines[0], lines[1], rule, ...lines.slice(2)].join('\n');
}

/** A cli-table3 table with rcuser's look: color only for the header, a rule under it, none between rows. */
export function makeTable(head: string[], opts: TableOptions, align?: Array<'left' | 'right'>): Table.Table {
  const c = painter(opts.color);
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    // cli-table3 reads colAligns[x] for every cell: an explicit undefined would crash it.
    ...(align ? { colAligns: align } : {}),
  });
  const plain = table.toString.bind(table);
  table.toString = () => withHeadRule(plain());
  return table;
}

/**
 * Cut the cells of the columns in `shrinkable` (widest first) until the table fits `columns`.
 * Each column keeps at least `min` characters; a table that cannot fit is left as wide as it must be.
 */
export function fitCells(head: string[], rows: string[][], columns: number | undefined, shrinkable: number[], min = 10): string[][] {
  if (!columns || columns <= 0) return rows;
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Each cell has one space of padding on both sides, and there is one border more than columns.
  const total = () => widths.reduce((a, w) => a + w + 3, 1);
  let excess = total() - columns;
  const caps = [...widths];
  for (const i of [...shrinkable].sort((a, b) => widths[b]! - widths[a]!)) {
    if (excess <= 0) break;
    const floor = Math.max(min, head[i]!.length);
    const cut = Math.min(excess, Math.max(0, widths[i]! - floor));
    caps[i] = widths[i]! - cut;
    widths[i] = caps[i]!;
    excess -= cut;
  }
  return rows.map((r) => r.map((cell, i) => (cell.length > caps[i]! ? cell.slice(0, caps[i]! - 1) + '…' : cell)));
}

const ROOM_HEAD = ['Room', 'Type', 'Unread', 'Roles', 'Room ID'];

/** The user's rooms: "Rooms (7)" and a table (name, type, unread, roles, room id), in the server's order. */
export function renderRooms(rooms: unknown, opts: TableOptions): string {
  if (!Array.isArray(rooms)) return `Rooms: the server sent ${rooms === null ? 'null' : typeof rooms} instead of a list\n`;
  if (rooms.length === 0) return 'Rooms: none\n';
  const rows = (rooms as unknown[]).map((r): string[] => {
    if (!isRecord(r)) return [clean(r, 60), '', '', '', ''];
    const room = r as RoomSubscription & Record<string, unknown>;
    const type = roomTypeName(room.t) + (room.federated === true ? ' (federated)' : '');
    const roles = Array.isArray(room.roles) ? room.roles.map((x) => clean(x, 40)).join(', ') : clean(room.roles, 60);
    return [clean(room.name, 80), type, room.unread === undefined ? '' : clean(room.unread, 12), roles, clean(room.rid, 80)];
  });
  const c = painter(opts.color);
  // Room ID first, then the name: the id is the longest (a direct message's is two user ids).
  const fitted = fitCells(ROOM_HEAD, rows, opts.columns, [4, 0]);
  // renderGrid, not cli-table3: same look, but linear (a user can be in 50,000 rooms).
  const table = renderGrid(ROOM_HEAD.map((h) => c.bold(h)), fitted, ['left', 'left', 'right', 'left', 'left']);
  return `Rooms (${rooms.length})\n${table}\n`;
}
