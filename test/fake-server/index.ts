import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readBody, type Reply } from './http.js';
import { LoginBlocker } from './login-block.js';
import { RateLimiter } from './ratelimit.js';
import { dispatch } from './routes.js';
import { FakeState } from './state.js';
import { totp } from './totp.js';
import type { FakeServer, FakeServerOptions, RequestLogEntry } from './types.js';
import { parseVersion } from './versions.js';

export type { FakeServer, FakeServerOptions, RequestLogEntry } from './types.js';
export { SEED_IDS, SEED_PASSWORDS, SEEDED_SECRETS, TOTP_BACKUP_CODES, TOTP_SECRET } from './seed.js';
export { totp } from './totp.js';

const DEFAULT_BYPASS_ROLES = ['admin', 'bot', 'app'];

/** Starts a Rocket.Chat-compatible server on 127.0.0.1 (random port unless opts.port). */
export async function startFakeServer(opts: FakeServerOptions = {}): Promise<FakeServer> {
  const version = parseVersion(opts.version ?? '8.8.1');
  const rateLimit = opts.rateLimit || undefined;
  const state = new FakeState(opts.loginExpirationDays ?? 90, rateLimit?.bypassRoles ?? DEFAULT_BYPASS_ROLES);
  const limiter = rateLimit ? new RateLimiter(rateLimit.calls, rateLimit.windowMs) : undefined;
  const blocker = opts.loginBlock ? new LoginBlocker(opts.loginBlock) : undefined;
  const requests: RequestLogEntry[] = [];
  const invalidRequests: FakeServer['invalidRequests'] = [];
  const basePath = (opts.basePath ?? '').replace(/\/+$/, '');
  let baseUrl = '';

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      headers: { ...req.headers },
    };
    requests.push(entry);
    res.once('finish', () => void (entry.status = res.statusCode));
    if (opts.route?.(req, res)) return;
    if (opts.redirectToHttps) {
      // Force_SSL answers before reading the body: whatever was sent has already crossed in the clear.
      res.writeHead(302, {
        Location: `https://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`,
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    // Under a subpath only `<basePath>/...` is the server; the rest of the host is someone else's.
    if (basePath) {
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
        res.writeHead(404, { 'Content-Type': 'text/html', 'Content-Length': 9 });
        res.end('Not Found');
        return;
      }
      url.pathname = url.pathname.slice(basePath.length) || '/';
    }
    const wait = opts.delay?.(req) ?? 0;
    const held = opts.hold?.(req);
    const body = readBody(req);
    // The body is read at once (so the client is not held up sending it); only the answer waits.
    (wait > 0 ? body.then((b) => new Promise<string>((r) => setTimeout(() => r(b), wait))) : body)
      .then((b) =>
        held
          ? held.then(
              () => b,
              () => b,
            )
          : b,
      )
      .then((body) => {
        if (body !== '') entry.body = body;
        const onInvalid = (reply: Reply): void =>
          void invalidRequests.push({ ...entry, error: String((reply.body as { error?: unknown }).error) });
        const deps = {
          state,
          version,
          limiter,
          blocker,
          baseUrl: () => baseUrl,
          emailVerification: opts.emailVerification,
          infoVersion: opts.infoVersion,
          onInvalid,
        };
        dispatch(deps, req, res, url, body);
      })
      .catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ success: false, error: 'Internal server error' }));
        console.error('fake server:', err);
      });
  };

  const server: Server = opts.https
    ? createHttpsServer({ key: opts.https.key, cert: opts.https.cert }, onRequest)
    : createHttpServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `${opts.https ? 'https' : 'http'}://127.0.0.1:${port}${basePath}`;

  return {
    url: baseUrl,
    port,
    version: version.full,
    requests,
    invalidRequests,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
      if (invalidRequests.length > 0 && !opts.allowInvalidRequests) {
        const list = invalidRequests.map(
          (r) =>
            `  ${r.method} ${r.path}${r.query ? `?${r.query}` : ''}${r.body ? ` ${r.body}` : ''}\n    → 400 ${r.error}`,
        );
        throw new Error(
          `test server: Rocket.Chat ${version.full} would refuse ${invalidRequests.length} request(s) as invalid:\n${list.join('\n')}`,
        );
      }
    },
    login(username) {
      const user = state.byUsernameOrThrow(username);
      return { userId: user._id as string, authToken: state.issueToken(user._id as string).token };
    },
    createPersonalAccessToken(username, name = `token-${Date.now()}`) {
      const user = state.byUsernameOrThrow(username);
      const rec = state.issueToken(user._id as string, 'personalAccessToken', { name, bypassTwoFactor: false });
      return { userId: user._id as string, token: rec.token };
    },
    totpCode(username, atMs) {
      const secret = (state.byUsernameOrThrow(username).services as { totp?: { secret?: string } } | undefined)?.totp
        ?.secret;
      if (!secret) throw new Error(`fake server: ${username} has no TOTP secret`);
      return totp(secret, atMs);
    },
    lastEmailCode: (username) => state.lastEmailCode(state.byUsernameOrThrow(username)._id as string),
    setPermission: (permission, roles) => void state.permissions.set(permission, [...roles]),
    setSetting: (name, value) => void state.settings.set(name, value),
    setTokenCreatedAt(authToken, when) {
      const rec = state.tokenRecord(authToken);
      if (!rec) throw new Error('fake server: unknown token');
      rec.createdAt = when;
    },
    isTokenValid: (authToken) => state.tokenRecord(authToken) !== undefined,
    addUser: (doc, userOpts) => state.addUser(doc, userOpts?.password, userOpts?.rooms),
  };
}
