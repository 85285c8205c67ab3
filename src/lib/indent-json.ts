/**
 * Re-indenting raw JSON text in one pass, with bounded output. Indentation grows with depth, so
 * text nested 20,000 deep, indented in full, is quadratic: 40,000 lines of up to 40,000 spaces,
 * past V8's longest string ("Invalid string length"). Past MAX_INDENT_DEPTH levels the indentation
 * stops growing, and output that would still pass MAX_OUTPUT falls back to the compact form: the
 * same JSON value either way, only the whitespace differs.
 */

/** Levels that get their own indentation; deeper ones stay at this one. No user object comes near. */
export const MAX_INDENT_DEPTH = 64;
/** Characters of indented output at most (V8 strings stop at 2^29 - 24 on 64-bit). */
export const MAX_OUTPUT = 256 * 1024 * 1024;

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

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Valid JSON text re-indented by `indent` spaces (0: compact, for NDJSON lines), from the original
 * tokens: what JSON.stringify(value, null, indent) gives, without parsing (keys keep their order,
 * numbers their digits). Linear in the input.
 */
export function formatJson(json: string, indent = 2): string {
  if (indent > 0) {
    const out = format(json, indent, MAX_OUTPUT);
    if (out !== undefined) return out;
  }
  return format(json, 0, Infinity)!;
}

function format(json: string, indent: number, limit: number): string | undefined {
  const nl = indent > 0;
  const pads: string[] = [];
  const pad = (depth: number): string => {
    if (!nl) return '';
    const d = Math.min(depth, MAX_INDENT_DEPTH);
    return (pads[d] ??= '\n' + ' '.repeat(d * indent));
  };
  let out = '';
  let depth = 0;
  let i = 0;
  const n = json.length;
  while (i < n) {
    if (out.length > limit) return undefined;
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
      out += ',' + pad(depth);
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
  return out;
}
