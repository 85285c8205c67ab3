/** What went wrong before an HTTP answer, as one sentence naming the server (and the proxy, if any). */
import { CliError, ExitCode } from '../errors.js';

/** Connection or protocol failure before an HTTP answer: exit 1, one sentence naming the server. */
export class NetworkError extends CliError {
  readonly code?: string;
  constructor(message: string, hint?: string, code?: string, cause?: unknown) {
    super(message, ExitCode.failure, hint, { cause });
    this.code = code;
  }
}

/** A certificate that does not verify (Node's and OpenSSL's codes). */
export const TLS_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR_CONNECT') return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = err && typeof err === 'object' ? (err as { code?: unknown; name?: unknown }) : undefined;
  if (typeof top?.code === 'string') return top.code;
  if (top?.name === 'TimeoutError' || top?.name === 'AbortError') return 'TIMEOUT';
  return undefined;
}

export function describeNetworkError(
  err: unknown,
  server: string,
  timeoutMs: number,
  proxies: string[] = [],
): NetworkError {
  const code = errorCode(err);
  const proxy = failedProxy(err, proxies);
  if (proxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    const why = code === 'ECONNREFUSED' ? 'connection refused' : 'unknown host';
    return new NetworkError(
      `could not reach ${server} through the proxy ${proxy}: ${why}`,
      'check HTTPS_PROXY / HTTP_PROXY, or list the server in NO_PROXY',
      code,
      err,
    );
  }
  const host = safeHost(server);
  const seconds = Math.round(timeoutMs / 100) / 10;
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(
        `could not connect to ${server}: connection refused`,
        'check the server URL and that the server is running',
        code,
        err,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetworkError(
        `could not connect to ${server}: unknown host ${host}`,
        'check the server URL and your DNS or network',
        code,
        err,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new NetworkError(
        `the connection to ${server} was closed before the response was complete`,
        'try again; if it persists, check a proxy or load balancer in between',
        code,
        err,
      );
    case 'TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new NetworkError(
        `${server} did not answer within ${seconds} s`,
        'try again, or allow more time with --timeout <seconds>',
        code,
        err,
      );
  }
  // `--server host:port` means https://; a plain-http server there answers the TLS hello with
  // HTTP, which OpenSSL reports as a multi-line "wrong version number" dump.
  if (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    code === 'ERR_SSL_HTTP_REQUEST'
  ) {
    return new NetworkError(
      `could not start a TLS connection with ${server}: it does not answer with TLS on that port`,
      server.startsWith('https://')
        ? `if the server uses plain http, say so: ${server.replace(/^https:/, 'http:')}`
        : 'check the server URL and port',
      code,
      err,
    );
  }
  if (code && TLS_CODES.has(code)) {
    // Trusting another CA fixes an unknown issuer, never a certificate that is out of date or for another name.
    const hint =
      code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
        ? `the certificate ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet'}: the server's administrator must renew it (or check this machine's clock); --insecure skips the check for this run only`
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? `the certificate is for another host name than ${host}: check the server URL; --insecure skips the check for this run only`
          : 'trust its CA with --ca-file <pem> (or RCUSER_CA_FILE), or, for this run only, skip the check with --insecure';
    return new NetworkError(`could not verify the TLS certificate of ${server} (${code})`, hint, code, err);
  }
  const detail = err instanceof Error ? err.message : String(err);
  // undici reports a proxy's refusal as an error message, not a response: "Proxy response (407) …".
  const refused = /proxy/i.test(detail) ? /\((\d{3})\)/.exec(detail) : null;
  if (refused) {
    const status = Number(refused[1]);
    const why = status === 407 ? 'HTTP 407: it wants a user name and password' : `HTTP ${status}`;
    return new NetworkError(
      `the proxy${proxies[0] ? ` ${redactUrl(proxies[0])}` : ''} refused to carry the request to ${server} (${why})`,
      status === 407
        ? 'give them in the proxy URL: HTTPS_PROXY=http://user:password@proxy:port'
        : 'check HTTPS_PROXY / HTTP_PROXY, or list the server in NO_PROXY',
      code,
      err,
    );
  }
  return new NetworkError(`request to ${server} failed: ${detail}${code ? ` (${code})` : ''}`, undefined, code, err);
}

/** A proxy URL without its user name and password. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparsable proxy URL)';
  }
}

/** The proxy (credentials stripped) whose address the failed connection was aimed at, if any. */
function failedProxy(err: unknown, proxies: string[]): string | undefined {
  let e: unknown = err;
  let target: { host?: string; port?: string } | undefined;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const x = e as { address?: unknown; port?: unknown; hostname?: unknown; cause?: unknown };
    if (x.port !== undefined || typeof x.hostname === 'string') {
      target = {
        host: typeof x.hostname === 'string' ? x.hostname : String(x.address ?? ''),
        port: x.port === undefined ? undefined : String(x.port),
      };
      break;
    }
    e = x.cause;
  }
  for (const p of proxies) {
    let u: URL;
    try {
      u = new URL(p);
    } catch {
      continue;
    }
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    if (target && (target.port === undefined || target.port === port) && target.host === u.hostname)
      return `${u.protocol}//${u.host}`;
  }
  return undefined;
}

function safeHost(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}
