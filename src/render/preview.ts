/**
 * A value as compact JSON text for a table cell, cut after `max` characters. Without recursion and
 * without serializing more than is shown: JSON.stringify overflows the stack on a server's value
 * nested 20,000 deep ("Maximum call stack size exceeded"), and writes megabytes to show 500 characters.
 */
export function preview(value: unknown, max: number): string {
  interface Frame {
    items?: unknown[];
    obj?: Record<string, unknown>;
    keys?: string[];
    i: number;
  }
  const stack: Frame[] = [];
  let out = '';
  let next: unknown = value;
  let pending = true;
  while (out.length <= max) {
    if (pending) {
      pending = false;
      if (Array.isArray(next)) {
        out += '[';
        stack.push({ items: next, i: 0 });
      } else if (next !== null && typeof next === 'object') {
        out += '{';
        stack.push({ obj: next as Record<string, unknown>, keys: Object.keys(next), i: 0 });
      } else {
        out += JSON.stringify(next) ?? 'null';
      }
    }
    const top = stack[stack.length - 1];
    if (!top) break;
    if (top.items) {
      if (top.i < top.items.length) {
        if (top.i > 0) out += ',';
        next = top.items[top.i++];
        pending = true;
      } else {
        out += ']';
        stack.pop();
      }
    } else if (top.i < top.keys!.length) {
      const key = top.keys![top.i++]!;
      out += `${(top.i > 1 ? ',' : '') + JSON.stringify(key)}:`;
      next = top.obj![key];
      pending = true;
    } else {
      out += '}';
      stack.pop();
    }
  }
  return out;
}
