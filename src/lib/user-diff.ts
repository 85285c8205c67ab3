/**
 * What changed between two saved user lists (`rcuser diff`): pure, and streaming. The first list is
 * read once into a map of compact snapshots (only the compared fields, as one short JSON string per
 * user: ~150 bytes, where the server's object is ~600), the second is streamed against it, and what
 * is left in the map was removed. So a pair of 100,000-user files holds one map of snapshots, never
 * a file or a parsed list.
 */
import { LineTooLongError } from './lines.js';
import { isRecord } from './values.js';

/** The fields compared, in the order changes are reported. */
export const DIFF_FIELDS = ['username', 'name', 'roles', 'active', 'type', 'emails', 'lastLogin'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** One address and whether it is verified (null when the server did not say). */
type Email = [string, boolean | null];

interface Snapshot {
  username: unknown;
  name: unknown;
  roles: string[];
  active: unknown;
  type: unknown;
  emails: Email[];
  lastLogin: unknown;
}

export interface ValueChange {
  old: unknown;
  new: unknown;
}

export interface SetChange {
  added: string[];
  removed: string[];
}

/** E-mail addresses added or removed, and those whose verification changed. */
export interface EmailChange extends SetChange {
  verified?: string[];
  unverified?: string[];
}

export type FieldChanges = Partial<Record<DiffField, ValueChange | SetChange | EmailChange>>;

/**
 * One user's difference. For a changed user `fields` holds each change (old → new, or roles and
 * e-mails added/removed by name); for an added or removed user, the compared fields as they are
 * (or were).
 */
export interface UserChange {
  change: 'added' | 'removed' | 'changed';
  _id: string;
  username?: unknown;
  fields: Record<string, unknown>;
}

/** A line that is not a user: the caller names the file. */
export class DiffLineError extends Error {
  readonly line: number;
  /** Which list: 0 the first, 1 the second. */
  side: 0 | 1 = 0;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'DiffLineError';
    this.line = line;
  }
}

const orNull = (v: unknown): unknown => (v === undefined ? null : v);

function snapshotOf(user: Record<string, unknown>): Snapshot {
  const roles = Array.isArray(user.roles) ? [...new Set(user.roles.map((r) => String(r)))].sort() : [];
  const emails: Email[] = Array.isArray(user.emails)
    ? user.emails.map(
        (e): Email =>
          isRecord(e) ? [String(e.address), typeof e.verified === 'boolean' ? e.verified : null] : [String(e), null],
      )
    : [];
  emails.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    username: orNull(user.username),
    name: orNull(user.name),
    roles,
    active: orNull(user.active),
    type: orNull(user.type),
    emails,
    lastLogin: orNull(user.lastLogin),
  };
}

/** What a line holds: a user, a batch's not-found line (skipped), or nothing (a blank line). */
export type ParsedLine =
  | { user: Record<string, unknown> & { _id: string } }
  | { skipped: 'not-found' }
  | { skipped: 'blank' };

/**
 * A line of `list --json` (a user object) or of `info - --json` (`{"query","user"}`, or
 * `{"query","error","status"}` for a user the batch did not find). Anything else throws.
 */
