/**
 * `--fields a,b.c,emails.0.address`: the fields rcuser knows, how a path is checked against them,
 * and how a path picks its value out of a user object (cli-contract.md, "Output formats").
 *
 * The catalog is closed, so a typo is a usage error before any request, except below `customFields`
 * (each server defines its own) and `abacAttributes`. `services` is left out on purpose: it holds
 * credentials, and `--fields` reads the parsed object, which is not redacted (lib/redact.ts works on
 * the text).
 */
import { UsageError } from '../errors.js';
import { editDistance } from '../lib/nearest.js';

/** What may follow a top-level name: nothing, an index into a list, keys of a list's items, or anything. */
type Shape = { kind: 'value' } | { kind: 'list' } | { kind: 'records'; keys: readonly string[] } | { kind: 'open' };

interface FieldInfo {
  shape: Shape;
  about: string;
}

const value = (about: string): FieldInfo => ({ shape: { kind: 'value' }, about });
const list = (about: string): FieldInfo => ({ shape: { kind: 'list' }, about });

/**
 * The fields of a user as Rocket.Chat sends them (rocketchat-api.md §§ 7, 10, 11: users.info's
 * default and full projections, and what the listing endpoints add). Not every endpoint sends every
 * field: absent is an empty cell.
 */
export const FIELDS: Readonly<Record<string, FieldInfo>> = {
  _id: value('user id'),
  username: value('username'),
  name: value('display name'),
  nickname: value('nickname'),
  emails: {
    shape: { kind: 'records', keys: ['address', 'verified'] },
    about: 'e-mail addresses (admins and self only)',
  },
  roles: list('role ids (admins and self only)'),
  type: value('user, bot or app'),
  active: value('true, or false when deactivated'),
  status: value('online, away, busy or offline'),
  statusText: value('custom status message'),
  statusConnection: value('connection status (admins and self only)'),
  statusLivechat: value('omnichannel agent status'),
  statusDefault: value('status chosen by the user'),
  createdAt: value('when the account was created (ISO 8601)'),
  lastLogin: value('last login (ISO 8601; admins and self only)'),
  _updatedAt: value('last change to the account (ISO 8601)'),
  utcOffset: value('time zone offset in hours'),
  bio: value('profile bio'),
  reason: value('reason given when registering'),
  inactiveReason: value('why the account is inactive (newer servers)'),
  requirePasswordChange: value('must change password at next login'),
  requirePasswordChangeReason: value('why the password must change'),
  importIds: list('ids from an import'),
  phone: { shape: { kind: 'records', keys: ['phoneNumber'] }, about: 'phone numbers (admins and self only)' },
  avatarETag: value('avatar version, when a custom avatar is set'),
  avatarOrigin: value('where the avatar came from'),
  language: value('interface language'),
  federated: value('true for users of a federated server'),
  freeSwitchExtension: value('VoIP extension'),
  canViewAllInfo: value('whether the caller saw the full profile'),
  customFields: { shape: { kind: 'open' }, about: "the server's custom fields: customFields.<name>" },
  abacAttributes: { shape: { kind: 'open' }, about: 'attribute-based access control attributes' },
  rooms: {
    shape: { kind: 'records', keys: ['name', 't', 'unread', 'roles', 'rid', '_id', 'federated'] },
    about: 'the rooms, with info --rooms',
  },
  teams: {
    shape: { kind: 'records', keys: ['name', '_id', 'roomId', 'type', 'isOwner', 'createdAt'] },
    about: "the user's teams, where rcuser asks for them",
  },
};

export const FIELD_NAMES: readonly string[] = Object.keys(FIELDS);

/** One column: the path as the user wrote it (the CSV header, the --json key), and its steps. */
export interface Field {
  path: string;
  steps: readonly string[];
}

const INDEX = /^(0|[1-9]\d{0,8})$/;

/** Every path shape the catalog allows, for "did you mean" and completion (`emails.address`, `rooms.name`, ...). */
export function shapes(): string[] {
  return FIELD_NAMES.flatMap((name) => {
    const s = FIELDS[name]!.shape;
    return s.kind === 'records' ? [name, ...s.keys.map((k) => `${name}.${k}`)] : [name];
  });
}

