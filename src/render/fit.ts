import { displayWidth, graphemes } from './grid.js';

/**
 * Fitting a table to the terminal: shrink free text first, then drop low-value columns, and never
 * cut what a person copies (an ID, a username, an e-mail address: a cut one is useless).
 */

export type ColumnKind =
  /** Copied, never cut: IDs, usernames, e-mail addresses. */
  | 'keep'
  /**
   * Copied, but not worth every row: a rare cell far wider than the others of a long table (one
   * 45-character username among 300) may be cut with "…" down to the width of the others, instead
   * of squeezing every other row for it. Never for IDs.
   */
  | 'keep-most'
  /** Free text, cut with "…" down to `min` columns: names, roles, error messages. */
  | 'free';

export interface ColumnFit {
  kind: ColumnKind;
  /** A free column is never cut below this (nor below its heading). Default 8. */
  min?: number;
  /** Dropped when shrinking is not enough: lower goes first. Absent: always shown. */
  drop?: number;
  /**
   * The user asked for this column (a flag such as --rooms or --fields named it): it goes last,
   * after every column they did not ask for, whatever its `drop` rank.
   */
  asked?: boolean;
}

/** What a table costs besides its cells: a box has `│ ` + ` │` per column; aligned text has a gap. */
export interface Frame {
  perColumn: number;
  fixed: number;
}

/** rcuser's box tables: one space of padding on each side and one border per column, plus the last border. */
export const BOX: Frame = { perColumn: 3, fixed: 1 };

export interface Fitted {
  /** Indexes of the columns kept, in order. */
  keep: number[];
  /** Indexes of the columns dropped to fit, so a caller can say that a column it was asked for is gone. */
  dropped: number[];
  head: string[];
  rows: string[][];
  /** False when even the narrowest table is wider than the terminal (see renderStacked). */
  fits: boolean;
}

/** Cut `text` to at most `width` terminal columns, ending with the ellipsis ("…", or "..." in ASCII) when cut. */
export function cutToWidth(text: string, width: number, ellipsis = '…'): string {
  if (displayWidth(text) <= width) return text;
  const room = width - ellipsis.length;
  if (room < 0) return ellipsis.slice(0, Math.max(0, width));
  let out = '';
  let used = 0;
  // By whole characters as drawn (👨‍👩‍👧 is one, two columns wide), never by code point.
  for (const g of graphemes(text)) {
    const w = displayWidth(g);
    if (used + w > room) break;
    out += g;
    used += w;
  }
  return `${out}${ellipsis}`;
}

/** Tables shorter than this have no "rare" cells: each is one in a few, and stays whole. */
const RARE_FROM_ROWS = 50;

/**
 * The width a 'keep-most' column may be cut to: that of its 98th-percentile cell, when its widest
 * is far (1.5 times) wider; else its widest, so nothing is cut. A list of 300 where one username
 * has 45 characters and the rest about 12 is capped at about 12; a column of usernames that simply
 * vary in length is left whole.
 */
function usualWidth(widths: number[]): number {
  const widest = Math.max(0, ...widths);
  if (widths.length < RARE_FROM_ROWS) return widest;
  const sorted = [...widths].sort((a, b) => a - b);
  const usual = sorted[Math.ceil(sorted.length * 0.98) - 1]!;
  return widest > usual * 1.5 ? usual : widest;
}

/** Caps for the free columns of `cols` so the table fits `budget` cell columns, or undefined. */
function shrink(
  natural: number[],
  floors: number[],
  cols: number[],
  fits: ColumnFit[],
  budget: number,
): number[] | undefined {
  const caps = [...natural];
  let excess = cols.reduce((a, i) => a + natural[i]!, 0) - budget;
  if (excess <= 0) return caps;
  // Widest free column first, a column at a time down to the next widest, so the cut is shared.
  const free = cols.filter((i) => fits[i]!.kind !== 'keep' && natural[i]! > floors[i]!);
  while (excess > 0) {
    const open = free.filter((i) => caps[i]! > floors[i]!);
    if (open.length === 0) return undefined;
    const widest = Math.max(...open.map((i) => caps[i]!));
    const top = open.filter((i) => caps[i] === widest);
    const next = Math.max(...open.filter((i) => caps[i]! < widest).map((i) => caps[i]!), ...top.map((i) => floors[i]!));
    const room = (widest - next) * top.length;
    const cut = Math.min(excess, room);
    // Spread the cut over the widest columns, one column of width at a time.
    for (let k = 0; k < cut; k++) caps[top[k % top.length]!]!--;
    excess -= cut;
  }
  return caps;
}

