import { CliError, ExitCode } from '../errors.js';
import { isRecord } from '../lib/values.js';
import { ApiError, errorFromResponse, parseJsonBody } from './errors.js';
import { HttpTransport, NetworkError, type HttpOptions, type HttpRequest, type HttpResponse } from './http.js';
import { RouteGates, retryDelay, type RateLimitOptions } from './ratelimit.js';
import { rawMember } from '../lib/rawjson.js';
import { redactUserJson } from '../lib/redact.js';
import { isRedirect, redirectError } from './redirect.js';
import { parseVersion, versionAtLeast, type Lookup, type ServerVersion, type User } from './types.js';

/**
 * A user's text with its credentials redacted. Text that cannot be checked (never the case for a
 * body that parsed, but redaction must fail closed) is refused with one sentence, never printed.
 */
export function redactedUser(text: () => string, server: string, what: string, status: number): string {
  try {
    return redactUserJson(text());
  } catch {
    throw new ApiError(`${server} answered ${what} with a user rcuser could not check for credentials, so nothing of it is printed`, status, '', {
      hint: 'this does not look like a Rocket.Chat server; check the server URL',
    });
  }
}

export interface Credentials {
  userId: string;
  token: string;
}

export interface ClientOptions extends HttpOptions {
  auth?: Credentials;
  /** 429 handling (ratelimit.ts); default: wait up to 120 s, silently. */
  rateLimit?: Partial<RateLimitOptions>;
  /** What a 401 to an authenticated call becomes: the caller knows where the credentials came from. */
  rejected?: (err: ApiError) => CliError;
}

/** A user as the server sent it: the parsed object, and the raw JSON text of it for --json. */
export interface UserResult {
  user: User;
  /** The exact text of the `user` member in the response body, credentials under `services` redacted. */
  rawUser: string;
  /** Rooms were asked for, and the server left them out (no view-other-user-channels). */
  roomsWithheld: boolean;
}

const QUERY_KEY: Record<Lookup['kind'], string> = {
  username: 'username',
  userId: 'userId',
  importId: 'importId',
  email: 'email',
};

/** Typed calls to Rocket.Chat's REST API. Never prints; every failure is a typed error. */
export class RocketChatClient {
  readonly server: string;
  private readonly http: HttpTransport;
  private readonly auth?: Credentials;
  private version?: Promise<ServerVersion>;
  private readonly gates: RouteGates;
  private readonly rejected?: (err: ApiError) => CliError;

  constructor(opts: ClientOptions) {
    this.server = opts.server;
    this.auth = opts.auth;
    this.rejected = opts.rejected;
    this.http = new HttpTransport(opts);
    this.gates = new RouteGates({ maxWaitMs: 120_000, ...opts.rateLimit });
  }

  close(): Promise<void> {
    this.gates.close();
    return this.http.close();
  }

  /**
   * Send a request through its route's rate-limit gate (shared by every request to that route). A
   * 429 is waited out and retried (the server did not run the request), unless the wait is longer
   * than maxWaitMs: then the 429 is returned.
   */
  async send(req: HttpRequest, authenticated = true): Promise<HttpResponse> {
    const gate = this.gates.for(req.method, req.path);
    for (let attempt = 1; ; attempt++) {
      await gate.acquire();
      let res: HttpResponse;
      try {
        res = await this.sendOnce(req, authenticated);
      } catch (err) {
        gate.settle();
        throw err;
      }
      gate.settle(res);
      if (isRedirect(res.status)) throw redirectError(res, this.server, req.method, req.path);
      if (res.status !== 429 || gate.isClosed || attempt >= gate.maxAttempts) return res;
      if (!gate.withinMaxWait(retryDelay(res, Date.now()))) return res;
    }
  }

