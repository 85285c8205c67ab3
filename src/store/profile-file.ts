import fs from 'node:fs';
import os from 'node:os';
import { CliError, ExitCode } from '../errors.js';
import { isRecord } from '../lib/values.js';
import type { Profile } from './types.js';
import { NotSmallFileError, readSmallFile, sizeWords } from '../lib/small-file.js';

/** Reading the profile file: plain JSON, no conf (which only writes need). Never writes, never prints. */

/** The file as stored. Entries are kept as found, so a write never drops what this version cannot read. */
export interface StoreFile {
  active?: string;
  profiles?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Snapshot {
  active?: string;
  profiles: Map<string, Profile>;
}

/** Far above any real profile file (10,000 profiles are a few MB), far below one that costs memory. */
export const MAX_PROFILE_FILE = 16 * 1024 * 1024;

/**
 * The whole file as found: {} when there is none yet (or it is empty, blank, or /dev/null); a clear
 * error (and no write) when it is broken, not a regular file, or too large. `forWrite`: the file is
 * about to be rewritten, so what a rewrite would damage (bytes that are not UTF-8, which JSON.parse
 * reads as U+FFFD) or cannot reach (/dev/null) is refused instead.
 */
export function readStoreFile(file: string, opts: { forWrite?: boolean } = {}): StoreFile {
  let bytes: Buffer;
  try {
    bytes = readSmallFile(file, MAX_PROFILE_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    if (err instanceof NotSmallFileError) {
      if (err.devNull && !opts.forWrite) return {};
      if (err.devNull) throw notStorable(file, 'it is /dev/null (or a link to it): nothing written there is kept');
      if (err.reason === 'too-large')
        throw notStorable(
          file,
          `it is larger than ${sizeWords(MAX_PROFILE_FILE)} (${err.what}), far more than any profile file`,
        );
      throw notStorable(file, `it is ${err.what}, not a regular file`);
    }
    throw fsError('cannot read the profile file', err, file);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: opts.forWrite === true }).decode(bytes);
  } catch {
    throw corrupt(file, 'it holds bytes that are not UTF-8, which a rewrite would replace in every profile');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw corrupt(file, `it is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isRecord(value)) throw corrupt(file, 'it does not hold a JSON object');
  if (value.profiles !== undefined && !isRecord(value.profiles)) throw corrupt(file, '"profiles" is not an object');
  if (value.active !== undefined && typeof value.active !== 'string') throw corrupt(file, '"active" is not a string');
  return value as StoreFile;
}

/** The usable profiles of `data` (read from `file`); an incomplete entry is skipped with a warning. */
export function parseStoreFile(data: StoreFile, file: string, warnings: string[]): Snapshot {
  const profiles = new Map<string, Profile>();
  for (const [name, entry] of Object.entries(data.profiles ?? {})) {
    const p = toProfile(name, entry);
    if (p) profiles.set(name, p);
    else warnings.push(`profile "${visible(name)}" in ${file} is incomplete and is ignored (it is kept in the file)`);
  }
  return { active: data.active, profiles };
}

/** Warn like ssh does when others can read the tokens. */
export function modeWarning(file: string, platform: string = os.platform()): string | undefined {
  if (platform === 'win32') return undefined; // modes mean nothing there; the profile directory is per-user
  let mode: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return undefined; // /dev/null is 0666 and holds nothing; other kinds are refused on reading
    mode = st.mode & 0o777;
  } catch {
    return undefined;
  }
  if (!(mode & 0o077)) return undefined;
  const m = mode.toString(8).padStart(4, '0');
  return `permissions ${m} for ${file} are too open: others may read your tokens; run chmod 600 ${file}`;
}

function notStorable(file: string, why: string): CliError {
  return new CliError(
    `the profile file ${file} cannot be used: ${why}`,
    ExitCode.failure,
    'move it away, or point RCUSER_CONFIG_DIR at another directory',
  );
}

function corrupt(file: string, why: string): CliError {
  return new CliError(
    `the profile file ${file} is damaged: ${why}`,
    ExitCode.failure,
    `fix it by hand or move it away (rcuser never overwrites it); RCUSER_CONFIG_DIR=<dir> uses another directory`,
  );
}

/** A failed read or write of the profile file or directory, in words. */
export function fsError(what: string, err: unknown, where: string): CliError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EROFS'
        ? 'the file system is read-only'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : err instanceof Error
            ? err.message
            : String(err);
  return new CliError(
    `${what} ${where}: ${reason}`,
    ExitCode.failure,
    'check its permissions, or point RCUSER_CONFIG_DIR at a writable directory',
    {
      cause: err,
    },
  );
}

function toProfile(name: string, entry: unknown): Profile | undefined {
  if (!isRecord(entry)) return undefined;
  const { server, userId, token, tokenKind } = entry;
  if (
    typeof server !== 'string' ||
    typeof userId !== 'string' ||
    typeof token !== 'string' ||
    !server ||
    !userId ||
    !token
  )
    return undefined;
  return {
    name,
    server,
    userId,
    token,
    username: typeof entry.username === 'string' ? entry.username : undefined,
    tokenKind: tokenKind === 'personal-access-token' ? 'personal-access-token' : 'login',
    serverVersion: typeof entry.serverVersion === 'string' ? entry.serverVersion : undefined,
    storedAt: typeof entry.storedAt === 'string' ? entry.storedAt : '',
    ...(typeof entry.caFile === 'string' && entry.caFile ? { caFile: entry.caFile } : {}),
  };
}

/** A name from the file as it can be shown: controls and bidi overrides as visible escapes (the renderers' clean() sits above the store). */
function visible(name: string): string {
  const cut = name.length > 200 ? `${name.slice(0, 200)}…` : name;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
