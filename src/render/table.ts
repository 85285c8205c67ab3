import Table from 'cli-table3';
import { BOX, cutToWidth, fitTable, renderStacked, type ColumnFit, type Fitted, type Frame } from './fit.js';
import { displayWidth, renderGrid } from './grid.js';
import { asciiText, glyphsFor, type Glyphs } from './glyphs.js';
import { painter } from './style.js';
import { wrapLine, wrapWords } from './wrap.js';

export interface TableOptions {
  color: boolean;
  /** ASCII borders and "..." (a locale that is not UTF-8: IO.ascii). */
  ascii?: boolean;
  /** Terminal width, when known: tables are fitted to it so they never wrap (see table()). */
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
  return (
    rows.length <= CLI_TABLE3_MAX_ROWS &&
    rows.every((row) => row.every((cell) => PRINTABLE_ASCII.test(cell.replace(ANSI, ''))))
  );
}

/** cli-table3's border characters from the glyphs; no rule between body rows: a list reads like `gh`'s or `docker ps`'s, not a spreadsheet. */
function tableChars(box: Glyphs['box']): Record<string, string> {
  return {
    top: box.h,
    'top-left': box.top[0],
    'top-mid': box.top[1],
    'top-right': box.top[2],
    bottom: box.h,
    'bottom-left': box.bottom[0],
    'bottom-mid': box.bottom[1],
    'bottom-right': box.bottom[2],
    left: box.v,
    right: box.v,
    middle: box.v,
    mid: '',
    'left-mid': '',
    'mid-mid': '',
    'right-mid': '',
  };
}

/** A rule under the heading row, drawn from the top border (cli-table3 has one style for all row rules). */
function withHeadRule(text: string, box: Glyphs['box']): string {
  const lines = text.split('\n');
  if (lines.length < 3) return text;
  const top = lines[0]!;
  const rule =
    box.mid[0] + top.slice(box.top[0].length, -box.top[2].length).split(box.top[1]).join(box.mid[1]) + box.mid[2];
  return [lines[0], lines[1], rule, ...lines.slice(2)].join('\n');
}

/** A box-drawn table with a bold heading; cells must already be cleaned (and fitted, see table()). */
export function renderTable(head: string[], rows: string[][], opts: TableOptions, align: Align[] = []): string {
  const c = painter(opts.color);
  const heading = head.map((h) => c.bold(h));
  const { box } = glyphsFor(opts.ascii);
  if (!cliTable3Can(rows)) return renderGrid(heading, rows, align, box);
  const table = new Table({
    head: heading,
    chars: tableChars(box),
    style: { head: [], border: [] },
    // cli-table3 reads colAligns[x] for every cell: an explicit undefined would crash it.
    ...(align.length ? { colAligns: align } : {}),
  });
  table.push(...rows);
  return withHeadRule(table.toString(), box);
}

/** Cut `text` to at most `width` terminal columns, ending with "…" (or a given ellipsis) when cut. */
export const truncateToWidth = cutToWidth;

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
  /** ASCII borders and "..." (a locale that is not UTF-8: IO.ascii). */
  ascii?: boolean;
  align?: Align[];
  /**
   * Width to fit in, in terminal columns (see render/fit.ts): free text is cut first, then columns
   * with a `drop` rank go, and kept columns (IDs, usernames, addresses) are never cut; a table that
   * cannot fit at all becomes one block per row.
   */
  maxWidth?: number;
  /** How each column fits `maxWidth`. Without it, the `shrinkable` columns are free text and the rest kept. */
  fits?: ColumnFit[];
  /** Columns that may be cut to fit `maxWidth` (when `fits` is not given). */
  shrinkable?: number[];
  /** card: whether a row's value is copied whole (an ID, an address): never cut, on a line of its own if need be. */
  keepRow?: (label: string) => boolean;
  /**
   * card: values too long for `maxWidth` wrap at spaces under the value column instead of being
   * cut (render/wrap.ts: a URL stays whole); one with a word too wide for that column starts
   * under its label.
   */
  wrap?: boolean;
  /** Styles a cell after fitting, so colour codes are never cut; `column` is the index in `head`. */
  styleCell?: (text: string, row: number, column: number) => string;
}

