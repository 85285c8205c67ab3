import { Chalk, type ChalkInstance } from 'chalk';

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
export function statusMarker(c: ChalkInstance, status: string): string {
  const color = STATUS_COLORS[status];
  const dot = '●';
  return `${color ? c[color](dot) : dot} ${status}`;
}