export function parseUserLine(text: string, line: number): ParsedLine {
  if (text.trim() === '') return { skipped: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DiffLineError(line, `not JSON (${(err as Error).message})`);
  }
  if (!isRecord(value))
    throw new DiffLineError(
      line,
      `not a user object (${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`})`,
    );
  if (typeof value.query === 'string' && !('_id' in value)) {
    if (isRecord(value.user)) value = value.user;
    else if ('error' in value) return { skipped: 'not-found' };
    else throw new DiffLineError(line, 'a batch line with neither "user" nor "error"');
  }
  const user = value as Record<string, unknown>;
  if (typeof user._id !== 'string' || user._id === '') throw new DiffLineError(line, 'not a user object (no "_id")');
  return { user: user as Record<string, unknown> & { _id: string } };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function setChange(before: string[], after: string[]): SetChange | undefined {
  const a = new Set(before);
  const b = new Set(after);
  const added = after.filter((x) => !a.has(x));
  const removed = before.filter((x) => !b.has(x));
  return added.length || removed.length ? { added, removed } : undefined;
}

function emailChange(before: Email[], after: Email[]): EmailChange | undefined {
  const change: EmailChange = setChange(
    before.map((e) => e[0]),
    after.map((e) => e[0]),
  ) ?? { added: [], removed: [] };
  const was = new Map(before);
  const verified: string[] = [];
  const unverified: string[] = [];
  for (const [address, v] of after) {
    if (!was.has(address) || was.get(address) === v) continue;
    if (v === true) verified.push(address);
    else unverified.push(address);
  }
  if (verified.length) change.verified = verified;
  if (unverified.length) change.unverified = unverified;
  return change.added.length || change.removed.length || verified.length || unverified.length ? change : undefined;
}

/** The changes between two snapshots of one user, in DIFF_FIELDS order; undefined when none. */
function compare(a: Snapshot, b: Snapshot): FieldChanges | undefined {
  const out: FieldChanges = {};
  for (const f of DIFF_FIELDS) {
    if (f === 'roles') {
      const c = setChange(a.roles, b.roles);
      if (c) out.roles = c;
    } else if (f === 'emails') {
      const c = emailChange(a.emails, b.emails);
      if (c) out.emails = c;
    } else if (!sameJson(a[f], b[f])) out[f] = { old: a[f], new: b[f] };
  }
  return Object.keys(out).length ? out : undefined;
}

/** A snapshot as stored: a JSON array in DIFF_FIELDS order (the keys would double its size). */
const pack = (s: Snapshot): string => JSON.stringify(DIFF_FIELDS.map((f) => s[f]));

function unpack(text: string): Snapshot {
  const [username, name, roles, active, type, emails, lastLogin] = JSON.parse(text) as unknown[];
  return { username, name, roles: roles as string[], active, type, emails: emails as Email[], lastLogin };
}

/** An added or removed user's compared fields, e-mails as plain addresses. */
function shown(s: Snapshot): Record<string, unknown> {
  return { ...s, emails: s.emails.map((e) => e[0]) };
}

export interface DiffCounts {
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
  /** Batch lines for users not found, per side: skipped, not compared. */
  notFound: [number, number];
}

/**
 * Compare two streams of lines. `onChange` gets each changed or added user in the second list's
 * order as soon as it is read, then each removed user in the first list's order. A user listed twice
 * in one file counts once, with its first line (a batch may name a user twice). A line that is not a
 * user throws DiffLineError naming the side (0 or 1) and the line.
 */
export async function diffUserLines(
  before: AsyncIterable<string>,
  after: AsyncIterable<string>,
  onChange: (c: UserChange) => void,
): Promise<DiffCounts> {
  const counts: DiffCounts = { before: 0, after: 0, added: 0, removed: 0, changed: 0, notFound: [0, 0] };
  // id → the snapshot's JSON; DONE once the second list has had the user (so duplicates and
  // additions are told apart from removals without a second set of ids).
  const snapshots = new Map<string, string>();
  await eachUser(before, 0, counts, (user) => {
    if (snapshots.has(user._id)) return;
    snapshots.set(user._id, pack(snapshotOf(user)));
    counts.before++;
  });
  await eachUser(after, 1, counts, (user) => {
    const was = snapshots.get(user._id);
    if (was === DONE) return;
    snapshots.set(user._id, DONE);
    counts.after++;
    const now = snapshotOf(user);
    if (was === undefined) {
      counts.added++;
      onChange({ change: 'added', _id: user._id, username: now.username, fields: shown(now) });
      return;
    }
    // Most users have not changed: equal text needs no parsing.
    if (was === pack(now)) return;
    const fields = compare(unpack(was), now);
    if (!fields) return;
    counts.changed++;
    onChange({ change: 'changed', _id: user._id, username: now.username, fields });
  });
  for (const [id, was] of snapshots) {
    if (was === DONE) continue;
    const snap = unpack(was);
    counts.removed++;
    onChange({ change: 'removed', _id: id, username: snap.username, fields: shown(snap) });
  }
  return counts;
}

const DONE = '';

async function eachUser(
  lines: AsyncIterable<string>,
  side: 0 | 1,
  counts: DiffCounts,
  take: (user: Record<string, unknown> & { _id: string }) => void,
): Promise<void> {
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      const parsed = parseUserLine(text, n);
      if ('user' in parsed) take(parsed.user);
      else if (parsed.skipped === 'not-found') counts.notFound[side]++;
    }
  } catch (err) {
    if (err instanceof DiffLineError) err.side = side;
    else if (err instanceof LineTooLongError)
      throw Object.assign(new DiffLineError(err.line, `longer than ${err.max.toLocaleString('en-US')} characters`), {
        side,
      });
    throw err;
  }
}
