import { formatJson, isCompact } from '../lib/rawjson.js';

/** One line of a batch's output: the server's user text, or why there is none. */
export interface NdjsonEntry {
  query: string;
  rawUser?: string;
  error?: string;
  status?: number;
}

/** `{"query":…,"user":{…}}` with the server's object untouched, or `{"query":…,"error":…,"status":…}`. */
export function ndjsonLine(r: NdjsonEntry): string {
  const q = JSON.stringify(r.query);
  if (r.rawUser !== undefined)
    return `{"query":${q},"user":${isCompact(r.rawUser) ? r.rawUser : formatJson(r.rawUser, 0)}}`;
  return `{"query":${q},"error":${JSON.stringify(r.error ?? 'unknown error')}${r.status !== undefined ? `,"status":${r.status}` : ''}}`;
}

/** One NDJSON line of `list` and `search`: the user's text (already redacted by the client), on one line. */
export function userLine(raw: string): string {
  return isCompact(raw) ? raw : formatJson(raw, 0);
}
