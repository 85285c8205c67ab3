/**
 * Which output a command of users writes (`info`, `search`, `list`), from its flags: the table, the
 * server's JSON, or one of the formats of this folder. Called before any request, so a mistyped
 * field or a jq program that does not compile is a usage error with nothing sent.
 */
import { UsageError } from '../errors.js';
import { parseFields, type Field } from './fields.js';
import type { JqFilter } from './jq.js';
import type { ExportSpec } from './writer.js';

/** The output flags `info`, `search` and `list` share. */
export interface FormatFlags {
  json?: boolean;
  csv?: boolean;
  tsv?: boolean;
  jq?: string;
  fields?: string;
}

export type OutputChoice =
  /** The command's own table (`fields` picks its columns). */
  | { format: 'table'; fields?: Field[] }
  /** --json without --fields: the server's text, as each command has always written it. */
  | { format: 'server-json' }
  | (ExportSpec & { format: 'json' | 'csv' | 'tsv' | 'jq' });

/**
 * The output the flags ask for. `defaultFields` are the command's table columns, for CSV and TSV
 * without --fields. The jq engine is loaded here, and only with --jq.
 */
export async function chooseOutput(flags: FormatFlags, defaultFields: string): Promise<OutputChoice> {
  const given = (['json', 'csv', 'tsv', 'jq'] as const).filter((f) => flags[f] !== undefined && flags[f] !== false);
  if (given.length > 1) {
    throw new UsageError(`--${given[0]} and --${given[1]} cannot be used together: choose one output format`);
  }
  const fields = flags.fields !== undefined ? parseFields(flags.fields) : undefined;
  const format = given[0];
  if (format === undefined) return { format: 'table', fields };
  if (format === 'json') return fields ? { format: 'json', fields } : { format: 'server-json' };
  if (format === 'csv' || format === 'tsv') return { format, fields: fields ?? parseFields(defaultFields) };
  const { compileJq } = await import('./jq.js');
  const jq: JqFilter = await compileJq(flags.jq!);
  return { format: 'jq', fields, jq };
}
