import type { IncomingMessage, ServerResponse } from 'node:http';

export interface FakeServerOptions {
  /** Full version, default '8.8.1'. */
  version?: string;
  /** Default false (Rocket.Chat's CI runs with TEST_MODE, which disables the limiter). */
  rateLimit?: { calls: number; windowMs: number; bypassRoles?: string[] } | false;
  loginBlock?: { userAttempts: number; ipAttempts: number; userBlockMs: number; ipBlockMs: number } | false;
  /** Accounts_LoginExpiration, default 90. */
  loginExpirationDays?: number;
  /** Listen port on 127.0.0.1; default 0 (random). Used by the standalone cli.ts. */
  port?: number;
  https?: { key: string | Buffer; cert: string | Buffer };
  /** Accounts_EmailVerification: a password login needs a verified e-mail (admins excepted). */
  emailVerification?: boolean;
  /**
   * Force_SSL (apps/meteor/app/cors/server/cors.ts), or a proxy doing the same: every request gets
   * 302 with `Location: https://<host><url>` and an empty body. Nothing else is served.
   */
  redirectToHttps?: boolean;
  /** ROOT_URL with a path (https://host/chat): the API lives under `<basePath>/api/...`; `url` includes it. */
  basePath?: string;
  /** Runs before normal routing; return true when it answered the request (fault injection). */
  route?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * What GET /api/info says as `version`, when a proxy or WAF rewrites it: null leaves it out, a
   * string (`8`, `develop`, `8.8.1-rc.0`) replaces it. Everything else still behaves as `version`.
   */
  infoVersion?: string | null;
  /**
   * Requests refused at parameter validation (by this version's rules or Rocket.Chat's own
   * validators) make close() fail, so the test that sent one fails; a test that sends them on
   * purpose says so here.
   */
  allowInvalidRequests?: boolean;
  /** Milliseconds to hold a request before answering it normally (a slow server, for progress tests). */
  delay?: (req: IncomingMessage) => number;
  /**
   * Hold a request until the promise returned for it settles, then answer it normally (undefined: at
   * once). The test decides when a slow answer comes, instead of sleeping for a fixed time.
   */
  hold?: (req: IncomingMessage) => Promise<unknown> | undefined;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body?: string;
  /** The status answered, once the answer is sent. */
  status?: number;
}

export interface FakeServer {
  /** Base URL, with the basePath when there is one. */
  url: string;
  port: number;
  version: string;
  close(): Promise<void>;
  login(username: string): { userId: string; authToken: string };
  createPersonalAccessToken(username: string, name?: string): { userId: string; token: string };
  totpCode(username: string, atMs?: number): string;
  lastEmailCode(username: string): string | undefined;
  setPermission(permission: string, roles: string[]): void;
  /** A server setting (e.g. API_Apply_permission_view-outside-room_on_users-list). */
  setSetting(name: string, value: unknown): void;
  setTokenCreatedAt(authToken: string, when: Date): void;
  isTokenValid(authToken: string): boolean;
  requests: RequestLogEntry[];
  /** Requests refused at parameter validation, with the 400 they got. */
  invalidRequests: Array<RequestLogEntry & { error: string }>;
  addUser(doc: Record<string, unknown>, opts?: { password?: string; rooms?: Array<Record<string, unknown>> }): void;
}
