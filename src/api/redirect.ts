/**
 * Redirects are never followed. Force_SSL (apps/meteor/app/cors/server/cors.ts) answers plain http
 * with `302 Location: https://<host><url>` and an empty body, and proxies do the same with 301/308:
 * a client that followed would re-send the password or token wherever the Location points, and one
 * that ignored the 3xx would report an empty body. undici's request() does not follow redirects
 * unless told to, so every 3xx reaches here and becomes this error, before anything else is sent.
 */
import { CliError, ExitCode } from '../errors.js';
import { headerValue } from './errors.js';
import type { HttpResponse } from './http.js';

export class RedirectError extends CliError {
  /** The Location as the server sent it, resolved against the request's URL. */
  readonly location: string;
  /** The base URL the redirect points at (same API path under it), when it can be told. */
  readonly newServer?: string;
  readonly status: number;
  constructor(message: string, status: number, location: string, newServer: string | undefined, hint: string) {
    super(message, ExitCode.failure, hint);
    this.status = status;
    this.location = location;
    this.newServer = newServer;
  }
}

export const isRedirect = (status: number): boolean => status >= 300 && status < 400 && status !== 304;

/** Control characters out, length bounded: a Location is the server's text, printed to a terminal. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}

/**
 * The error for a 3xx answer to `method path` (path relative to `server`). When the Location is the
 * same API path under another base (http → https, another host, a /chat prefix), that base is named.
 */
export function redirectError(res: HttpResponse, server: string, method: string, path: string): RedirectError {
  const requestUrl = new URL(server + path);
  const raw = headerValue(res.headers.location);
  if (!raw) {
    return new RedirectError(
      `${server} answered ${method} ${path.split('?')[0]} with HTTP ${res.status} (a redirect) but named no target`,
      res.status,
      '',
      undefined,
      'check the server URL',
    );
  }
  let target: URL;
  try {
    target = new URL(raw, requestUrl);
  } catch {
    return new RedirectError(
      `${server} redirects to ${printable(raw)}, which is not a URL`,
      res.status,
      raw,
      undefined,
      'check the server URL',
    );
  }
  const location = target.href;
  const apiPath = requestUrl.pathname.slice(new URL(server).pathname.replace(/\/+$/, '').length);
  const newServer = target.pathname.endsWith(apiPath)
    ? `${target.origin}${target.pathname.slice(0, target.pathname.length - apiPath.length)}`
    : undefined;
  const where = newServer ?? location;
  return new RedirectError(
    `${server} redirects to ${printable(where)} (HTTP ${res.status}); rcuser does not follow redirects, so no credentials go to a URL you did not give`,
    res.status,
    location,
    newServer,
    newServer
      ? `if that is your server, use that URL: --server ${printable(newServer)} (or \`rcuser login ${printable(newServer)}\`)`
      : 'check the server URL',
  );
}

/** What `rcuser login` says: it stopped at GET /api/info, before any password was asked for or sent. */
export function loginRedirectError(err: RedirectError, server: string): RedirectError {
  if (!err.newServer) return err;
  const to = printable(err.newServer);
  return new RedirectError(
    `${server} redirects to ${to}; use that URL: rcuser login ${to}`,
    err.status,
    err.location,
    err.newServer,
    'no password was sent',
  );
}
