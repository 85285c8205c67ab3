import type { IncomingMessage, ServerResponse } from 'node:http';
import { login, logout, me, unauthorized } from './auth.js';
import type { Ctx } from './context.js';
import { clientIp, header, htmlPage, json, parseBody, writeReply, type Reply } from './http.js';
import type { LoginBlocker } from './login-block.js';
import { generatePersonalAccessToken, sendEmailCode, serverInfo } from './misc.js';
import type { RateLimiter } from './ratelimit.js';
import type { FakeState } from './state.js';
import { rolesList } from './roles.js';
import { listTeamsValidate, usersListTeams } from './teams.js';
import { usersInfo, usersInfoValidate } from './users-info.js';
import { listByStatusValidate, usersList, usersListByStatus } from './users-list.js';
import {
  autocompleteValidate,
  directory,
  directoryValidate,
  spotlight,
  spotlightValidate,
  usersAutocomplete,
} from './users-search.js';
import { missingPermission } from './query.js';
import { parseQs, rcValidators, validatorMessage, type ValidatorName } from './rc-validators.js';
import { invalidParams } from './users-info.js';
import { atLeast, isNewestRouter, type ServerVersion } from './versions.js';

interface Route {
  methods: string[];
  auth: boolean;
  /** Every /api/v1 route goes through the default limiter; /api/info is outside /v1. */
  rateLimited: boolean;
  /** This server version's own parameter rules (the exact messages); `rc` is checked as well. */
  validate?: (ctx: Ctx) => Reply | undefined;
  /** The @rocket.chat/rest-typings 8.8.1 validator Rocket.Chat attaches to the route (validateParams/query). */
  rc?: ValidatorName;
  /** A declared permissionsRequired, checked where the server's order puts it. */
  permission?: string;
  handle: (ctx: Ctx) => Reply;
  /** First server version with the route; older ones answer 404 like any unknown route. */
  since?: [number, number];
}

const ROUTES: Record<string, Route> = {
  '/api/info': { methods: ['GET'], auth: false, rateLimited: false, handle: serverInfo },
  // Validators per route: apps/meteor/app/api/server/v1/users.ts and misc.ts (`validateParams: is…`).
  '/api/v1/users.info': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    validate: usersInfoValidate,
    rc: 'isUsersInfoParamsGetProps',
    handle: usersInfo,
  },
  '/api/v1/login': { methods: ['POST'], auth: false, rateLimited: true, handle: login },
  '/api/v1/me': { methods: ['GET'], auth: true, rateLimited: true, handle: me },
  // GET logout is deprecated upstream but still answered.
  '/api/v1/logout': { methods: ['POST', 'GET'], auth: true, rateLimited: true, handle: logout },
  '/api/v1/users.2fa.sendEmailCode': { methods: ['POST'], auth: false, rateLimited: true, handle: sendEmailCode },
  '/api/v1/users.generatePersonalAccessToken': {
    methods: ['POST'],
    auth: true,
    rateLimited: true,
    handle: generatePersonalAccessToken,
  },
  // No validator: the route declares none (users.ts), and Rocket.Chat's own e2e test sends it an unknown
  // parameter and gets 200 (rc-e2e-finding.test.ts), though rest-typings defines isUsersListParamsGET.
  '/api/v1/users.list': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    permission: 'view-d-room',
    handle: usersList,
  },
  '/api/v1/users.listByStatus': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    validate: listByStatusValidate,
    rc: 'isUsersListStatusProps',
    permission: 'view-d-room',
    handle: usersListByStatus,
    since: [6, 8],
  },
  '/api/v1/users.autocomplete': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    validate: autocompleteValidate,
    rc: 'isUsersAutocompleteProps',
    handle: usersAutocomplete,
  },
  '/api/v1/spotlight': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    validate: spotlightValidate,
    rc: 'isSpotlightProps',
    handle: spotlight,
  },
  '/api/v1/users.listTeams': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    validate: listTeamsValidate,
    rc: 'isUsersListTeamsProps',
    handle: usersListTeams,
    since: [3, 13],
  },
  // apps/meteor/app/api/server/v1/roles.ts: authRequired, no permission, no validator (roles.ts here).
  '/api/v1/roles.list': { methods: ['GET'], auth: true, rateLimited: true, handle: rolesList },
  '/api/v1/directory': {
    methods: ['GET'],
    auth: true,
    rateLimited: true,
    validate: directoryValidate,
    rc: 'isDirectoryProps',
    handle: directory,
  },
};