/** Why `steps` is no field rcuser knows, or undefined when it is one. */
function problem(steps: readonly string[]): string | undefined {
  const [top, ...rest] = steps;
  const info = Object.hasOwn(FIELDS, top!) ? FIELDS[top!] : undefined;
  if (!info) return 'unknown';
  const { shape } = info;
  if (shape.kind === 'open') return rest.length === 0 || rest.every((s) => s !== '') ? undefined : 'unknown';
  if (rest.length === 0) return undefined;
  if (shape.kind === 'value') return 'unknown';
  const afterIndex = INDEX.test(rest[0]!) ? rest.slice(1) : rest;
  if (afterIndex.length === 0) return undefined;
  if (shape.kind === 'list') return 'unknown';
  return afterIndex.length === 1 && shape.keys.includes(afterIndex[0]!) ? undefined : 'unknown';
}

/** The known path nearest to what was typed, with its array index kept (`emials.0.adress` → `emails.0.address`). */
export function suggestField(typed: string): string | undefined {
  const steps = typed.split('.');
  const limit = (s: string) => Math.max(2, Math.ceil(s.length / 3));
  // Below an open field anything goes: only its own name can be wrong (`custmFields.dept`).
  const open = FIELD_NAMES.filter((n) => FIELDS[n]!.shape.kind === 'open');
  const openNear = open.find((n) => editDistance(n.toLowerCase(), steps[0]!.toLowerCase()) <= limit(n));
  if (openNear && steps.length > 1) return [openNear, ...steps.slice(1)].join('.');
  const index = steps.findIndex((s) => INDEX.test(s));
  const bare = steps.filter((_, i) => i !== index).join('.');
  let best: string | undefined;
  let bestDistance = limit(bare) + 1;
  for (const candidate of shapes()) {
    const d = editDistance(bare.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best === undefined || index < 0) return best;
  const parts = best.split('.');
  parts.splice(Math.min(index, parts.length), 0, steps[index]!);
  return parts.join('.');
}

/**
 * `--fields` as typed: comma-separated paths, checked against the catalog. A field named twice is
 * one column. Throws a UsageError naming the first unknown field, with the nearest known one.
 */
export function parseFields(text: string): Field[] {
  const paths = text.split(',').map((p) => p.trim());
  if (paths.every((p) => p === ''))
    throw new UsageError(
      '--fields needs at least one field name',
      'e.g. `--fields username,name,emails.0.address`; `rcuser help fields` lists them',
    );
  const fields: Field[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (path === '')
      throw new UsageError(
        `--fields "${text}" has an empty field name`,
        'separate names with single commas, e.g. `--fields username,name`',
      );
    if (seen.has(path)) continue;
    seen.add(path);
    const steps = path.split('.');
    if (problem(steps) !== undefined) {
      const near = suggestField(path);
      const shown = JSON.stringify(path);
      throw new UsageError(
        `unknown field ${shown} in --fields${near !== undefined && near !== path ? ` (did you mean ${near}?)` : ''}`,
        '`rcuser help fields` lists the fields (any name works below customFields.)',
      );
    }
    fields.push({ path, steps });
  }
  return fields;
}

/**
 * The value at `steps` in `value`, or undefined when absent. A number steps into an array; a name
 * applied to an array is applied to each of its items (`emails.address`: every address).
 */
export function pick(value: unknown, steps: readonly string[], from = 0): unknown {
  if (from === steps.length) return value;
  const step = steps[from]!;
  if (Array.isArray(value)) {
    if (INDEX.test(step)) return pick(value[Number(step)], steps, from + 1);
    return value.map((item) => pick(item, steps, from) ?? null);
  }
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) return undefined;
  return pick((value as Record<string, unknown>)[step], steps, from + 1);
}

/** The values of `fields` in `user`, in order (undefined where absent). */
export function pickAll(user: unknown, fields: readonly Field[]): unknown[] {
  const values = new Array<unknown>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const { steps } = fields[i]!;
    // A top-level name, the most common field, without the walk.
    values[i] =
      steps.length === 1
        ? user !== null && typeof user === 'object' && Object.hasOwn(user, steps[0]!)
          ? (user as Record<string, unknown>)[steps[0]!]
          : undefined
        : pick(user, steps);
  }
  return values;
}

/**
 * `--json --fields`: an object of the picked values keyed by the paths as written, in their order.
 * Absent fields are left out (nothing is added to what the server sent).
 */
export function reduce(user: unknown, fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = pick(user, f.steps);
    if (v !== undefined) out[f.path] = v;
  }
  return out;
}

/** Columns of CSV and TSV without --fields: those of the command's table (cli-contract.md). */
export const DEFAULT_FIELDS = {
  /** `rcuser info`: the user's card (rooms come as `rooms.name` with --rooms). */
  info: '_id,username,name,nickname,status,type,active,roles,emails.address,createdAt,lastLogin,utcOffset',
  /** `rcuser list` and `rcuser search`: the list's table. */
  list: 'username,name,status,active,roles,emails.address',
} as const;
