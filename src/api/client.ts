import { CliError, ExitCode } from '../errors.js';
import { DEFAULTS } from '../lib/defaults.js';
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
    throw new ApiError(
      `${server} answered ${what} with a user rcuser could not check for credentials, so nothing of it is printed`,
      status,
      '',
      {
        hint: 'this does not look like a Rocket.Chat server; check the server URL',
      },
    );
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
  private readonly log?: (line: string) => void;
  /** Learnt from a server of unknown version that refused includeUserRooms: ask for rooms the 6.x way. */
  private roomsBefore7?: boolean;
  private roomsProbe?: Promise<void>;

  constructor(opts: ClientOptions) {
    this.server = opts.server;
    this.auth = opts.auth;
    this.rejected = opts.rejected;
    this.log = opts.log;
    this.http = new HttpTransport(opts);
    this.gates = new RouteGates({ maxWaitMs: DEFAULTS.maxWait * 1000, ...opts.rateLimit });
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
      if (
        req.method === 'GET' &&
        err instanceof NetworkError &&
        (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'UND_ERR_SOCKET')
      ) {
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
    const given =
      typeof body.version === 'string' || typeof body.version === 'number' ? String(body.version) : undefined;
    // Every Rocket.Chat sends its version here, but a proxy or WAF may strip or rewrite it
    // (rocketchat-api.md §11): a JSON success is still Rocket.Chat, of a version to be found out.
    if (given === undefined && body.success !== true) {
      throw new CliError(
        `${this.server} answered GET /api/info without a version: it does not look like a Rocket.Chat server`,
        ExitCode.failure,
        'check the server URL',
      );
    }
    const version = parseVersion(given ?? '');
    if (version.unknown) {
      const said =
        given === undefined
          ? 'gave no version'
          : `gave the version ${JSON.stringify(given.slice(0, 40))}, which rcuser cannot place`;
      this.log?.(
        `GET /api/info ${said}: taking ${this.server} for the newest Rocket.Chat, and falling back where it refuses something newer`,
      );
    }
    return version;
  }

  /** GET /api/v1/users.info, asking for rooms the way the server's version understands. */
  async userInfo(lookup: Lookup, opts: { rooms?: boolean } = {}): Promise<UserResult> {
    const query = new URLSearchParams();
    query.set(QUERY_KEY[lookup.kind], lookup.value);
    const v = lookup.kind === 'email' || opts.rooms ? await this.serverVersion() : undefined;
    if (lookup.kind === 'email' && v && !versionAtLeast(v, 8, 4)) throw emailNeeds84(this.server, v.raw);
    // On a server of unknown version the first rooms lookup finds out which form it takes; the
    // lookups of a batch running beside it wait for that instead of each being refused once.
    let probed: (() => void) | undefined;
    if (opts.rooms && v?.unknown && this.roomsBefore7 === undefined) {
      if (this.roomsProbe) await this.roomsProbe;
      else this.roomsProbe = new Promise<void>((resolve) => (probed = resolve));
    }
    try {
      return await this.userInfoAs(lookup, query, v, opts);
    } finally {
      probed?.();
    }
  }

  private async userInfoAs(
    lookup: Lookup,
    query: URLSearchParams,
    v: ServerVersion | undefined,
    opts: { rooms?: boolean },
  ): Promise<UserResult> {
    const roomsBefore7 = (): boolean => this.roomsBefore7 ?? !versionAtLeast(v!, 7);
    if (opts.rooms) {
      if (roomsBefore7()) query.set('fields', JSON.stringify({ userRooms: 1 }));
      else query.set('includeUserRooms', 'true');
    }
    let res = await this.send({ method: 'GET', path: `/api/v1/users.info?${query}` });
    const what = 'GET /api/v1/users.info';
    if (v?.unknown && isInvalidParams(res)) {
      // A server of unknown version refused the newer form: it is older than the guess.
      if (lookup.kind === 'email') throw emailNeeds84(this.server, v.raw || 'a version it does not say');
      if (opts.rooms && query.has('includeUserRooms')) {
        this.roomsBefore7 = true;
        query.delete('includeUserRooms');
        query.set('fields', JSON.stringify({ userRooms: 1 }));
        res = await this.send({ method: 'GET', path: `/api/v1/users.info?${query}` });
      }
    } else if (v?.unknown && opts.rooms && res.status === 200) this.roomsBefore7 ??= query.has('fields');
    if (res.status !== 200) throw this.failure(res, what);
    const body = parseJsonBody(res, this.server, what);
    const user = body.user;
    if (!isRecord(user)) {
      throw new ApiError(`${this.server} answered ${what} without a user object`, res.status, '', {
        hint: 'this does not look like a Rocket.Chat server; check the server URL',
      });
    }
    // Redacted here, at the source, so no output (--json, NDJSON) can print a self lookup's secrets.
    const rawUser = redactedUser(
      () => rawMember(res.text, 'user') ?? JSON.stringify(user),
      this.server,
      what,
      res.status,
    );
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

function emailNeeds84(server: string, runs: string): CliError {
  return new CliError(
    `looking users up by e-mail needs Rocket.Chat 8.4 or later; ${server} runs ${runs}`,
    ExitCode.failure,
    'look the user up by username or --user-id instead',
  );
}

/** A 400 from parameter validation (7.x/8.x `invalid-params`, the newest router's `error-invalid-params`). */
function isInvalidParams(res: HttpResponse): boolean {
  if (res.status !== 400) return false;
  try {
    const body: unknown = JSON.parse(res.text);
    return isRecord(body) && (body.errorType === 'invalid-params' || body.errorType === 'error-invalid-params');
  } catch {
    return false;
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
