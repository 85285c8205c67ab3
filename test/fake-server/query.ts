/**
 * The slice of MongoDB the finding endpoints need: a query matcher, sorting in MongoDB's order,
 * projections that keep document order, and Rocket.Chat's pagination and `sort` parameter rules.
 */
import { json, type Reply } from './http.js';
import type { Doc } from './seed.js';

type Query = Record<string, unknown>;

/** A dotted path; arrays on the way are searched element by element, as MongoDB does. */
function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) return doc.flatMap((d) => valuesAt(d, path));
  if (!doc || typeof doc !== 'object') return [undefined];
  return valuesAt((doc as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** A MongoDB $regex: a string (with $options) or an inline `(?i)` flag, as PCRE allows. */
export function mongoRegex(pattern: unknown, options: unknown): RegExp {
  let src = String(pattern ?? '');
  let flags = typeof options === 'string' ? options.replace(/[^imsx]/g, '').replace('x', '') : '';
  const inline = /^\(\?([ims]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    flags += inline[1];
  }
  return new RegExp(src, [...new Set(flags)].join(''));
}

function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null && b == null) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One field condition against the field's values (an array field matches when an element does). */
function fieldMatches(values: unknown[], cond: unknown): boolean {
  const expanded = values.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]));
  if (cond && typeof cond === 'object' && !Array.isArray(cond) && Object.keys(cond).some((k) => k.startsWith('$'))) {
    const c = cond as Query;
    return Object.entries(c).every(([op, arg]) => {
      switch (op) {
        case '$eq':
          return expanded.some((v) => equals(v, arg));
        case '$ne':
          return !expanded.some((v) => equals(v, arg));
        case '$in':
          return (
            Array.isArray(arg) &&
            expanded.some((v) =>
              arg.some((a) => (a instanceof RegExp ? typeof v === 'string' && a.test(v) : equals(v, a))),
            )
          );
        case '$nin':
          return Array.isArray(arg) && !expanded.some((v) => arg.some((a) => equals(v, a)));
        case '$exists':
          return Boolean(arg) === values.some((v) => v !== undefined);
        case '$regex': {
          const re = arg instanceof RegExp ? arg : mongoRegex(arg, c.$options);
          return expanded.some((v) => typeof v === 'string' && re.test(v));
        }
        case '$options':
          return true;
        default:
          throw new Error(`fake server: unsupported operator ${op}`);
      }
    });
  }
  if (cond instanceof RegExp) return expanded.some((v) => typeof v === 'string' && cond.test(v));
  return expanded.some((v) => equals(v, cond));
}

/** Whether `doc` matches a MongoDB query using $and, $or, $nor and the field operators above. */
export function matches(doc: Doc, query: Query): boolean {
  return Object.entries(query).every(([key, cond]) => {
    if (key === '$and') return (cond as Query[]).every((q) => matches(doc, q));
    if (key === '$or') return (cond as Query[]).some((q) => matches(doc, q));
    if (key === '$nor') return !(cond as Query[]).some((q) => matches(doc, q));
    return fieldMatches(valuesAt(doc, key.split('.')), cond);
  });
}

/** MongoDB's order of types: missing/null < numbers < strings < objects < arrays < booleans. */
function rank(v: unknown): number {
  if (v == null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'object') return 3;
  if (typeof v === 'boolean') return 5;
  return 6;
}

function compare(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  // Strings compare by code unit (MongoDB's default binary collation); so do ISO dates.
  if (ra === 1 || ra === 2)
    return (a as number | string) < (b as number | string)
      ? -1
      : (a as number | string) > (b as number | string)
        ? 1
        : 0;
  if (ra === 5) return Number(a) - Number(b);
  return compare(JSON.stringify(a), JSON.stringify(b));
}

/** A stable sort by several keys, 1 ascending and -1 descending. */
export function sortDocs<T extends Doc>(docs: T[], sort: Record<string, number>): T[] {
  const keys = Object.entries(sort);
  return [...docs].sort((x, y) => {
    for (const [k, dir] of keys) {
      const c = compare(valuesAt(x, k.split('.'))[0], valuesAt(y, k.split('.'))[0]);
      if (c !== 0) return dir < 0 ? -c : c;
    }
    return 0;
  });
}

/** An inclusive projection: `_id` first, then the listed keys in the document's own order. */
export function project(doc: Doc, keys: Iterable<string>): Doc {
  const want = new Set(keys);
  const out: Doc = { _id: doc._id };
  for (const [k, v] of Object.entries(doc)) if (k !== '_id' && want.has(k)) out[k] = v;
  return out;
}

/** Escape a user's text for use inside a regular expression (escapeRegExp of @rocket.chat/string-helpers). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** API_Upper_Count_Limit and API_Default_Count defaults; API_Allow_Infinite_Count is on by default. */
export const UPPER_COUNT = 100;
export const DEFAULT_COUNT = 50;

/**
 * getPaginationItems (app/api/server/helpers/getPaginationItems.ts): count defaults to 50, is cut
 * to 100, and 0 means "no limit" while API_Allow_Infinite_Count is on.
 */
export function pagination(q: URLSearchParams, allowInfinite = true): { offset: number; count: number } {
  const offset = q.get('offset') ? Number.parseInt(q.get('offset')!, 10) || 0 : 0;
  let count = q.has('count') ? Number.parseInt(q.get('count') || '0', 10) || 0 : DEFAULT_COUNT;
  if (count > UPPER_COUNT) count = UPPER_COUNT;
  if (count === 0 && !allowInfinite) count = DEFAULT_COUNT;
  return { offset: Math.max(0, offset), count };
}

/** One page of already filtered and sorted docs; count 0 is everything from `offset`. */
export function page<T>(docs: T[], offset: number, count: number): T[] {
  return docs.slice(offset, count > 0 ? offset + count : undefined);
}

/**
 * The `sort` parameter as parseJsonQuery reads it (app/api/server/helpers/parseJsonQuery.ts): JSON
 * whose every value is 1 or -1, else 400 error-invalid-sort quoting the parameter.
 */
export function parseSort(q: URLSearchParams): { sort?: Record<string, number>; error?: Reply } {
  const raw = q.get('sort');
  if (!raw) return {};
  try {
    const sort = JSON.parse(raw) as unknown;
    if (!sort || typeof sort !== 'object' || Array.isArray(sort)) throw new Error('not an object');
    for (const v of Object.values(sort)) if (v !== 1 && v !== -1) throw new Error('bad value');
    return { sort: sort as Record<string, number> };
  } catch {
    return {
      error: json(400, {
        success: false,
        error: `Invalid sort parameter provided: "${raw}" [error-invalid-sort]`,
        errorType: 'error-invalid-sort',
        details: { helperMethod: 'parseJsonQuery' },
      }),
    };
  }
}

/** 403 from a route's declared permissionsRequired. */
export const missingPermission = (): Reply =>
  json(403, {
    success: false,
    error: 'User does not have the permissions required for this action [error-unauthorized]',
  });

/** 403 from API.v1.forbidden() inside a handler. */
export const forbidden = (): Reply => json(403, { success: false, error: 'unauthorized' });
