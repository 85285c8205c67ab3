/**
 * Raw JSON text, scanned without parsing: a leaf module (no imports), used by the API client to cut
 * the user out of a body and by the renderers to re-indent it.
 *
 * JSON output without a parse-and-print round trip. `--json` promises the server's object exactly
 * as received: same keys, same order, same numbers. JSON.parse would reorder integer-like keys and
 * round large numbers, so rcuser cuts the raw text out of the body and only changes whitespace.
 */

/** Index just past the JSON string that starts at `i` (at the opening quote). */
function skipString(s: string, i: number): number {
  i++;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22 /* " */) return i + 1;
    else i++;
  }
  return i;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else break;
  }
  return i;
}

/** Index just past the JSON value that starts at `i`. */
function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return skipString(s, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < s.length) {
      const ch = s[i];
      if (ch === '"') {
        i = skipString(s, i);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < s.length && !',}] \n\r\t'.includes(s[i]!)) i++;
  return i;
}

/**
 * The raw text of member `key` of the top-level object in `json` (which must be valid JSON).
 * With duplicate keys the last one wins, as it does for JSON.parse.
 */
export function rawMember(json: string, key: string): string | undefined {
  let found: string | undefined;
  for (const [name, raw] of rawMembers(json)) if (name === key) found = raw;
  return found;
}

/** The members of the top-level object in `json` (valid JSON), each as its key and its value's raw text, in order. */
export function rawMembers(json: string): Array<[string, string]> {
  const members: Array<[string, string]> = [];
  let i = skipSpace(json, 0);
  if (json[i] !== '{') return members;
  i++;
  for (;;) {
    i = skipSpace(json, i);
    if (json[i] !== '"') return members;
    const keyEnd = skipString(json, i);
    const key = JSON.parse(json.slice(i, keyEnd)) as string;
    i = skipSpace(json, keyEnd);
    if (json[i] !== ':') return members;
    const start = skipSpace(json, i + 1);
    const end = skipValue(json, start);
    members.push([key, json.slice(start, end)]);
    i = skipSpace(json, end);
    if (json[i] === ',') i++;
    else return members;
  }
}

/*
 * Re-indenting in one pass, with bounded output. Indentation grows with depth, so text nested
 * 20,000 deep, indented in full, is quadratic: 40,000 lines of up to 40,000 spaces, past V8's
 * longest string ("Invalid string length"). Past MAX_INDENT_DEPTH levels the indentation stops
 * growing, and output that would still pass MAX_OUTPUT falls back to the compact form: the same
 * JSON value either way, only the whitespace differs.
 */

/** Levels that get their own indentation; deeper ones stay at this one. No user object comes near. */
export const MAX_INDENT_DEPTH = 64;
/** Characters of indented output at most (V8 strings stop at 2^29 - 24 on 64-bit). */
export const MAX_OUTPUT = 256 * 1024 * 1024;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Characters in each piece jsonChunks gives: big enough to write in one go, small beside any answer. */
export const PIECE_CHARS = 64 * 1024;

/**
 * Valid JSON text re-indented by `indent` spaces (0: compact, for NDJSON lines), from the original
 * tokens: what JSON.stringify(value, null, indent) gives, without parsing (keys keep their order,
 * numbers their digits). Linear in the input. For short texts; an answer goes out by jsonChunks.
 */
export function formatJson(json: string, indent = 2): string {
  let out = '';
  for (const chunk of jsonChunks(json, indent)) out += chunk;
  return out;
}

/**
 * formatJson's text in pieces of about PIECE_CHARS, to be written as they come. Built in one string,
 * the output of a 31 MiB answer was a rope of millions of small pieces: 842 MB of memory for
 * `info --json`. Past MAX_OUTPUT the compact form is given instead (decided by a first pass that
 * counts, for texts long enough to get there).
 */
export function* jsonChunks(json: string, indent = 2): Generator<string> {
  // An input character grows by at most this much when indented (a newline and the deepest indentation).
  const growth = 2 + MAX_INDENT_DEPTH * indent;
  if (indent > 0 && json.length * growth > MAX_OUTPUT) {
    let length = 0;
    for (const chunk of format(json, indent)) {
      length += chunk.length;
      if (length > MAX_OUTPUT) return yield* format(json, 0);
    }
  }
  yield* format(json, indent);
}

function* format(json: string, indent: number): Generator<string> {
  const nl = indent > 0;
  const pads: string[] = [];
  const pad = (depth: number): string => {
    if (!nl) return '';
    const d = Math.min(depth, MAX_INDENT_DEPTH);
    return (pads[d] ??= `\n${' '.repeat(d * indent)}`);
  };
  let out = '';
  let depth = 0;
  let i = 0;
  const n = json.length;
  while (i < n) {
    if (out.length >= PIECE_CHARS) {
      yield out;
      out = '';
    }
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = skipString(json, i);
      out += json.slice(i, end);
      i = end;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      let next = i + 1;
      while (next < n && isSpace(json.charCodeAt(next))) next++;
      if (json.charCodeAt(next) === close) {
        out += json[i]! + json[next]!;
        i = next + 1;
        continue;
      }
      depth++;
      out += json[i]! + pad(depth);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      out += pad(depth) + json[i]!;
    } else if (c === 0x2c /* , */) {
      out += `,${pad(depth)}`;
    } else if (c === 0x3a /* : */) {
      out += nl ? ': ' : ':';
    } else {
      // A number, true, false or null: up to the next structural character or space.
      let end = i + 1;
      while (end < n) {
        const d = json.charCodeAt(end);
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x3a || isSpace(d)) break;
        end++;
      }
      out += json.slice(i, end);
      i = end;
      continue;
    }
    i++;
  }
  if (out !== '') yield out;
}

/**
 * Whether JSON text has no whitespace outside its strings. Servers send compact JSON, and then the
 * text can be copied as it is: re-formatting it builds a string piece by piece, which at thousands of
 * users a second is most of a batch's garbage.
 */
export function isCompact(json: string): boolean {
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      return false;
    }
  }
  return true;
}

/**
 * The raw text of each element of the JSON array `json` (valid JSON, as cut by rawMember), so a
 * list of users can be printed one line each exactly as the server sent them.
 */
export function rawArrayItems(json: string): string[] {
  let i = skipSpace(json, 0);
  if (json[i] !== '[') return [];
  const items: string[] = [];
  i = skipSpace(json, i + 1);
  while (i < json.length && json[i] !== ']') {
    const end = skipValue(json, i);
    items.push(json.slice(i, end));
    i = skipSpace(json, end);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return items;
}

/**
 * `user` (an object's raw text) with one more member at its end: `"teams":[…]` beside the `rooms`
 * the server put last. Whitespace before the closing brace is kept; `{}` gets no comma.
 */
export function withMember(user: string, key: string, rawValue: string): string {
  const end = user.lastIndexOf('}');
  if (end < 0) return user;
  const before = user.slice(0, end).trimEnd();
  const sep = before.endsWith('{') ? '' : ',';
  return `${before}${sep}${JSON.stringify(key)}:${rawValue}${user.slice(before.length)}`;
}
