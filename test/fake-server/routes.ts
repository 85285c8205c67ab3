import type { IncomingMessage, ServerResponse } from 'node:http';
import { login, logout, me, unauthorized } from './auth.js';
import type { Ctx } from './context.js';
import { clientIp, header, htmlPage, json, parseBody, writeReply, type Reply } from './http.js';
import type { LoginBlocker } from './login-block.js';
import { generatePersonalAccessToken, sendEmailCode, serverInfo } from './misc.js';
import type { RateLimiter } from './ratelimit.js';
import type { FakeState } from './state.js';
import { listTeamsValidate, usersListTeams } from './teams.js';
import { usersInfo, usersInfoValidate } from './users-info.js';
import { listByStatusValidate, usersList, usersListByStatus } from './users-list.js';
import { autocompleteValidate, directory, directoryValidate, spotlight, spotlightValidate, usersAutocomplete } from './users-search.js';
import { atLeast, type ServerVersion } from './versions.js';

interface Route {
  methods: string[];
  auth: boolean;
  /** Every /api/v1 route goes through the default limiter; /api/info is outside /v1. */
  rateLimited: boolean;
  validate?: (ctx: Ctx) => Reply | undefined;
  handle: (ctx: Ctx) => Reply;
  /** First server version with the route; older ones answer 404 like any unknown route. */
  since?: [number, number];
}

const ROUTES: Record<string, Route> = {
  '/api/info': { methods: ['GET'], auth: false, rateLimited: false, handle: serverInfo },
  '/api/v1/users.info': { methods: ['GET'], auth: true, rateLimited: true, validate: usersInfoValidate, handle: usersInfo },
  '/api/v1/login': { methods: ['POST'], auth: false, rateLimited: true, handle: login },
  '/api/v1/me': { methods: ['GET'], auth: true, rateLimited: true, handle: me },
  // GET logout is deprecated upstream but still answered.
  '/api/v1/logout': { methods: ['POST', 'GET'], auth: true, rateLimited: true, handle: logout },
  '/api/v1/users.2fa.sendEmailCode': { methods: ['POST'], auth: false, rateLimited: true, handle: sendEmailCode },
  '/api/v1/users.generatePersonalAccessToken': { methods: ['POST'], auth: true, rateLimited: true, handle: generatePersonalAccessToken },
  '/api/v1/users.list': { methods: ['GET'], auth: true, rateLimited: true, handle: usersList },
  '/api/v1/users.listByStatus': { methods: ['GET'], auth: true, rateLimited: true, validate: listByStatusValidate, handle: usersListByStatus, since: [6, 8] },
  '/api/v1/users.autocomplete': { methods: ['GET'], auth: true, rateLimited: true, validate: autocompleteValidate, handle: usersAutocomplete },
  '/api/v1/spotlight': { methods: ['GET'], auth: true, rateLimited: true, validate: spotlightValidate, handle: spotlight },
  '/api/v1/users.listTeams': { methods: ['GET'], auth: true, rateLimited: true, validate: listTeamsValidate, handle: usersListTeams, since: [3, 13] },
  '/api/v1/directory': { methods: ['GET'], auth: true, rateLimited: true, validate: directoryValidate, handle: directory },
};

export interface RouterDeps {
  state: FakeState;
  version: ServerVersion;
  limiter?: RateLimiter;
  blocker?: LoginBlocker;
  baseUrl: () => string;
  emailVerification?: boolean;
}

/**
 * The request pipeline in the server's order: authentication, then query validation, then the
 * rate limiter, then the handler. So a missing token beats bad parameters, and 401s are not counted.
 */
export function dispatch(deps: RouterDeps, req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): void {
  const path = url.pathname;
  const route = ROUTES[path];
  const method = req.method ?? 'GET';
  if (!route || !route.methods.includes(method) || (route.since && !atLeast(deps.version, ...route.since))) {
    if (path === '/api' || path.startsWith('/api/')) writeReply(res, json(404, { success: false, error: 'Not found' }));
    else htmlPage(res);
    return;
  }

  const { state, version } = deps;
  const ctx: Ctx = {
    req,
    state,
    version,
    baseUrl: deps.baseUrl(),
    query: url.searchParams,
    body: method === 'GET' ? {} : parseBody(rawBody, header(req, 'content-type')),
    ip: clientIp(req),
    auth: state.authenticate(header(req, 'x-user-id'), header(req, 'x-auth-token')),
    blocker: deps.blocker,
    emailVerification: deps.emailVerification,
  };
  if (route.auth && !ctx.auth) return writeReply(res, unauthorized(version));

  const invalid = route.validate?.(ctx);
  if (invalid) return writeReply(res, invalid);

  let rateHeaders: Record<string, string> | undefined;
  if (route.rateLimited && deps.limiter && !state.hasPermission(ctx.auth?.user, 'api-bypass-rate-limit')) {
    // Rocket.Chat names the rule after the route plus the lower-case method, e.g. /api/v1/users.infoget.
    const decision = deps.limiter.hit(ctx.ip, `${path}${method.toLowerCase()}`);
    rateHeaders = decision.headers;
    if (!decision.allowed) {
      const error = `Error, too many requests. Please slow down. You must wait ${decision.waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`;
      return writeReply(res, { status: 429, body: { success: false, error }, headers: rateHeaders });
    }
  }

  const reply = route.handle(ctx);
  writeReply(res, { ...reply, headers: { ...rateHeaders, ...reply.headers } });
}
