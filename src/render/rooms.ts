import { isRecord } from '../lib/values.js';
import type { RoomSubscription } from '../api/types.js';
import type { ColumnFit } from './fit.js';
import { table, type TableOptions } from './table.js';
import { clean, roomTypeName } from './text.js';

export type { TableOptions };

const ROOM_HEAD = ['Room', 'Type', 'Unread', 'Roles', 'Room ID'];
/** The room ID is never cut (a direct message's is two user IDs); the name is; unread, roles, type go in that order. */
const ROOM_FITS: ColumnFit[] = [
  { kind: 'free' },
  { kind: 'keep', drop: 3 },
  { kind: 'keep', drop: 1 },
  { kind: 'free', drop: 2 },
  { kind: 'keep' },
];

/** Channels, direct messages, private groups, then the rest; by name within each, ignoring case ("general" before "Livestream"). */
export function sortRooms(rooms: unknown[]): unknown[] {
  const rank = (r: unknown) => {
    const t = isRecord(r) ? r.t : undefined;
    const i = ['c', 'd', 'p'].indexOf(typeof t === 'string' ? t : '');
    return i < 0 ? 3 : i;
  };
  const name = (r: unknown) => (isRecord(r) && typeof r.name === 'string' ? r.name : '');
  return rooms
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        rank(a.r) - rank(b.r) ||
        name(a.r).localeCompare(name(b.r), 'en', { sensitivity: 'base', numeric: true }) ||
        a.i - b.i,
    )
    .map((x) => x.r);
}

/** The user's rooms: "Rooms (7)" and a table (name, type, unread, roles, room id), sorted (sortRooms). */
export function renderRooms(rooms: unknown, opts: TableOptions): string {
  if (!Array.isArray(rooms))
    return `Rooms: the server sent ${rooms === null ? 'null' : typeof rooms} instead of a list\n`;
  if (rooms.length === 0) return 'Rooms: none\n';
  const rows = sortRooms(rooms as unknown[]).map((r): string[] => {
    if (!isRecord(r)) return [clean(r, 60), '', '', '', ''];
    const room = r as RoomSubscription & Record<string, unknown>;
    const type = roomTypeName(room.t) + (room.federated === true ? ' (federated)' : '');
    const roles = Array.isArray(room.roles) ? room.roles.map((x) => clean(x, 40)).join(', ') : clean(room.roles, 60);
    return [
      clean(room.name, 80),
      type,
      room.unread === undefined ? '' : clean(room.unread, 12),
      roles,
      clean(room.rid, 80),
    ];
  });
  const drawn = table({
    style: 'box',
    head: ROOM_HEAD,
    rows,
    color: opts.color,
    ascii: opts.ascii,
    align: ['left', 'left', 'right', 'left', 'left'],
    maxWidth: opts.columns,
    fits: ROOM_FITS,
  });
  return `Rooms (${rooms.length})\n${drawn}\n`;
}
