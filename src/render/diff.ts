/** `rcuser diff` as text: one line per user, grouped, and the count. Pure: returns strings. */
import type { DiffCounts, EmailChange, SetChange, UserChange, ValueChange } from '../lib/user-diff.js';
import { isRecord } from '../lib/values.js';
import { glyphsFor } from './glyphs.js';
import { painter } from './style.js';
import { clean, formatDate } from './text.js';

const SIGN = { added: '+', removed: '-', changed: '~' } as const;
const HEADING = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

function value(field: string, v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (field === 'lastLogin') return formatDate(v) ?? clean(v, 80);
  // Quoted, so an empty or space-padded name shows as what it is.
  if (typeof v === 'string') return JSON.stringify(clean(v, 120));
  return clean(v, 120);
}

function setText(s: SetChange | EmailChange): string {
  const parts = [...s.added.map((x) => `+${clean(x, 120)}`), ...s.removed.map((x) => `-${clean(x, 120)}`)];
  if ('verified' in s && s.verified) parts.push(...s.verified.map((x) => `${clean(x, 120)} verified`));
  if ('unverified' in s && s.unverified) parts.push(...s.unverified.map((x) => `${clean(x, 120)} unverified`));
  return parts.join(' ');
}

/** "roles +admin -user, active true → false". */
export function describeFields(fields: UserChange['fields'], arrow = '→'): string {
  return Object.entries(fields)
    .map(([field, c]) => {
      if (isRecord(c) && Array.isArray(c.added)) return `${field} ${setText(c as unknown as SetChange)}`;
      const v = c as ValueChange;
      return `${field} ${value(field, v.old)} ${arrow} ${value(field, v.new)}`;
    })
    .join(', ');
}

const handle = (c: UserChange): string =>
  typeof c.username === 'string' && c.username ? `@${clean(c.username, 120)}` : clean(c._id);

/** One user's line, without the group heading. */
export function changeLine(c: UserChange, color = false, ascii = false): string {
  const p = painter(color);
  const paint = c.change === 'added' ? p.green : c.change === 'removed' ? p.red : p.yellow;
  if (c.change === 'changed')
    return `  ${paint(SIGN.changed)} ${handle(c)}  ${describeFields(c.fields, glyphsFor(ascii).arrow)}`;
  const name = typeof c.fields.name === 'string' && c.fields.name ? `  ${clean(c.fields.name, 120)}` : '';
  return `  ${paint(SIGN[c.change])} ${handle(c)}${name}`;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** "2 added, 1 removed, 3 changed (1,234 users before, 1,235 after)". */
export function diffCountLine(counts: DiffCounts): string {
  return `${n(counts.added)} added, ${n(counts.removed)} removed, ${n(counts.changed)} changed (${n(counts.before)} users before, ${n(counts.after)} after)`;
}

/** The grouped text: Added, Removed, Changed, each with its count, then the count line. */
export function renderDiff(changes: UserChange[], counts: DiffCounts, color = false, ascii = false): string {
  const p = painter(color);
  let out = '';
  for (const kind of ['added', 'removed', 'changed'] as const) {
    const group = changes.filter((c) => c.change === kind);
    if (group.length === 0) continue;
    out += `${p.bold(`${HEADING[kind]} (${n(group.length)})`)}\n`;
    for (const c of group) out += `${changeLine(c, color, ascii)}\n`;
  }
  return `${out}${diffCountLine(counts)}\n`;
}

/** `--json`: one compact object per changed user, keys in the contract's order. */
export function changeJson(c: UserChange): string {
  return JSON.stringify({ change: c.change, _id: c._id, username: c.username ?? null, fields: c.fields });
}
