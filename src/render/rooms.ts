import Table from 'cli-table3';
import type { RoomSubscription } from '../api/types.js';
import { painter } from './style.js';
import { clean, roomTypeName } from './text.js';

export interface TableOptions {
  color: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A cli-table3 table with rcuser's look; color only for the header. */
export function makeTable(head: string[], opts: TableOptions, align?: Array<'left' | 'right'>): Table.Table {
  const c = painter(opts.color);
  return new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [] },
    colAligns: align,
  });
}

/** The user's rooms: "Rooms (7)" and a table (name, type, unread, roles, room id). */
export function renderRooms(rooms: unknown, opts: TableOptions): string {
  if (!Array.isArray(rooms)) return `Rooms: the server sent ${rooms === null ? 'null' : typeof rooms} instead of a list\n`;
  const table = makeTable(['Room', 'Type', 'Unread', 'Roles', 'Room ID'], opts, ['left', 'left', 'right', 'left', 'left']);
  for (const r of rooms as unknown[]) {
    if (!isRecord(r)) {
      table.push([clean(r, 60), '', '', '', '']);
      continue;
    }
    const room = r as RoomSubscription & Record<string, unknown>;
    const type = roomTypeName(room.t) + (room.federated === true ? ' (federated)' : '');
    const roles = Array.isArray(room.roles) ? room.roles.map((x) => clean(x, 40)).join(', ') : clean(room.roles, 60);
    table.push([clean(room.name, 60), type, room.unread === undefined ? '' : clean(room.unread, 12), roles, clean(room.rid, 60)]);
  }
  return `Rooms (${rooms.length})\n${table.toString()}\n`;
}
