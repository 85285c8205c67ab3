import { isRecord } from '../lib/values.js';
import type { RoomSubscription } from '../api/types.js';
import { table, type TableOptions } from './table.js';
import { clean, roomTypeName } from './text.js';

export type { TableOptions };

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
  // Room ID first, then the name: the id is the longest (a direct message's is two user ids).
  const drawn = table({
    style: 'box',
    head: ROOM_HEAD,
    rows,
    color: opts.color,
    align: ['left', 'left', 'right', 'left', 'left'],
    maxWidth: opts.columns,
    shrinkable: [4, 0],
  });
  return `Rooms (${rooms.length})\n${drawn}\n`;
}
