/**
 * `--csv` and `--tsv`: a value as a cell, a row of cells as a line (cli-contract.md, "Output formats").
 * Pure and dependency-free: the writers in sink.ts call these once per user.
 */

/** Plain values (not arrays or objects) joined into one cell: `admin;user`. */
const JOIN = ';';

function isPlain(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * The text of a cell: absent or null is empty, strings as they are, numbers and booleans as JSON
 * writes them, an array of plain values joined with `;`, anything else as compact JSON.
 */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every(isPlain)) return v.map((x) => (x === null ? '' : String(x))).join(JOIN);
  return JSON.stringify(v) ?? '';
}

/**
 * A spreadsheet reads a cell that starts with one of these as a formula (CWE-1236; OWASP's "CSV
 * Injection"): `=`, `+`, `-`, `@`, and tab or CR, which some strip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quoted when it holds a comma, quote, CR or LF (RFC 4180), or `;`, which Excel splits on in many locales. */
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula gets a leading `'` (shown as text,
 * and visibly changed); numbers and booleans the server sent are never text, so never changed.
 */
export function csvCell(v: unknown): string {
  let s = cellText(v);
  if (s === '') return s;
  if (typeof v !== 'number' && typeof v !== 'boolean' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV record, CRLF-terminated as RFC 4180 has it. */
export function csvRow(values: readonly unknown[]): string {
  // Concatenated, not mapped and joined: one row per user, thousands a second.
  let row = '';
  for (let i = 0; i < values.length; i++) row += (i === 0 ? '' : ',') + csvCell(values[i]);
  return `${row}\r\n`;
}

const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One TSV cell: `\`, tab, LF and CR written as `\\`, `\t`, `\n`, `\r`; no quoting, no formula guard (it is for scripts). */
const TSV_SPECIAL = /[\\\t\n\r]/;

export function tsvCell(v: unknown): string {
  const s = cellText(v);
  return TSV_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => TSV_ESCAPES[c]!) : s;
}

/** One TSV line, LF-terminated. */
export function tsvRow(values: readonly unknown[]): string {
  let row = '';
  for (let i = 0; i < values.length; i++) row += (i === 0 ? '' : '\t') + tsvCell(values[i]);
  return `${row}\n`;
}

/** The header row: the field paths, as cells of that format. */
export function headerRow(format: 'csv' | 'tsv', paths: readonly string[]): string {
  return format === 'csv' ? csvRow(paths) : tsvRow(paths);
}
