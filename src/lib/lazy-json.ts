/**
 * A large JSON answer without the whole tree. JSON.parse of a 31 MiB user with 660,000 small objects
 * builds ~80 MiB of objects that `--json` never looks at (it prints the server's text), and that
 * took a lookup past 8× its answer. So past LAZY_FROM characters, the text is checked to be JSON
 * (same grammar as JSON.parse, no tree), and an object is built member by member: a small member is
 * parsed at once, a large object is built the same way one level down, and anything else large is
 * parsed the first time it is read (then kept). What reads the object sees what JSON.parse gives.
 *
 * A leaf module: only rawjson's scanners.
 */
import { rawMembers } from './rawjson.js';

/** Texts shorter than this are parsed whole: every ordinary answer. */
export const LAZY_FROM = 1024 * 1024;
/** A member's text up to this size is parsed when the object is built. */
const SMALL_MEMBER = 64 * 1024;
/** Levels of large objects built member by member; below them a large member is parsed whole when read. */
const LAZY_DEPTH = 4;

/** The object `json` holds (valid JSON text of an object, as isJson said), large members parsed on first read. */
export function parseLazily(json: string, depth = 0): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const [key, raw] of rawMembers(json)) {
    if (raw.length <= SMALL_MEMBER) define(obj, key, JSON.parse(raw));
    else if (raw.charCodeAt(0) === 0x7b /* { */ && depth + 1 < LAZY_DEPTH)
      define(obj, key, parseLazily(raw, depth + 1));
    else {
      Object.defineProperty(obj, key, {
        enumerable: true,
        configurable: true,
        get() {
          const value: unknown = JSON.parse(raw);
          define(obj, key, value);
          return value;
        },
        set(value: unknown) {
          define(obj, key, value);
        },
      });
    }
  }
  return obj;
}

/** An own, plain data property (a key `__proto__` too, as JSON.parse makes it); a later duplicate key wins. */
function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
}

/**
 * Whether `s` is one JSON text, by the grammar JSON.parse accepts (RFC 8259): no tree is built and
 * nesting is followed with a stack, not recursion.
 */
export function isJson(s: string): boolean {
  const n = s.length;
  const stack: number[] = [];
  let i = space(s, 0);
  for (;;) {
    // A value at i.
    const c = s.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      i = space(s, i + 1);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (s.charCodeAt(i) === close) i++;
      else {
        stack.push(c);
        if (c === 0x7b && (i = member(s, i)) < 0) return false;
        continue;
      }
    } else if (c === 0x22 /* " */) {
      if ((i = string(s, i)) < 0) return false;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      if ((i = number(s, i)) < 0) return false;
    } else if (s.startsWith('true', i)) i += 4;
    else if (s.startsWith('false', i)) i += 5;
    else if (s.startsWith('null', i)) i += 4;
    else return false;
    // After a value: a comma, a closing bracket, or the end.
    for (;;) {
      i = space(s, i);
      if (stack.length === 0) return i === n;
      const open = stack[stack.length - 1]!;
      const d = s.charCodeAt(i);
      if (d === 0x2c /* , */) {
        i = space(s, i + 1);
        if (open === 0x7b && (i = member(s, i)) < 0) return false;
        break;
      }
      if (d !== (open === 0x7b ? 0x7d : 0x5d)) return false;
      stack.pop();
      i++;
    }
  }
}

/** Past `"key" :` at i, at the value; -1 if that is not there. */
function member(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x22) return -1;
  i = string(s, i);
  if (i < 0) return -1;
  i = space(s, i);
  if (s.charCodeAt(i) !== 0x3a /* : */) return -1;
  return space(s, i + 1);
}

function space(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

const HEX = /^[0-9a-fA-F]{4}$/;

/** Past the string that starts at i (a quote), or -1: no control characters, only JSON's escapes. */
function string(s: string, i: number): number {
  for (i++; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c /* \ */) {
      const e = s.charCodeAt(++i);
      if (e === 0x75 /* u */) {
        if (!HEX.test(s.slice(i + 1, i + 5))) return -1;
        i += 4;
      } else if (
        !(e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74)
      )
        return -1;
    }
  }
  return -1;
}

/** Past the number at i, or -1: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
function number(s: string, i: number): number {
  const digits = (j: number): number => {
    let k = j;
    while (k < s.length && s.charCodeAt(k) >= 0x30 && s.charCodeAt(k) <= 0x39) k++;
    return k;
  };
  if (s.charCodeAt(i) === 0x2d) i++;
  if (s.charCodeAt(i) === 0x30) i++;
  else {
    const end = digits(i);
    if (end === i) return -1;
    i = end;
  }
  if (s.charCodeAt(i) === 0x2e /* . */) {
    const end = digits(i + 1);
    if (end === i + 1) return -1;
    i = end;
  }
  const e = s.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = s.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const end = digits(i);
    if (end === i) return -1;
    i = end;
  }
  return i;
}