  /** One request, retried once when an idempotent GET finds its keep-alive socket reset. */
  private async sendOnce(req: HttpRequest, authenticated: boolean): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (authenticated && this.auth) {
      headers['x-user-id'] = this.auth.userId;
      headers['x-auth-token'] = this.auth.token;
    }
    const full = { ...req, headers };
    try {
      return maskToken(await this.http.request(full), authenticated ? this.auth?.token : undefined);
    } catch (err) {
      if (req.method === 'GET' && err instanceof NetworkError && (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'UND_ERR_SOCKET')) {
        return maskToken(await this.http.request(full), authenticated ? this.auth?.token : undefined);
      }
      throw err;
    }
  }

  /** GET /api/info: works without credentials; the version is "major.minor" unless we are an admin. */
  serverVersion(): Promise<ServerVersion> {
    this.version ??= this.fetchVersion();
    return this.version;
  }

  private async fetchVersion(): Promise<ServerVersion> {
    const res = await this.send({ method: 'GET', path: '/api/info' }, false);
    if (res.status !== 200) throw errorFromResponse(res, this.server, 'GET /api/info');
    const body = parseJsonBody(res, this.server, 'GET /api/info');
    const version = typeof body.version === 'string' ? parseVersion(body.version) : undefined;
    if (!version) {
      throw new CliError(`${this.server} answered GET /api/info without a version: it does not look like a Rocket.Chat server`, ExitCode.failure, 'check the server URL');
    }
    return version;
  }

  /** GET /api/v1/users.info, asking for rooms the way the server's version understands. */
  async userInfo(lookup: Lookup, opts: { rooms?: boolean } = {}): Promise<UserResult> {
    const query = new URLSearchParams();
    query.set(QUERY_KEY[lookup.kind], lookup.value);
    if (lookup.kind === 'email') {
      const v = await this.serverVersion();
      if (!versionAtLeast(v, 8, 4)) {
        throw new CliError(`looking users up by e-mail needs Rocket.Chat 8.4 or later; ${this.server} runs ${v.raw}`, ExitCode.failure, 'look the user up by username or --user-id instead');
      }
    }
    if (opts.rooms) {
      const v = await this.serverVersion();
      if (versionAtLeast(v, 7)) query.set('includeUserRooms', 'true');
      else query.set('fields', JSON.stringify({ userRooms: 1 }));
    }
    const res = await this.send({ method: 'GET', path: `/api/v1/users.info?${query}` });
    const what = 'GET /api/v1/users.info';
    if (res.status !== 200) throw this.failure(res, what);
    const body = parseJsonBody(res, this.server, what);
    const user = body.user;
    if (!isRecord(user)) {
      throw new ApiError(`${this.server} answered ${what} without a user object`, res.status, '', { hint: 'this does not look like a Rocket.Chat server; check the server URL' });
    }
    // Redacted here, at the source, so no output (--json, NDJSON) can print a self lookup's secrets.
    const rawUser = redactedUser(() => rawMember(res.text, 'user') ?? JSON.stringify(user), this.server, what, res.status);
    const roomsWithheld = Boolean(opts.rooms) && !Array.isArray((user as User).rooms);
    return { user: user as User, rawUser, roomsWithheld };
  }

  /** GET /api/v1/me: the caller, at the top level of the body. */
  async me(): Promise<Record<string, unknown>> {
    const what = 'GET /api/v1/me';
    const res = await this.send({ method: 'GET', path: '/api/v1/me' });
    if (res.status !== 200) throw this.failure(res, what);
    return parseJsonBody(res, this.server, what);
  }

  /** The typed error for an authenticated call's non-success answer; a 401 as the caller words it. */
  failure(res: HttpResponse, what: string): CliError {
    const err = errorFromResponse(res, this.server, what);
    return err.status === 401 && this.rejected ? this.rejected(err) : err;
  }
}

/**
 * An error body that echoes our token back (a debugging proxy, a misconfigured server) must not
 * carry it into an error message or an NDJSON error line. Successful bodies are left alone: --json
 * promises the server's object unchanged.
 */
function maskToken(res: HttpResponse, token: string | undefined): HttpResponse {
  if (!token || token.length < 8 || res.status < 300 || !res.text.includes(token)) return res;
  return { ...res, text: res.text.replaceAll(token, '***') };
}
