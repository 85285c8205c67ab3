/**
 * `--fields` without a format: the picked fields as a table for a person. One user is a card
 * (field, value); several are a box with one column per field. Values are cleaned like every
 * server value on a terminal; e-mail addresses and ids are never cut to fit.
 */
import type { ColumnFit } from '../render/fit.js';
import { table } from '../render/table.js';
import { clean } from '../render/text.js';
import type { Field } from './fields.js';

function isPlain(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A value as a person reads it: lists of plain values with commas, absent as empty. */
export function humanCell(v: unknown): string {
  if (Array.isArray(v) && v.every(isPlain)) return v.map((x) => clean(x, 120)).join(', ');
  return clean(v, 200);
}

/** Copied whole by people: never cut. */
const KEEP = /(^|\.)(_id|id|username|address|rid|roomId)$/;
/** IDs: never cut, even the rare one far longer than the rest (render/fit.ts, 'keep-most'). */
const ID = /(^|\.)(_id|id|rid|roomId)$/;

const fitOf = (f: Field): ColumnFit =>
  ID.test(f.path)
    ? { kind: 'keep' }
    : KEEP.test(f.path) || /^emails(\.\d+)?$/.test(f.path)
      ? { kind: 'keep-most' }
      : { kind: 'free' };

export interface FieldTableOptions {
  color: boolean;
  /** ASCII borders and "..." (IO.ascii). */
  ascii?: boolean;
  columns?: number;
}

/** One user: a card of the fields asked for, in their order; no trailing newline. */
export function renderFieldCard(fields: readonly Field[], values: readonly unknown[], opts: FieldTableOptions): string {
  return table({
    style: 'card',
    rows: fields.map((f, i) => [f.path, humanCell(values[i])]),
    color: opts.color,
    ascii: opts.ascii,
    maxWidth: opts.columns,
    keepRow: (label) => KEEP.test(label),
  });
}

/** Several users: one row each, one column per field; no trailing newline. */
export function renderFieldTable(
  fields: readonly Field[],
  rows: readonly (readonly unknown[])[],
  opts: FieldTableOptions,
): string {
  return table({
    style: 'box',
    head: fields.map((f) => f.path),
    rows: rows.map((r) => r.map(humanCell)),
    color: opts.color,
    ascii: opts.ascii,
    maxWidth: opts.columns,
    fits: fields.map(fitOf),
  });
}
