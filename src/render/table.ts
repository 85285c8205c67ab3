import Table from 'cli-table3';
import { displayWidth, renderGrid } from './grid.js';
import { painter } from './style.js';

export interface TableOptions {
  color: boolean;
  /** Terminal width, when known: long cells are cut with "…" so a table never wraps. */
  columns?: number;
}

export type Align = 'left' | 'right';

/**
 * cli-table3 lays a table out in time that grows with the square of its rows (5,000 rows: seconds;
 * 50,000: minutes), and its width measure (string-width 4) miscounts joiners, variation selectors
 * and some emoji, which breaks the borders. So it draws tables of up to this many rows of printable
 * ASCII, and rcuser's own linear grid draws the rest with the same frame
 * (test/reliability/hostile-render.test.ts F4 holds the two to the same output).
 */
const CLI_TABLE3_MAX_ROWS = 500;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ANSI = /\u001b\[[0-9;]*m/g;

function cliTable3Can(rows: string[][]): boolean {
  return rows.length <= CLI_TABLE3_MAX_ROWS && rows.every((row) => row.every((cell) => PRINTABLE_ASCII.test(cell.replace(ANSI, ''))));
}

// No rule between body rows: a list reads like `gh`'s or `docker ps`'s, not a spreadsheet.
const COMPACT_CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A rule under the heading row, drawn from the top border (cli-table3 has one style for all row rules). */
function withHeadRule(text: string): string {
  const lines = text.split('\n');
  if (lines.length < 3) return text;
  const rule = lines[0]!.replace('┌', '├').replace(/┬/g, '┼').replace('┐', '┤');
  return [lines[0], lines[1], rule, ...lines.slice(2)].join('\n');
}

/** A box-drawn table with a bold heading; cells must already be cleaned (and fitted, see fitCells). */
export function renderTable(head: string[], rows: string[][], opts: TableOptions, align: Align[] = []): string {
  const c = painter(opts.color);
  const heading = head.map((h) => c.bold(h));
  if (!cliTable3Can(rows)) return renderGrid(heading, rows, align);
  const table = new Table({
    head: heading,
    chars: COMPACT_CHARS,
    style: { head: [], border: [] },
    // cli-table3 reads colAligns[x] for every cell: an explicit undefined would crash it.
    ...(align.length ? { colAligns: align } : {}),
  });
  table.push(...rows);
  return withHeadRule(table.toString());
}

/** Cut `text` to at most `width` terminal columns, ending with "…" when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return out + '…';
}

/**
 * Cut the cells of the columns in `shrinkable` (widest first) until the table fits `columns`
 * terminal columns, measured as the terminal draws them (wide characters count two). Each column
 * keeps at least `min` columns; a table that cannot fit is left as wide as it must be.
 */
export function fitCells(head: string[], rows: string[][], columns: number | undefined, shrinkable: number[], min = 10): string[][] {
  if (!columns || columns <= 0) return rows;
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? '')), displayWidth(h)));
  // Each cell has one space of padding on both sides, and there is one border more than columns.
  let excess = widths.reduce((a, w) => a + w + 3, 1) - columns;
  if (excess <= 0) return rows;
  const caps = [...widths];
  for (const i of [...shrinkable].sort((a, b) => widths[b]! - widths[a]!)) {
    if (excess <= 0) break;
    const floor = Math.max(min, displayWidth(head[i]!));
    const cut = Math.min(excess, Math.max(0, widths[i]! - floor));
    caps[i] = widths[i]! - cut;
    excess -= cut;
  }
  return rows.map((r) => r.map((cell, i) => (caps[i] === widths[i] ? cell : truncateToWidth(cell, caps[i]!))));
}

/**
 * The one table function: every table rcuser prints goes through here.
 * - `box`: a bordered table with a heading (rooms, batch summary); cli-table3 or the linear grid.
 * - `columns`: plain aligned columns under a heading, like `docker context ls` (profiles).
 * - `card`: label/value rows under a title the caller writes (a user, whoami).
 */
export interface TableSpec {
  style: 'box' | 'columns' | 'card';
  /** Heading row (box, columns). */
  head?: string[];
  /** Cells, already cleaned. */
  rows: string[][];
  color: boolean;
  align?: Align[];
  /** Width to fit in, in terminal columns (box: cuts the `shrinkable` columns, widest first). */
  maxWidth?: number;
  /** Columns that may be cut to fit `maxWidth`. */
  shrinkable?: number[];
  /** Styles a cell after fitting, so colour codes are never cut. */
  styleCell?: (text: string, row: number, column: number) => string;
}

/** Draws `spec`; no trailing newline. */
export function table(spec: TableSpec): string {
  const head = spec.head ?? [];
  let rows = spec.style === 'box' && spec.shrinkable ? fitCells(head, spec.rows, spec.maxWidth, spec.shrinkable) : spec.rows;
  const styleCell = spec.styleCell;
  if (styleCell) rows = rows.map((row, r) => row.map((cell, i) => styleCell(cell, r, i)));
  if (spec.style === 'box') return renderTable(head, rows, { color: spec.color }, spec.align);
  if (spec.style === 'card') {
    const dim = painter(spec.color).dim;
    const width = Math.max(0, ...rows.map((r) => displayWidth(r[0] ?? '')));
    return rows.map(([k = '', v = '']) => `  ${dim(pad(k, width))}  ${v}`).join('\n');
  }
  const all = head.length ? [head, ...rows] : rows;
  const widths = (all[0] ?? []).map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  return all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!))).join('  ').trimEnd()).join('\n');
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
