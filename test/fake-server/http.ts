import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler answers; the dispatcher writes it. `body: undefined` means an empty JSON response. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body?: unknown): Reply => ({ status, body });

export function writeReply(res: ServerResponse, reply: Reply): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    // Exactly this, no charset: Rocket.Chat's own e2e tests assert it.
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * JSON or urlencoded (with `a[b]=c` nesting, as Express's extended parser does). Parse errors are
 * swallowed into `{}` like Rocket.Chat's body parser, so a malformed login body still gets a 401.
 */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return parseForm(raw);
  if (type.includes('json') || type === '') {
    try {
      const v: unknown = raw === '' ? {} : JSON.parse(raw);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}

function parseForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const m = /^([^[\]]+)\[([^[\]]+)\]$/.exec(key);
    if (m) {
      // The regex has two groups, so both are there.
      const outer = m[1]!;
      const member = m[2]!;
      const inner = (out[outer] && typeof out[outer] === 'object' ? out[outer] : (out[outer] = {})) as Record<
        string,
        unknown
      >;
      inner[member] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Query as Express gives it: a repeated key becomes an array. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** First X-Forwarded-For hop if present (lets tests simulate several clients), else the socket peer. */
export function clientIp(req: IncomingMessage): string {
  const fwd = header(req, 'x-forwarded-for');
  return fwd?.split(',')[0]?.trim() || req.socket.remoteAddress || 'unknown';
}

export function htmlPage(res: ServerResponse): void {
  // A wrong base URL on a real server reaches the Meteor web app, which answers 200 with its HTML shell.
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8" /><title>Rocket.Chat</title>
<script type="text/javascript">__meteor_runtime_config__ = JSON.parse(decodeURIComponent("%7B%22ROOT_URL%22%3A%22%2F%22%7D"));</script>
</head><body><noscript>You need to enable JavaScript to run this app.</noscript></body></html>
`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}