export interface RouterDeps {
  state: FakeState;
  version: ServerVersion;
  limiter?: RateLimiter;
  blocker?: LoginBlocker;
  baseUrl: () => string;
  emailVerification?: boolean;
  /** What /api/info says the version is; null: it says nothing (FakeServerOptions.infoVersion). */
  infoVersion?: string | null;
  /** A request refused at parameter validation: the test server records it (see FakeServer.invalidRequests). */
  onInvalid?: (reply: Reply) => void;
}

/**
 * The request pipeline in the server's order. 7.x/8.x (apps/meteor/app/api/server/ApiClass.ts,
 * addRoute's action): authentication, the rate limiter, parameter validation, then declared
 * permissions; so a bad request still uses up the limit and a 429 can come before a 400. The newest
 * line (9.x here; server/api Hono chain, rocketchat-api.md §1): authentication, permissions,
 * validation, then the limiter. A missing token beats everything; 401s are never counted.
 */
export function dispatch(deps: RouterDeps, req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): void {
  const path = url.pathname;
  const route = ROUTES[path];
  const method = req.method ?? 'GET';
  if (!route?.methods.includes(method) || (route.since && !atLeast(deps.version, ...route.since))) {
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
    infoVersion: deps.infoVersion,
  };
  if (route.auth && !ctx.auth) {
    writeReply(res, unauthorized(version));
    return;
  }

  const permitted = (): Reply | undefined =>
    route.permission && !state.hasPermission(ctx.auth?.user, route.permission) ? missingPermission() : undefined;
  const validated = (): Reply | undefined => {
    const invalid = route.validate?.(ctx) ?? rcCheck(route, ctx, url);
    if (invalid) deps.onInvalid?.(invalid);
    return invalid;
  };
  const newest = isNewestRouter(version);
  let rateHeaders: Record<string, string> | undefined;
  const limited = (): Reply | undefined => {
    if (!route.rateLimited || !deps.limiter || state.hasPermission(ctx.auth?.user, 'api-bypass-rate-limit'))
      return undefined;
    // Rocket.Chat names the rule after the route plus the lower-case method, e.g. /api/v1/users.infoget.
    const decision = deps.limiter.hit(ctx.ip, `${path}${method.toLowerCase()}`);
    rateHeaders = decision.headers;
    if (decision.allowed) return undefined;
    const error = `Error, too many requests. Please slow down. You must wait ${decision.waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`;
    return { status: 429, body: { success: false, error }, headers: rateHeaders };
  };
  const steps = newest ? [permitted, validated, limited] : [limited, validated, permitted];
  for (const step of steps) {
    const stop = step();
    if (stop) {
      writeReply(res, { ...stop, headers: { ...rateHeaders, ...stop.headers } });
      return;
    }
  }

  const reply = route.handle(ctx);
  writeReply(res, { ...reply, headers: { ...rateHeaders, ...reply.headers } });
}

/**
 * Rocket.Chat's own validator for the route, over the query as its router parses it (GET) or the
 * body: 400 invalid-params with ajv's messages, as validateParams answers.
 */
function rcCheck(route: Route, ctx: Ctx, url: URL): Reply | undefined {
  if (!route.rc) return undefined;
  const validate = rcValidators()[route.rc]!;
  const data = ctx.req.method === 'GET' ? parseQs(url.search.replace(/^\?/, '')) : ctx.body;
  return validate(data) ? undefined : invalidParams(ctx.version, validatorMessage(validate));
}
