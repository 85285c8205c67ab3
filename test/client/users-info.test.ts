/**
 * The Rocket.Chat client against the test server over real loopback HTTP: which queries it sends
 * (read back from the server's request log), and how every kind of answer becomes a result or a
 * typed error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RocketChatClient } from '../../src/api/client.js';
import { ApiError, NotRocketChatError } from '../../src/api/errors.js';
import type { Lookup } from '../../src/api/types.js';
import { VERSION } from '../../src/cmdutil/context.js';
import { AuthError, CliError } from '../../src/errors.js';
import { openClient } from '../../src/cmdutil/client-factory.js';
import { readParsedFlags } from '../../src/cmdutil/flags.js';
import { SEED_IDS, type FakeServer, type FakeServerOptions } from '../fake-server/index.js';
import { rejection } from '../helpers/errors.js';
import { testContext, type TestContext } from '../helpers/io.js';
import { startServer } from '../helpers/harness.js';

let contexts: TestContext[] = [];

afterEach(async () => {
  await Promise.all(contexts.map((c) => c.cleanup()));
  contexts = [];
});

async function setup(opts: FakeServerOptions = {}, as = 'test.john', creds?: { userId: string; token: string }) {
  const server = await startServer(opts);
  const ctx = testContext();
  contexts.push(ctx);
  const login = server.login(as);
  const auth = creds ?? { userId: login.userId, token: login.authToken };
  const client: RocketChatClient = openClient(ctx, readParsedFlags({ timeout: 10 }, {}, ctx.env), {
    server: server.url,
    auth,
    source: 'environment',
  });
  return { server, client, auth };
}

/** The users.info queries the server saw, decoded. */
function infoQueries(server: FakeServer): Array<Record<string, string>> {
  return server.requests
    .filter((r) => r.path === '/api/v1/users.info')
    .map((r) => Object.fromEntries(new URLSearchParams(r.query)));
}
const infoCalls = (server: FakeServer) => server.requests.filter((r) => r.path === '/api/info').length;

const failure = (p: Promise<unknown>): Promise<CliError> => rejection(p, CliError);

describe('users.info lookups', () => {
  it.each<[Lookup, string, Record<string, string>]>([
    [{ kind: 'username', value: 'jane.doe' }, 'jane.doe', { username: 'jane.doe' }],
    [{ kind: 'userId', value: SEED_IDS.roxie }, 'roxie', { userId: SEED_IDS.roxie }],
    [{ kind: 'importId', value: 'slack-U012AB3CD' }, 'jane.doe', { importId: 'slack-U012AB3CD' }],
  ])('%j', async (lookup, username, query) => {
    const { server, client } = await setup();
    const r = await client.userInfo(lookup);
    expect(r.user.username).toBe(username);
    expect(r.roomsWithheld).toBe(false);
    expect(infoQueries(server)).toEqual([query]);
    // No version-dependent choice was made, so /api/info was never asked.
    expect(infoCalls(server)).toBe(0);
  });

  it('by e-mail on 8.4+: reads the version first, then looks up', async () => {
    const { server, client } = await setup({ version: '8.4.0' });
    const r = await client.userInfo({ kind: 'email', value: 'roxie@example.com' });
    expect(r.user.username).toBe('roxie');
    expect(infoCalls(server)).toBe(1);
    expect(infoQueries(server)).toEqual([{ email: 'roxie@example.com' }]);
  });

  it('by e-mail on 7.x: a plain error (exit 1), and no lookup is sent', async () => {
    const { server, client } = await setup({ version: '7.6.1' });
    const err = await failure(client.userInfo({ kind: 'email', value: 'roxie@example.com' }));
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe(`looking users up by e-mail needs Rocket.Chat 8.4 or later; ${server.url} runs 7.6`);
    expect(err.hint).toBe('look the user up by username or --user-id instead');
    expect(infoQueries(server)).toEqual([]);
  });

  it('rawUser is the exact text of the user member the server sent', async () => {
    const { server, client } = await setup();
    const r = await client.userInfo({ kind: 'username', value: 'roxie' }, { rooms: true });
    expect(JSON.parse(r.rawUser)).toEqual(r.user);
    const sent = server.requests.at(-1)!;
    expect(sent.path).toBe('/api/v1/users.info');
    // Re-serialising the parsed object reproduces the text: same keys, same order.
    expect(r.rawUser).toBe(JSON.stringify(r.user));
  });

  it("a self lookup: rawUser has the login-token hashes redacted and is otherwise the server's text", async () => {
    const { server, client } = await setup();
    const r = await client.userInfo({ kind: 'username', value: 'test.john' });
    const hashes = JSON.stringify((r.user.services as { resume: unknown }).resume);
    expect(hashes).toContain('hashedToken');
    expect(r.rawUser).not.toContain('hashedToken');
    expect(r.rawUser).toBe(JSON.stringify(r.user).replace(hashes, '"[redacted]"'));
    expect(server.requests.at(-1)!.path).toBe('/api/v1/users.info');
  });

  it('sends the credentials and a User-Agent naming rcuser and its version', async () => {
    const { server, client, auth } = await setup();
    await client.userInfo({ kind: 'username', value: 'roxie' });
    const h = server.requests.at(-1)!.headers;
    expect(h['user-agent']).toBe(`rcuser/${VERSION}`);
    expect(h['x-user-id']).toBe(auth.userId);
    expect(h['x-auth-token']).toBe(auth.token);
    expect(h.accept).toBe('application/json');
  });
});

