import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CompressedAnswerError, maxBodyBytes, readBody, ResponseTooLargeError } from './body.js';
import { describeNetworkError, NetworkError } from './network-errors.js';
import { proxyUrl } from './proxy-url.js';
import { TimeoutSignal } from './timeout-signal.js';
import { Agent, EnvHttpProxyAgent, send, useLiftoffOnly, type Dispatcher } from './undici.js';
import { DEFAULTS } from '../lib/defaults.js';
import type { Env } from '../lib/env.js';

export { NetworkError } from './network-errors.js';

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
  /** Most bytes to read of one answer (default: RCUSER_MAX_RESPONSE_MB in `env`, else 32 MiB). */
  maxBodyBytes?: number;
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

function hasProxy(env: Env): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/**
 * `ca` replaces Node's trust store; --ca-file promises to add a CA, so keep what Node trusts by
 * default too: the public roots and NODE_EXTRA_CA_CERTS (a company's proxy CA often lives there).
 */
export function trustedCas(extra: string, env: Env = {}): string[] {
  // Loaded here, not at the top: node:tls costs ~5 ms at every start and only --ca-file needs it.
  const tls = createRequire(import.meta.url)('node:tls') as typeof import('node:tls') & {
    getCACertificates?: (type: 'default') => string[];
  };
  // Node 22.15+ lists its default trust, NODE_EXTRA_CA_CERTS included; before that, add the file here.
  const defaults = tls.getCACertificates?.('default') ?? [...tls.rootCertificates, ...extraCaCerts(env)];
  return [...defaults, extra];
}

function extraCaCerts(env: Env): string[] {
  if (!env.NODE_EXTRA_CA_CERTS) return [];
  try {
    return [readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8')];
  } catch {
    return []; // Node itself only warns about an unreadable file and goes on without it
  }
}

/** One keep-alive pool per run. close() must be called, or keep-alive sockets hold the process open. */
export class HttpTransport {
  readonly server: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly dispatcher: Dispatcher;
  private readonly opts: HttpOptions;
  private readonly proxies: string[];
  private readonly maxBody: number;
  private readonly timeoutMs: number;

  constructor(opts: HttpOptions) {
    useLiftoffOnly();
    this.opts = opts;
    this.maxBody = opts.maxBodyBytes ?? maxBodyBytes(opts.env ?? {});
    // undici wants whole milliseconds ("headersTimeout must be a positive integer").
    this.timeoutMs = Math.max(1, Math.ceil(opts.timeoutMs));
    this.server = opts.server;
    const url = new URL(opts.server);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    const connect = {
      ...(opts.ca ? { ca: trustedCas(opts.ca, opts.env) } : {}),
      ...(opts.insecure ? { rejectUnauthorized: false } : {}),
      timeout: this.timeoutMs,
    };
    const common = {
      connections: opts.connections ?? DEFAULTS.concurrency,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connect,
    };
    const env = opts.env ?? {};
    // The ones that can apply to this server, in the order undici picks them (for error messages).
    const candidates =
      url.protocol === 'https:'
        ? (['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const)
        : (['HTTP_PROXY', 'http_proxy'] as const);
    this.proxies = candidates.filter((n) => env[n]).map((n) => proxyUrl(env[n]!, n));
    const proxy = (...names: Array<'HTTP_PROXY' | 'http_proxy' | 'HTTPS_PROXY' | 'https_proxy'>) => {
      const name = names.find((n) => env[n]);
      return name ? proxyUrl(env[name]!, name) : '';
    };
    this.dispatcher = hasProxy(env)
      ? new EnvHttpProxyAgent({
          ...common,
          // '' rather than undefined: undici would otherwise read process.env behind the context's back.
          // Only the variable this server uses is read: a broken one for the other scheme is no concern.
          httpProxy: url.protocol === 'http:' ? proxy('HTTP_PROXY', 'http_proxy') : '',
          httpsProxy: url.protocol === 'https:' ? proxy('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy') : '',
          noProxy: env.NO_PROXY ?? env.no_proxy ?? '',
          requestTls: connect,
          // Plain http goes as an absolute-URI request, which every proxy accepts; CONNECT is for https.
          proxyTunnel: false,
        } as ConstructorParameters<typeof EnvHttpProxyAgent>[0])
      : new Agent(common);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const started = Date.now();
    const path = this.basePath + req.path;
    // Not AbortSignal.timeout(): its timer outlives the request by up to --timeout, and a batch of
    // thousands a second kept tens of thousands of them (and their signals) alive at once.
    const signal = new TimeoutSignal(this.timeoutMs);
    try {
      const res = await send(this.dispatcher, {
        origin: this.origin,
        path,
        method: req.method,
        headers: { 'user-agent': this.opts.userAgent, ...req.headers },
        body: req.body,
        signal: signal as unknown as AbortSignal,
      });
      const what = `${req.method} ${path.split('?')[0]}`;
      const text = await readBody(
        res.body,
        res.headers,
        this.maxBody,
        () => new ResponseTooLargeError(this.server, what, this.maxBody),
        (encoding, cause) => new CompressedAnswerError(this.server, what, encoding, cause),
      );
      const contentType = String(res.headers['content-type'] ?? '');
      this.opts.log?.(`${req.method} ${redactPath(path)} ${res.statusCode} ${Math.round(Date.now() - started)}ms`);
      return { status: res.statusCode, headers: res.headers, contentType, text };
    } catch (err) {
      this.opts.log?.(`${req.method} ${redactPath(path)} failed ${Math.round(Date.now() - started)}ms`);
      if (err instanceof NetworkError) throw err;
      throw describeNetworkError(err, this.server, this.timeoutMs, this.proxies);
    } finally {
      signal.clear();
    }
  }

  async close(): Promise<void> {
    // destroy, not close: a finished CLI has nothing left to wait for on idle keep-alive sockets.
    await this.dispatcher.destroy().catch(() => undefined);
  }
}

const SECRET_PARAM = /token|password|passwd|secret|resume|code|key/i;

/**
 * Credentials travel in headers, never in the path, and the log shows no headers. Still, a query
 * parameter whose name smells of a secret is masked, so a future endpoint cannot leak one.
 */
export function redactPath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  let changed = false;
  for (const [k] of params) {
    if (SECRET_PARAM.test(k)) {
      params.set(k, '***');
      changed = true;
    }
  }
  return changed ? `${path.slice(0, q)}?${params.toString().replaceAll('%2A%2A%2A', '***')}` : path;
}
