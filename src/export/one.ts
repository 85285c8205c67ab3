/**
 * One user (`rcuser info <user>`) in a format of this folder. The caller writes the table and the
 * server's JSON itself, as before; this is everything --fields, --csv, --tsv and --jq change.
 */
import type { CliError } from '../errors.js';
import type { OutputChoice } from './choose.js';
import { pickAll, reduce } from './fields.js';
import { ExportWriter, type ExportTarget } from './writer.js';

export interface OneUserOptions {
  color: boolean;
  /** ASCII borders and "..." (IO.ascii). */
  ascii?: boolean;
  columns?: number;
}

/**
 * Writes `user` (its parsed object and the server's text, redacted) to `target.out`. Returns the
 * error to throw once the output is done (a jq program that failed), if any.
 */
export async function writeOneUser(
  choice: Exclude<OutputChoice, { format: 'server-json' }>,
  user: unknown,
  raw: string,
  target: ExportTarget,
  opts: OneUserOptions,
): Promise<CliError | undefined> {
  if (choice.format === 'table') {
    // Tables (cli-table3, chalk) load only for a table.
    const { renderFieldCard } = await import('./table.js');
    if (choice.fields) target.out(`${renderFieldCard(choice.fields, pickAll(user, choice.fields), opts)}\n`);
    return undefined;
  }
  // As --json prints one user: indented by 2 spaces.
  if (choice.format === 'json' && choice.fields) {
    target.out(`${JSON.stringify(reduce(user, choice.fields), null, 2)}\n`);
    return undefined;
  }
  const writer = new ExportWriter(choice, target);
  writer.emit([writer.item(user, raw)]);
  writer.end();
  return writer.failure();
}