describe('rooms', () => {
  it.each(['8.8.1', '7.0.0'])('on %s: includeUserRooms=true', async (version) => {
    const { server, client } = await setup({ version });
    const r = await client.userInfo({ kind: 'username', value: 'test.john' }, { rooms: true });
    expect(infoQueries(server)).toEqual([{ username: 'test.john', includeUserRooms: 'true' }]);
    expect(r.user.rooms?.map((x) => x.name)).toEqual([
      'Livestream',
      'general',
      'test-room',
      'try',
      'roxie',
      'new',
      'test-audit',
    ]);
    expect(r.roomsWithheld).toBe(false);
  });

  it('on 6.x: fields={"userRooms":1}', async () => {
    const { server, client } = await setup({ version: '6.5.0' });
    const r = await client.userInfo({ kind: 'username', value: 'jane.doe' }, { rooms: true });
    expect(infoQueries(server)).toEqual([{ username: 'jane.doe', fields: '{"userRooms":1}' }]);
    expect(r.user.rooms?.map((x) => x.name)).toEqual(['general', 'test.john', 'design']);
  });

  it('/api/info is read once per client, however many lookups need it', async () => {
    const { server, client } = await setup();
    await client.userInfo({ kind: 'email', value: 'test.john@test.com' }, { rooms: true });
    await client.userInfo({ kind: 'username', value: 'roxie' }, { rooms: true });
    expect(infoCalls(server)).toBe(1);
  });

  it("withheld when a plain user asks for another user's rooms", async () => {
    const { server, client } = await setup({}, 'jane.doe');
    const r = await client.userInfo({ kind: 'username', value: 'test.john' }, { rooms: true });
    expect(infoQueries(server)).toEqual([{ username: 'test.john', includeUserRooms: 'true' }]);
    expect(r.user.rooms).toBeUndefined();
    expect(r.roomsWithheld).toBe(true);
    // Their own rooms they may see.
    const own = await client.userInfo({ kind: 'username', value: 'jane.doe' }, { rooms: true });
    expect(own.roomsWithheld).toBe(false);
    expect(own.user.rooms).toHaveLength(3);
  });

  it('not withheld when rooms were not asked for', async () => {
    const { client } = await setup({}, 'jane.doe');
    expect((await client.userInfo({ kind: 'username', value: 'test.john' })).roomsWithheld).toBe(false);
  });
});

describe('errors', () => {
  it.each([
    ['6.5.0', '{"status":"error","message":"You must be logged in to do this."}'],
    [
      '8.8.1',
      '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}',
    ],
    ['9.0.0', '{"success":false,"error":"You must be logged in to do this."}'],
  ])('401 from %s (%s) → authentication error, exit 4', async (version, body) => {
    const { server, client } = await setup({ version }, 'test.john', {
      userId: SEED_IDS['test.john'],
      token: 'not-a-real-token',
    });
    const err = await failure(client.userInfo({ kind: 'username', value: 'test.john' }));
    const res = await fetch(`${server.url}/api/v1/users.info?username=x`);
    expect(await res.text()).toBe(body);
    // openClient turns the 401 into the one AuthError, with the server's answer as its cause.
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe(`${server.url} rejected the credentials (HTTP 401: You must be logged in to do this.)`);
    expect(err.hint).toBe('check RCUSER_USER_ID and RCUSER_TOKEN (the token may have expired or been revoked)');
    expect((err.cause as ApiError).status).toBe(401);
  });

  it('400 "User not found." → not found, exit 3', async () => {
    const { client } = await setup();
    const err = await failure(client.userInfo({ kind: 'username', value: 'nobody' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(3);
    expect((err as ApiError).status).toBe(400);
    expect((err as ApiError).serverMessage).toBe('User not found.');
  });

  it('400 with another message → that message and the status, exit 1', async () => {
    const { server, client } = await setup();
    const err = await failure(client.userInfo({ kind: 'userId', value: '' }));
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe(`${server.url} answered GET /api/v1/users.info with HTTP 400: Invalid search query.`);
    expect((err as ApiError).status).toBe(400);
  });

  it('a JSON 500 → the server message and status, exit 1', async () => {
    const { server, client } = await setup({
      route: (req, res) => {
        if (!req.url?.startsWith('/api/v1/users.info')) return false;
        res
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end('{"success":false,"error":"Internal server error"}');
        return true;
      },
    });
    const err = await failure(client.userInfo({ kind: 'username', value: 'x' }));
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe(`${server.url} answered GET /api/v1/users.info with HTTP 500: Internal server error`);
  });

  it('an HTML 502 from a proxy → "not a Rocket.Chat API response", exit 1', async () => {
    const { server, client } = await setup({
      route: (_req, res) => {
        res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        return true;
      },
    });
    const err = await failure(client.userInfo({ kind: 'username', value: 'test.john' }));
    expect(err).toBeInstanceOf(NotRocketChatError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toBe(
      `${server.url} did not answer GET /api/v1/users.info like Rocket.Chat's API: HTTP 502 with text/html`,
    );
    expect(err.hint).toBe('not a Rocket.Chat API response: check the server URL, or a proxy in between');
  });

  it('a 200 web page (wrong base URL) → "not a Rocket.Chat API response"', async () => {
    const { server, client } = await setup({
      route: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html></html>');
        return true;
      },
    });
    const err = await failure(client.userInfo({ kind: 'username', value: 'test.john' }));
    expect(err.message).toBe(
      `${server.url} did not answer GET /api/v1/users.info like Rocket.Chat's API: HTTP 200 with text/html`,
    );
  });

  it('a 200 JSON body without a user object is not taken for one', async () => {
    const { client } = await setup({
      route: (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}');
        return true;
      },
    });
    const err = await failure(client.userInfo({ kind: 'username', value: 'test.john' }));
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain('without a user object');
  });
});
