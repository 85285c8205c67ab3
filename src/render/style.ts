import { Chalk, type ChalkInstance } from 'chalk';
import { type Glyphs, UNICODE } from './glyphs.js';

/** A chalk that colors only when asked to (the decision is made once, in io.ts). */
export function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

const STATUS_COLORS: Record<string, 'green' | 'yellow' | 'red' | 'gray'> = {
  online: 'green',
  away: 'yellow',
  busy: 'red',
  offline: 'gray',
};

/** "● online" with the marker colored like Rocket.Chat's own status dots. */
export function statusMarker(c: ChalkInstance, status: string, g: Glyphs = UNICODE): string {
  // hasOwn: a status is the server's string, and "__proto__" or "toString" must not find Object's members.
  const color = Object.hasOwn(STATUS_COLORS, status) ? STATUS_COLORS[status] : undefined;
  const dot = g.dot;
  return `${color ? c[color](dot) : dot} ${status}`;
}
