/**
 * The output of `--fields`, `--csv`, `--tsv` and `--jq` as users arrive: each user becomes one
 * small string at once (a row, or a JSON document), and strings are written as they come, in
 * output order, so a 20,000-user batch or a long list is written in bounded memory, like NDJSON.
 * No Context here: the command passes where text goes, so this is tested as plain text.
 */
import { CliError } from '../errors.js';
import { formatJson, isCompact } from '../lib/rawjson.js';
import { headerRow, csvRow, tsvRow } from './delimited.js';
import { pickAll, reduce, type Field } from './fields.js';
import type { JqFilter, JqRun } from './jq.js';

export type ExportFormat = 'csv' | 'tsv' | 'json' | 'jq';

export interface ExportSpec {
  format: ExportFormat;
  /** --fields; required for csv and tsv (the command's table columns when not given). */
  fields?: readonly Field[];
  /** The compiled --jq program (format 'jq'). */
  jq?: JqFilter;
}

export interface ExportTarget {
  out(text: string): void;
  err(text: string): void;
}

export class ExportWriter {
  private headerDone = false;
  private readonly jqRun?: JqRun;

  constructor(
    readonly spec: ExportSpec,
    private readonly target: ExportTarget,
  ) {
    if (spec.format === 'jq') {
      if (!spec.jq) throw new Error('ExportWriter: format jq needs a compiled program');
      this.jqRun = spec.jq.run(target);
    }
    if ((spec.format === 'csv' || spec.format === 'tsv') && !spec.fields)
      throw new Error(`ExportWriter: ${spec.format} needs fields`);
  }

  /** Whether items are JSON documents (json, jq) rather than rows (csv, tsv). */
  get isJson(): boolean {
    return this.spec.format === 'json' || this.spec.format === 'jq';
  }

  /**
   * One user as the text this format writes for it: a CSV or TSV row (line-terminated), or its JSON
   * document on one line (without the newline): the server's text, or the object --fields reduces it to.
   */
  item(user: unknown, raw: string): string {
    const { format, fields } = this.spec;
    if (format === 'csv') return csvRow(pickAll(user, fields!));
    if (format === 'tsv') return tsvRow(pickAll(user, fields!));
    if (fields) return JSON.stringify(reduce(user, fields));
    return isCompact(raw) ? raw : formatJson(raw, 0);
  }

  /** Writes items in output order: rows after the header, JSON documents one a line, or into jq. */
  emit(items: readonly string[]): void {
    if (items.length === 0) return;
    if (this.jqRun) {
      for (const item of items) this.jqRun.push(item);
      return;
    }
    let text = this.isJson ? `${items.join('\n')}\n` : items.join('');
    if (!this.headerDone && !this.isJson) text = this.header() + text;
    this.target.out(text);
  }

  /**
   * The end of the output: the rest of a jq run, and the header alone when there were no rows (an
   * empty export still has its columns), unless the command failed before any (`headerIfEmpty`).
   */
  end(opts: { headerIfEmpty?: boolean } = {}): void {
    if (!this.headerDone && !this.isJson && opts.headerIfEmpty !== false) this.target.out(this.header());
    this.jqRun?.end();
  }

  /**
   * After end(): a CliError (exit 1) when the jq program failed on some documents (jq has said
   * which on stderr), else undefined.
   */
  failure(): CliError | undefined {
    const run = this.jqRun;
    if (!run || run.errors === 0) return undefined;
    const of = run.documents === 1 ? '' : ` of ${run.documents.toLocaleString('en-US')}`;
    return new CliError(
      `the --jq program failed on ${run.errors.toLocaleString('en-US')}${of} ${run.documents === 1 ? 'document' : 'documents'} (jq's messages above)`,
    );
  }

  private header(): string {
    this.headerDone = true;
    return headerRow(
      this.spec.format as 'csv' | 'tsv',
      this.spec.fields!.map((f) => f.path),
    );
  }
}
