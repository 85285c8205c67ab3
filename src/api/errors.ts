import { CliError, ExitCode } from '../errors.js';
import type { HttpResponse } from './http.js';
import { isRecord } from '../lib/values.js';
import { isJson, LAZY_FROM, parseLazily } from '../lib/lazy-json.js';

/** The server answered, but not with success. */
export class ApiError extends CliError {
  readonly status: number;
  readonly serverMessage: string;
  constructor(message: string, status: number, serverMessage: string, opts: { exitCode?: number; hint?: string } = {}) {
    super(message, opts.exitCode ?? ExitCode.failure, opts.hint);
    this.status = status;
    this.serverMessage = serverMessage;
  }
}

/** A response that did not come from Rocket.Chat's API (a proxy's error page, a web page at a wrong URL). */
export class NotRocketChatError extends ApiError {}

/** HTTP 429 that outlasted --max-wait. */
export class RateLimitError extends ApiError {
  constructor(message: string, serverMessage: string) {
    // Only reached when the wait was longer than --max-wait (shorter ones are waited out in the client).
    super(message, 429, serverMessage, { hint: 'try again later, or allow a longer wait with --max-wait <seconds>' });
  }
}

export function isJsonType(contentType: string): boolean {
  return /\bjson\b/i.test(contentType);
}

/** Parse a JSON response body, or explain why it is not a Rocket.Chat API response. */
export function parseJsonBody(res: HttpResponse, server: string, what: string): Record<string, unknown> {
  if (isJsonType(res.contentType)) {
    try {
      const value: unknown = res.text.length >= LAZY_FROM ? parseLarge(res.text) : JSON.parse(res.text);
      if (isRecord(value)) return value;
    } catch {
      // fall through: truncated or broken JSON is reported like any other foreign body
    }
  }
  throw notRocketChat(res, server, what);
}

/** A large body as JSON.parse would give it, its large members parsed only when read (lib/lazy-json.ts). */
function parseLarge(text: string): unknown {
  if (!isJson(text)) throw new SyntaxError('not JSON');
  return /^[ \t\n\r]*\{/.test(text) ? parseLazily(text) : JSON.parse(text);
}

export function notRocketChat(res: HttpResponse, server: string, what: string): NotRocketChatError {
  const type = res.contentType ? res.contentType.split(';')[0]!.trim() : 'no content type';
  const body = res.text.length === 0 ? 'an empty body' : isJsonType(res.contentType) ? 'malformed JSON' : type;
  return new NotRocketChatError(
    `${server} did not answer ${what} like Rocket.Chat's API: HTTP ${res.status} with ${body}` +
      (body === type ? '' : ` (${type})`),
    res.status,
    '',
    { hint: 'not a Rocket.Chat API response: check the server URL, or a proxy in between' },
  );
}

/** The human part of an error body: `error` (7.x+), else `message` (older servers), else the status. */
export function serverMessage(body: Record<string, unknown> | undefined, status: number): string {
  const err = body?.error;
  if (typeof err === 'string' && err) return err;
  const msg = body?.message;
  if (typeof msg === 'string' && msg) return msg;
  return `HTTP ${status}`;
}

/** Turn a non-success answer into the typed error that main() maps to an exit code. */
export function errorFromResponse(res: HttpResponse, server: string, what: string): ApiError {
  // Node and most proxies refuse an over-long URL or header before any application sees it.
  if (res.status === 414 || res.status === 431) {
    const msg = 'the request was too long for the server';
    return new ApiError(`${server} refused ${what}: ${msg} (HTTP ${res.status})`, res.status, msg, {
      hint: 'shorten the identifier; user names and ids are short',
    });
  }
  let body: Record<string, unknown> | undefined;
  try {
    body = parseJsonBody(res, server, what);
  } catch (e) {
    // A 401 or 429 from a proxy still means what it means; other foreign bodies are reported as such.
    if (res.status !== 401 && res.status !== 429) throw e;
  }
  const msg = serverMessage(body, res.status);
  if (res.status === 401) {
    return new ApiError(`${server} rejected the credentials (HTTP 401: ${msg})`, 401, msg, {
      exitCode: ExitCode.auth,
      hint: 'run `rcuser login` to sign in again',
    });
  }
  if (res.status === 429) {
    return new RateLimitError(`${server} is rate limiting requests (HTTP 429: ${msg})`, msg);
  }
  if (res.status === 400 && msg === 'User not found.') {
    return new ApiError('user not found', 400, msg, { exitCode: ExitCode.notFound });
  }
  return new ApiError(`${server} answered ${what} with HTTP ${res.status}: ${msg}`, res.status, msg);
}

export function headerValue(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}