/**
 * Fit `rows` (cells already cleaned, no color codes) into `columns` terminal columns. Without a
 * width (not a terminal), everything is kept as it is. A table that cannot fit even with every
 * droppable column gone keeps its IDs whole and is left as narrow as it can be.
 */
export function fitTable(
  head: string[],
  rows: string[][],
  fits: ColumnFit[],
  columns: number | undefined,
  frame: Frame = BOX,
  ellipsis = '…',
): Fitted {
  const all = head.map((_, i) => i);
  if (!columns || columns <= 0) return { keep: all, dropped: [], head, rows, fits: true };
  const natural = head.map((h, i) => rows.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? '')), displayWidth(h)));
  const floors = head.map((h, i) => {
    const least = Math.max(fits[i]?.min ?? 8, displayWidth(h));
    if (fits[i]?.kind !== 'keep-most') return Math.min(natural[i]!, least);
    return Math.max(Math.min(natural[i]!, least), usualWidth(rows.map((r) => displayWidth(r[i] ?? ''))));
  });
  const rank = (i: number) => (fits[i]!.asked ? 1e6 : 0) + fits[i]!.drop!;
  const dropOrder = all.filter((i) => fits[i]?.drop !== undefined).sort((a, b) => rank(a) - rank(b));
  const full = fits.map((f) => f ?? { kind: 'keep' as const });
  let keep = all;
  let caps: number[] | undefined;
  for (let dropped = 0; ; dropped++) {
    const budget = columns - frame.fixed - frame.perColumn * keep.length;
    caps = shrink(natural, floors, keep, full, budget);
    if (caps || dropped >= dropOrder.length) break;
    const gone = dropOrder[dropped]!;
    keep = keep.filter((i) => i !== gone);
  }
  // Still too wide: every free column at its floor, IDs whole.
  const final = caps ?? natural.map((w, i) => (full[i]!.kind === 'keep' ? w : floors[i]!));
  const cell = (text: string, i: number) => (final[i]! < natural[i]! ? cutToWidth(text, final[i]!, ellipsis) : text);
  return {
    keep,
    dropped: all.filter((i) => !keep.includes(i)),
    head: keep.map((i) => head[i]!),
    rows: rows.map((r) => keep.map((i) => cell(r[i] ?? '', i))),
    fits: caps !== undefined,
  };
}

/**
 * For a terminal too narrow for any table (a 34-character direct-message room ID in 40 columns):
 * one block per row, the first cell as its heading and the others as labelled lines, so IDs stay
 * whole and copyable. Free text is cut to the width; nothing else is.
 */
export function renderStacked(
  head: string[],
  rows: string[][],
  fits: ColumnFit[],
  columns: number,
  ellipsis = '…',
): string {
  const labels = head.slice(1);
  const labelWidth = Math.max(0, ...labels.map((h) => displayWidth(h)));
  const room = Math.max(8, columns - 1 - 2 - labelWidth - 2);
  const blocks = rows.map((r) => {
    const title = fits[0]?.kind === 'free' ? cutToWidth(r[0] ?? '', columns - 1, ellipsis) : (r[0] ?? '');
    const lines = [title];
    labels.forEach((h, k) => {
      const v = r[k + 1] ?? '';
      if (v === '') return;
      const value = fits[k + 1]?.kind === 'free' ? cutToWidth(v, room, ellipsis) : v;
      const line = `  ${h}${' '.repeat(labelWidth - displayWidth(h))}  ${value}`;
      // An ID too long to sit beside its label goes on a line of its own, whole.
      if (displayWidth(line) < columns) lines.push(line);
      else lines.push(`  ${h}`, `    ${value}`);
    });
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}
