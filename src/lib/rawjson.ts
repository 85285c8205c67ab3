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
  let i = skipSpace(json, 0);
  if (json[i] !== '{') return undefined;
  i++;
  let found: string | undefined;
  for (;;) {
    i = skipSpace(json, i);
    if (json[i] !== '"') return found;
    const keyEnd = skipString(json, i);
    const name = JSON.parse(json.slice(i, keyEnd)) as string;
    i = skipSpace(json, keyEnd);
    if (json[i] !== ':') return found;
    const start = skipSpace(json, i + 1);
    const end = skipValue(json, start);
    if (name === key) found = json.slice(start, end);
    i = skipSpace(json, end);
    if (json[i] === ',') i++;
    else return found;
  }
}

/**
 * Re-indent valid JSON text. `indent` 0 gives the compact form (for NDJSON lines); 2 gives what
 * JSON.stringify(value, null, 2) would, but from the original tokens.
 */
export function formatJson(json: string, indent = 2): string {
  const nl = indent > 0;
  const pad = (depth: number) => (nl ? '\n' + ' '.repeat(depth * indent) : '');
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < json.length) {
    const c = json[i]!;
    if (c === '"') {
      const end = skipString(json, i);
      out += json.slice(i, end);
      i = end;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const next = skipSpace(json, i + 1);
      if (json[next] === close) {
        out += c + close;
        i = next + 1;
        continue;
      }
      depth++;
      out += c + pad(depth);
    } else if (c === '}' || c === ']') {
      depth--;
      out += pad(depth) + c;
    } else if (c === ',') {
      out += ',' + pad(depth);
    } else if (c === ':') {
      out += nl ? ': ' : ':';
    } else {
      const end = skipValue(json, i);
      out += json.slice(i, end);
      i = end;
      continue;
    }
    i++;
  }
  return out;
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