/** `columns` tables: two spaces between columns, none at the ends. */
const ALIGNED: Frame = { perColumn: 2, fixed: -2 };

/** Draws `spec`; no trailing newline. */
export function table(spec: TableSpec): string {
  // A value rcuser shortened before it reached the table (clean(): 500 characters) ends in "…" too.
  if (spec.ascii) spec = { ...spec, rows: spec.rows.map((row) => row.map((cell) => asciiText(cell, true))) };
  const head = spec.head ?? [];
  if (spec.style === 'card') return card(spec);
  const fits = spec.fits ?? head.map((_, i): ColumnFit => ({ kind: spec.shrinkable?.includes(i) ? 'free' : 'keep' }));
  const { ellipsis } = glyphsFor(spec.ascii);
  const fit = fitTable(head, spec.rows, fits, spec.maxWidth, spec.style === 'box' ? BOX : ALIGNED, ellipsis);
  if (!fit.fits && spec.maxWidth) {
    // A leading column with no heading (the active mark of profiles) joins the block's title.
    if (head[0] === '' && head.length > 1) {
      const rows = spec.rows.map((r) => [`${r[0] ? `${r[0]} ` : ''}${r[1] ?? ''}`, ...r.slice(2)]);
      return renderStacked(head.slice(1), rows, fits.slice(1), spec.maxWidth, ellipsis);
    }
    return renderStacked(head, spec.rows, fits, spec.maxWidth, ellipsis);
  }
  const asked = fit.dropped.filter((i) => fits[i]?.asked).map((i) => head[i]!);
  const note = asked.length && spec.maxWidth ? `\n${askedNote(asked, spec.maxWidth, ellipsis)}` : '';
  return drawFitted(spec, fit) + note;
}

/** A column the user asked for that still did not fit is never dropped silently. */
function askedNote(heads: string[], columns: number, ellipsis: string): string {
  const long = `(${heads.join(' and ')} left out to fit ${columns} columns: widen the terminal, or use --json)`;
  return displayWidth(long) < columns
    ? long
    : cutToWidth(`(${heads.join(', ')} left out: see --json)`, columns - 1, ellipsis);
}

function drawFitted(spec: TableSpec, fit: Fitted): string {
  const styleCell = spec.styleCell;
  const rows = styleCell ? fit.rows.map((row, r) => row.map((cell, k) => styleCell(cell, r, fit.keep[k]!))) : fit.rows;
  const align = spec.align?.length ? fit.keep.map((i) => spec.align![i] ?? 'left') : [];
  if (spec.style === 'box') return renderTable(fit.head, rows, { color: spec.color, ascii: spec.ascii }, align);
  const all = fit.head.length ? [fit.head, ...rows] : rows;
  const widths = (all[0] ?? []).map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Label/value rows: free values are cut to `maxWidth`; a kept value too long for its line gets a line of its own. */
function card(spec: TableSpec): string {
  const dim = painter(spec.color).dim;
  const width = Math.max(0, ...spec.rows.map((r) => displayWidth(r[0] ?? '')));
  const max = spec.maxWidth;
  return spec.rows
    .map(([k = '', v = '']) => {
      const used = 2 + width + 2;
      if (!max || used + displayWidth(v) < max) return `  ${dim(pad(k, width))}  ${v}`;
      if (spec.wrap) {
        const lines = wrapWords(v, max - 1 - used);
        if (lines.every((l) => displayWidth(l) < max - used))
          return [`  ${dim(pad(k, width))}  ${lines[0]}`, ...lines.slice(1).map((l) => ' '.repeat(used) + l)].join(
            '\n',
          );
        return `  ${dim(k)}\n${wrapLine(v, max, 4)}`;
      }
      if (!spec.keepRow?.(k))
        return `  ${dim(pad(k, width))}  ${cutToWidth(v, Math.max(8, max - 1 - used), glyphsFor(spec.ascii).ellipsis)}`;
      return `  ${dim(k)}\n    ${v}`;
    })
    .join('\n');
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
