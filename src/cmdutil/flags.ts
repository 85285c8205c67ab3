import { InvalidArgumentError, Option, type Command } from 'commander';
import { shapes } from '../export/fields.js';
import { DEFAULTS } from '../lib/defaults.js';
import type { Env } from '../lib/env.js';

// Node's timers hold at most 2^31-1 ms (24.8 days); a longer one fires after 1 ms instead.
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** commander argParsers that turn bad numbers into usage errors (exit 2). Seconds past a timer's range mean "that long", capped. */
export function positiveNumber(flag: string, min?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} takes a positive number, not "${value}"`);
    // A timer below 1 ms is no timer (undici refuses it): say so rather than round it to something else.
    if (min !== undefined && n < min) throw new InvalidArgumentError(`${flag} takes at least ${min}, not "${value}"`);
    return Math.min(n, MAX_SECONDS);
  };
}

export function positiveInt(flag: string, max?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1 || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(
        `${flag} takes a whole number ${max !== undefined ? `from 1 to ${max}` : 'of at least 1'}, not "${value}"`,
      );
    }
    return n;
  };
}

/**
 * One flag, declared once: commander's option is generated from it, and its typed value is read
 * through it. `env` names the variable read when the flag is not given (an empty one counts as unset).
 */
export interface Flag<T> {
  /** A new commander option (each program built gets its own). */
  readonly option: () => Option;
  /** The name commander stores the value under (`--no-pager`: pager). */
  readonly attribute: string;
  /** `--server`: how messages name the flag. */
  readonly long: string;
  readonly read: (parsed: unknown) => T;
  readonly env?: string;
}

export type FlagTable = Record<string, Flag<unknown>>;
export type FlagValues<F extends FlagTable> = { -readonly [K in keyof F]: F[K] extends Flag<infer T> ? T : never };

/** What commander parsed, before it is typed: only readFlags looks into it. */
export type ParsedFlags = Record<string, unknown>;

interface FlagExtras {
  env?: string;
  choices?: readonly string[];
  conflicts?: string | string[];
  /** Offered by shell completion without restricting the flag (src/commands/completion/spec.ts). */
  completionWords?: readonly string[];
}

function declare<T>(
  flags: string,
  description: string,
  read: (v: unknown) => T,
  extras: FlagExtras = {},
  build?: (o: Option) => Option,
): Flag<T> {
  const option = (): Option => {
    let o = new Option(flags, description);
    if (extras.choices) o = o.choices(extras.choices);
    if (extras.conflicts) o = o.conflicts(extras.conflicts);
    if (build) o = build(o);
    if (o.required) o = refuseFlagAsValue(o);
    return extras.completionWords ? Object.assign(o, { completionWords: extras.completionWords }) : o;
  };
  const made = option();
  return { option, attribute: made.attributeName(), long: made.long!, read, env: extras.env };
}

/**
 * `list --role --no-pager`: commander takes the next word as the value even when it is a flag; say the
 * flag is missing its value instead of looking for a role called "--no-pager".
 */
function refuseFlagAsValue(o: Option): Option {
  const parse = o.parseArg;
  return o.argParser((value: string, previous: unknown) => {
    if (value.startsWith('--'))
      throw new InvalidArgumentError(
        `${o.long} needs a value ${/<[^>]*>/.exec(o.flags)?.[0] ?? ''} ('${value}' is a flag, not a value)`,
      );
    return parse ? parse(value, previous) : value;
  });
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const asBoolean = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** The kinds of flag rcuser has; each returns a declaration for a command's table. */
export const flag = {
  /** `--x <value>`: the string, or undefined. */
  string: (flags: string, description: string, extras?: FlagExtras): Flag<string | undefined> =>
    declare(flags, description, asString, extras),
  /** `--x` (or `--no-x`, whose value is true unless given). */
  boolean: (flags: string, description: string, extras?: FlagExtras): Flag<boolean | undefined> =>
    declare(flags, description, asBoolean, extras),
  /** `--x <n>` with a parser that throws usage errors, and a default from DEFAULTS. */
  number: (flags: string, description: string, parse: (value: string) => number, defaultValue: number): Flag<number> =>
    declare(
      flags,
      description,
      (v) => (typeof v === 'number' ? v : defaultValue),
      {},
      (o) => o.argParser(parse).default(defaultValue),
    ),
  /** `--x <n>` with no default: undefined unless given. */
  optionalNumber: (flags: string, description: string, parse: (value: string) => number): Flag<number | undefined> =>
    declare(
      flags,
      description,
      (v) => (typeof v === 'number' ? v : undefined),
      {},
      (o) => o.argParser(parse),
    ),
  /** `--x <value>` through a parser that throws usage errors: its value, or undefined. */
  parsed: <T>(
    flags: string,
    description: string,
    parse: (value: string) => T,
    extras?: FlagExtras,
  ): Flag<T | undefined> =>
    declare(
      flags,
      description,
      (v) => v as T | undefined,
      extras,
      (o) => o.argParser(parse),
    ),
  /** `--x <value>`, repeatable: every value given, each once, in order. */
  list: (flags: string, description: string, extras?: FlagExtras): Flag<string[]> =>
    declare(
      flags,
      description,
      (v) => [...new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])],
      extras,
      (o) => o.argParser((value: string, previous: string[] = []) => [...previous, value]),
    ),
};

/** Generate commander's options from a table. */
export function addFlags(cmd: Command, table: FlagTable): Command {
  for (const f of Object.values(table)) cmd.addOption(f.option());
  return cmd;
}

/** Where a value given by flag or environment came from: `--server` or `RCUSER_SERVER`. */
export type FlagSources<F extends FlagTable> = { [K in keyof F]?: string };

/** The typed values of a table's flags, the environment filled in where a flag names a variable and was not given. */
export function readFlags<F extends FlagTable>(
  table: F,
  parsed: ParsedFlags,
  env: Env,
): FlagValues<F> & { from: FlagSources<F> } {
  const values: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [key, f] of Object.entries(table)) {
    const given = parsed[f.attribute];
    if (given !== undefined && f.env !== undefined) from[key] = f.long;
    const fromEnv = given === undefined && f.env !== undefined ? env[f.env] || undefined : undefined;
    if (fromEnv !== undefined) from[key] = f.env!;
    values[key] = f.read(fromEnv ?? given);
  }
  return { ...(values as FlagValues<F>), from: from as FlagSources<F> };
}

/** The root program's flags, which every command accepts before or after its name. */
export const GLOBAL_FLAGS = {
  server: flag.string('--server <url>', 'server base URL (env RCUSER_SERVER)', { env: 'RCUSER_SERVER' }),
  profile: flag.string('--profile <name>', 'use this stored profile (env RCUSER_PROFILE)', { env: 'RCUSER_PROFILE' }),
  timeout: flag.number(
    '--timeout <seconds>',
    'give up on a request after this long',
    positiveNumber('--timeout', 0.001),
    DEFAULTS.timeout,
  ),
  allowHttp: flag.boolean('--allow-http', 'allow plain http:// to a host that is not loopback'),
  caFile: flag.string(
    '--ca-file <pem>',
    "also trust this CA certificate (PEM) for the server's TLS (env RCUSER_CA_FILE)",
    { env: 'RCUSER_CA_FILE' },
  ),
  insecure: flag.boolean('--insecure', 'skip TLS certificate verification for this run (unsafe; warns on stderr)'),
  verbose: flag.boolean(
    '--verbose',
    'log each request on stderr: method, path, status, time (credentials never shown)',
  ),
  color: flag.boolean('--no-color', 'no colors (also NO_COLOR=1)'),
};

/**
 * What every command's run function gets besides its own flags: the global flags with the
 * environment filled in (`from` says which), and the credentials the environment holds.
 */
export type GlobalOptions = FlagValues<typeof GLOBAL_FLAGS> & {
  from: FlagSources<typeof GLOBAL_FLAGS> & Record<string, string | undefined>;
  /** RCUSER_USER_ID and RCUSER_TOKEN, each only when set. */
  envAuth: { userId?: string; token?: string };
  /** RCUSER_PROFILE as this shell sets it, for notes that it overrides the active profile. */
  envProfile?: string;
};

/** A command's options: the globals and its own table's values. */
export type CommandOptions<F extends FlagTable> = GlobalOptions & FlagValues<F>;

/** Flags (the command's and the globals), environment and credentials, resolved once before a command runs. */
export function readCommandFlags<F extends FlagTable>(cmd: Command, table: F, env: Env): CommandOptions<F> {
  return readParsedFlags(cmd.optsWithGlobals<ParsedFlags>(), table, env);
}

/** readCommandFlags on what commander parsed (or a test wrote): `readParsedFlags({ server: 'x' }, {}, env)`. */
export function readParsedFlags<F extends FlagTable>(parsed: ParsedFlags, table: F, env: Env): CommandOptions<F> {
  const values = readFlags({ ...GLOBAL_FLAGS, ...table }, parsed, env);
  return {
    ...values,
    envAuth: { userId: env.RCUSER_USER_ID || undefined, token: env.RCUSER_TOKEN || undefined },
    envProfile: env.RCUSER_PROFILE || undefined,
  } as CommandOptions<F>;
}

/** The flags `list` and `search` share: how the users come out, and the longest rate-limit wait. */
/** The output flags of the commands that print users (`info`, `search`, `list`): src/export/choose.ts. `--json` is each command's own (its wording differs). */
export const FORMAT_FLAGS = {
  fields: flag.string('--fields <list>', 'only these fields, a,b.c (`rcuser help fields`)', {
    completionWords: shapes(),
  }),
  csv: flag.boolean('--csv', 'CSV for spreadsheets (RFC 4180; formula-safe)'),
  tsv: flag.boolean('--tsv', 'tab-separated values, for cut and awk'),
  jq: flag.string('--jq <expression>', 'filter the JSON output with jq (the jq language itself)'),
};

/** The longest wait for one rate limit: `info`, `list` and `search` take it. */
export const MAX_WAIT_FLAG = flag.number(
  '--max-wait <seconds>',
  'longest wait for one rate-limit reset',
  positiveNumber('--max-wait'),
  DEFAULTS.maxWait,
);

export const LISTING_FLAGS = {
  json: flag.boolean('--json', 'one JSON object per line (NDJSON), each user as the server sent it'),
  ...FORMAT_FLAGS,
  limit: flag.optionalNumber('--limit <n>', 'stop after this many users', positiveInt('--limit')),
  pager: flag.boolean('--no-pager', 'never page the table through $PAGER / less'),
  maxWait: MAX_WAIT_FLAG,
};

export type ListingOptions = CommandOptions<typeof LISTING_FLAGS>;
