import { InvalidArgumentError, Option, type Command } from 'commander';
import { shapes } from '../export/fields.js';

// Node's timers hold at most 2^31-1 ms (24.8 days); a longer one fires after 1 ms instead.
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** commander argParsers that turn bad numbers into usage errors (exit 2). Seconds past a timer's range mean "that long", capped. */
export function positiveNumber(flag: string, min?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} takes a positive number, not "${value}"`);
    // A timer below 1 ms is no timer (undici refuses it): say so rather than round it to something else.
    if (min !== undefined && n < min) throw new InvalidArgumentError(`${flag} takes at least ${min}, not "${value}"`);
    return Math.min(n, MAX_SECONDS);
  };
}

export function positiveInt(flag: string, max?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1 || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(`${flag} takes a whole number ${max !== undefined ? `from 1 to ${max}` : 'of at least 1'}, not "${value}"`);
    }
    return n;
  };
}

/** Options every command that talks to a server accepts (set on the root program). */
export interface GlobalOptions {
  server?: string;
  profile?: string;
  timeout?: number;
  color?: boolean;
  verbose?: boolean;
  caFile?: string;
  insecure?: boolean;
  allowHttp?: boolean;
}

/**
 * What commander parsed, before it is typed. Each command reads its flags out of this with the
 * readers below, so a renamed flag is a type error, not a silent `undefined`.
 */
export type ParsedFlags = Record<string, unknown>;

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The root program's options, as every command sees them. */
export function readGlobals(o: ParsedFlags): GlobalOptions {
  return {
    server: str(o.server),
    profile: str(o.profile),
    timeout: num(o.timeout),
    color: bool(o.color),
    verbose: bool(o.verbose),
    caFile: str(o.caFile),
    insecure: bool(o.insecure),
    allowHttp: bool(o.allowHttp),
  };
}

/** The output flags of the commands that print users (`info`, `search`, `list`): src/export/choose.ts. */
export interface FormatOptions {
  json?: boolean;
  csv?: boolean;
  tsv?: boolean;
  jq?: string;
  fields?: string;
}

/** Flags in the order help lists them; `--json` is each command's own (its wording differs). */
export function addFormatFlags(cmd: Command): Command {
  // completionWords: offered by shell completion without restricting the flag (completion/spec.ts).
  const fields = Object.assign(new Option('--fields <list>', 'only these fields, a,b.c (`rcuser help fields`)'), { completionWords: shapes() });
  return cmd
    .addOption(fields)
    .option('--csv', 'CSV for spreadsheets (RFC 4180; formula-safe)')
    .option('--tsv', 'tab-separated values, for cut and awk')
    .option('--jq <expression>', 'filter the JSON output with jq (the jq language itself)');
}

export function readFormatOptions(o: ParsedFlags): FormatOptions {
  return { json: bool(o.json), csv: bool(o.csv), tsv: bool(o.tsv), jq: str(o.jq), fields: str(o.fields) };
}

/** The flags `list` and `search` share: how the users come out, and the longest rate-limit wait. */
export interface ListingOptions extends GlobalOptions, FormatOptions {
  limit?: number;
  /** false with --no-pager. */
  pager?: boolean;
  maxWait?: number;
}

export function addListingFlags(cmd: Command): Command {
  return addFormatFlags(cmd.option('--json', 'one JSON object per line (NDJSON), each user as the server sent it'))
    .addOption(new Option('--limit <n>', 'stop after this many users').argParser(positiveInt('--limit')))
    .option('--no-pager', 'never page the table through $PAGER / less')
    .addOption(new Option('--max-wait <seconds>', 'longest wait for one rate-limit reset').argParser(positiveNumber('--max-wait')).default(120));
}

export function readListingOptions(o: ParsedFlags): ListingOptions {
  return { ...readGlobals(o), ...readFormatOptions(o), limit: num(o.limit), pager: bool(o.pager), maxWait: num(o.maxWait) };
}
