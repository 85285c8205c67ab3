import { CliError, ExitCode } from '../errors.js';
import { Agent, EnvHttpProxyAgent, send, type Dispatcher } from './undici.js';
import type { Env } from '../io.js';

export interface HttpOptions {
  /** Base URL of the server, normalised (no trailing slash). */
  server: string;
  timeoutMs: number;
  userAgent: string;
  /** Most sockets to keep open to the server at once. */
  connections?: number;
  /** Extra trusted CA certificates (PEM). */
  ca?: string;
  /** Skip certificate verification (--insecure). */
  insecure?: boolean;
  /** Where proxy variables are read from. */
  env?: Env;
  /** Called with one line per request for --verbose. */
  log?: (line: string) => void;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path and query, beginning with '/'. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Connection or protocol failure before an HTTP answer: exit 1, one sentence naming the server. */
export class NetworkError extends CliError {
  readonly code?: string;
  constructor(message: string, hint?: string, code?: string, cause?: unknown) {
    super(message, ExitCode.failure, hint, { cause });
    this.code = code;
  }
}

function hasProxy(env: Env): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/** One keep-alive pool per run. close() must be called, or keep-alive sockets hold the process open. */
export class HttpTransport {
  readonly server: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly dispatcher: Dispatcher;
  private readonly opts: HttpOptions;

  constructor(opts: HttpOptions) {
    this.opts = opts;
    this.server = opts.server;
    const url = new URL(opts.server);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    const connect = {
      ...(opts.ca ? { ca: opts.ca } : {}),
      ...(opts.insecure ? { rejectUnauthorized: false } : {}),
      timeout: opts.timeoutMs,
    };
    const common = {
      connections: opts.connections ?? 8,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      connect,
    };
    const env = opts.env ?? {};
    this.dispatcher = hasProxy(env)
      ? new EnvHttpProxyAgent({
          ...common,
          httpProxy: env.HTTP_PROXY ?? env.http_proxy,
          httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy,
          noProxy: env.NO_PROXY ?? env.no_proxy,
          requestTls: connect,
        } as ConstructorParameters<typeof EnvHttpProxyAgent>[0])
      : new Agent(common);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const started = performance.now();
    const path = this.basePath + req.path;
    try {
      const res = await send(this.dispatcher, {
        origin: this.origin,
        path,
        method: req.method,
        headers: { 'user-agent': this.opts.userAgent, ...req.headers },
        body: req.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const text = await res.body.text();
      const contentType = String(res.headers['content-type'] ?? '');
      this.opts.log?.(`${req.method} ${redactPath(path)} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
      return { status: res.statusCode, headers: res.headers, contentType, text };
    } catch (err) {
      this.opts.log?.(`${req.method} ${redactPath(path)} failed ${Math.round(performance.now() - started)}ms`);
      throw describeNetworkError(err, this.server, this.opts.timeoutMs);
    }
  }

  async close(): Promise<void> {
    // destroy, not close: a finished CLI has nothing left to wait for on idle keep-alive sockets.
    await this.dispatcher.destroy().catch(() => undefined);
  }
}

/** Query values can carry e-mail addresses; nothing secret travels in a path, but keep logs short. */
function redactPath(path: string): string {
  return path;
}

const TLS_CODES = new Set([
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

export function describeNetworkError(err: unknown, server: string, timeoutMs: number): NetworkError {
  const code = errorCode(err);
  const host = safeHost(server);
  const seconds = Math.round(timeoutMs / 100) / 10;
  switch (code) {
    case 'ECONNREFUSED':
      return new NetworkError(`could not connect to ${server}: connection refused`, 'check the server URL and that the server is running', code, err);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetworkError(`could not connect to ${server}: unknown host ${host}`, 'check the server URL and your DNS or network', code, err);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new NetworkError(`the connection to ${server} was closed before the response was complete`, 'try again; if it persists, check a proxy or load balancer in between', code, err);
    case 'TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new NetworkError(`${server} did not answer within ${seconds} s`, 'try again, or allow more time with --timeout <seconds>', code, err);
  }
  if (code && TLS_CODES.has(code)) {
    return new NetworkError(
      `could not verify the TLS certificate of ${server} (${code})`,
      'trust its CA with --ca-file <pem> (or RCUSER_CA_FILE), or, for this run only, skip the check with --insecure',
      code,
      err,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new NetworkError(`request to ${server} failed: ${detail}${code ? ` (${code})` : ''}`, undefined, code, err);
}

function safeHost(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}
