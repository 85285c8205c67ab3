import path from 'node:path';
import type { RocketChatClient } from '../../api/client.js';
import { logout } from '../../api/auth.js';
import { ApiError, NotRocketChatError } from '../../api/errors.js';
import { loginRedirectError, RedirectError } from '../../api/redirect.js';
import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { noProfileNamed, retryCommand, shellWord } from '../../cmdutil/hints.js';
import { confirm, promptHidden, promptLine, readLine } from '../../iostreams/prompt.js';
import { clean } from '../../render/text.js';
import { normalizeServer, openClient } from '../../cmdutil/client-factory.js';
import type { LoginOptions } from './options.js';
import { assertStdinNotDirectory } from '../../iostreams/io.js';
import type { Profile } from '../../store/types.js';
import { loginWithSecondFactor } from './twofactor.js';

/** Everything that can be wrong with the flags is reported before the network or a prompt is touched. */
function checkFlags(ctx: Context, serverArg: string | undefined, opts: LoginOptions, again?: Profile): string {
  if (serverArg !== undefined && opts.from.server === '--server' && serverArg !== opts.server) {
    throw new UsageError(`two servers given: ${serverArg} and --server ${opts.server}`, 'name the server once');
  }
  const input = serverArg ?? opts.server ?? again?.server;
  if (input === undefined)
    throw new UsageError(
      'which server? none given',
      'run `rcuser login <server>`, e.g. `rcuser login chat.example.com`',
    );
  const server = normalizeServer(input, { allowHttp: opts.allowHttp });
  if (opts.name !== undefined && !opts.name.trim())
    throw new UsageError('--name is empty', 'pass a profile name, or leave --name out to use the server host');

  if (opts.tokenStdin) {
    if (!opts.userId)
      throw new UsageError(
        '--token-stdin needs --user-id <id>',
        'a personal access token works only with the id of the user it belongs to',
      );
    if (opts.passwordStdin || opts.username || opts.from.code === '--code')
      throw new UsageError(
        '--token-stdin cannot be combined with -u, --password-stdin or --code',
        'a personal access token needs no password',
      );
    return server;
  }
  if (opts.userId)
    throw new UsageError('--user-id is for --token-stdin', 'to log in with a password, pass -u <name-or-email>');
  if (!opts.passwordStdin && !ctx.io.canPrompt()) {
    throw new UsageError(
      'no terminal to ask for the password',
      'pipe it in with --password-stdin (or store a personal access token with --token-stdin --user-id <id>)',
    );
  }
  if (!opts.username && !again?.username && !ctx.io.canPrompt())
    throw new UsageError('no username given and no terminal to ask for it', 'pass -u <name-or-email>');
  return server;
}

/**
 * `rcuser login` with no server: log in again to the stored profile (--profile, RCUSER_PROFILE or
 * the active one), keeping its name and user, as when its token has expired.
 */
async function profileToRenew(ctx: Context, opts: LoginOptions): Promise<Profile | undefined> {
  const store = await ctx.store();
  const name = opts.profile ?? store.activeName();
  const profile = name === undefined ? undefined : store.get(name);
  if (name !== undefined && !profile && opts.from.profile === '--profile') {
    throw noProfileNamed(
      name,
      store.list().map((p) => p.name),
    );
  }
  return profile;
}

export async function runLogin(ctx: Context, opts: LoginOptions): Promise<number> {
  let { serverArg } = opts;
  const named = serverArg ?? opts.server;
  const again = named === undefined && !opts.tokenStdin ? await profileToRenew(ctx, opts) : undefined;
  // Nothing named and nothing to renew: a person is asked; a script gets exit 2 from checkFlags.
  if (named === undefined && !again && ctx.io.canPrompt()) serverArg = await askServer(ctx);
  const server = checkFlags(ctx, serverArg, opts, again);
  const store = await ctx.store(); // a damaged profile file stops us before a password is typed
  // So does a profile directory that cannot take the new profile: else the server's token is lost.
  await store.checkWritable?.();
  if (again) {
    opts = { ...opts, name: opts.name ?? again.name, username: opts.username ?? again.username };
    const as = opts.username ? ` as ${clean(opts.username, 200)}` : '';
    ctx.io.stderr.write(`Logging in again to ${server}${as} (profile "${clean(again.name, 200)}")\n`);
  }
  const profileName = opts.name?.trim() || new URL(server).host;
  const existing = store.get(profileName);
  const sameUser = opts.tokenStdin ? opts.userId?.trim() : opts.username;
  // Asked before any password is sent: a "no" must cost nothing.
  let replaceAllowed =
    opts.replace === true ||
    !existing ||
    (await allowReplace(ctx, existing, clash(existing, server, sameUser, opts.tokenStdin)));
  // A login again to a profile keeps the CA file stored with it, unless another is given.
  const storedCa = again?.caFile ?? store.get(profileName)?.caFile;
  if (opts.caFile === undefined && storedCa)
    opts = { ...opts, caFile: storedCa, from: { ...opts.from, caFile: '--ca-file' } };
  const caInput = opts.caFile;
  const caFile = caInput === undefined ? undefined : path.resolve(caInput);
  // Stored with the profile and read by every later command: `<(cat ca.pem)` is /dev/fd/63 only now.
  if (caFile !== undefined && /^\/(dev|proc)\//.test(caFile)) {
    const by = opts.caFile !== undefined ? '--ca-file' : 'RCUSER_CA_FILE';
    throw new UsageError(
      `the CA file ${caFile} given by ${by} will not exist after this login (a process substitution or an open descriptor), so it cannot be stored with the profile`,
      'save the certificate to a file and pass that path, e.g. `cat ca.pem > ~/corp-ca.pem`',
    );
  }
  const client = openClient(ctx, opts, { server, source: 'none' });
  const version = await checkServer(client);

  let profile: Profile;
  if (opts.tokenStdin) {
    profile = await tokenProfile(ctx, opts, server, version);
  } else {
    const user = opts.username ?? (await askUsername(ctx));
    const askPassword = (): Promise<string> =>
      promptHidden(ctx.io, `Password for ${clean(user, 200)} on ${new URL(server).host}: `);
    const password = opts.passwordStdin ? await passwordFromStdin(ctx) : await askPassword();
    if (!password)
      throw new UsageError(
        'the password is empty',
        opts.passwordStdin ? 'put it on the first line of stdin' : undefined,
      );
    const code = opts.code;
    const retry = retryCommand(server, profileName, user, { caFile, passwordStdin: opts.passwordStdin });
    const result = await loginWithSecondFactor(ctx, client, {
      user,
      password,
      code,
      askPassword: opts.passwordStdin ? undefined : askPassword,
      retry,
    });
    const username = typeof result.me?.username === 'string' ? result.me.username : user;
    profile = newProfile(ctx, opts, server, version, {
      userId: result.userId,
      username,
      token: result.authToken,
      tokenKind: 'login',
    });
  }
  // An e-mail address (or a changed username) only shows who it was once the server answered.
  if (!replaceAllowed && existing && existing.userId !== profile.userId) {
    replaceAllowed = await allowReplace(
      ctx,
      existing,
      `${describeProfile(existing)}, not ${clean(profile.username ?? profile.userId, 200)}`,
      async () => {
        if (profile.tokenKind !== 'login') return;
        // Refused after the server issued a token: revoke it, so no session is left behind.
        const fresh = openClient(ctx, opts, {
          server,
          auth: { userId: profile.userId, token: profile.token },
          source: 'none',
        });
        await logout(fresh).catch(() => undefined);
      },
    );
  }
  // The CA path (never --insecure): the next command must trust the server this login trusted.
  if (caFile) profile.caFile = caFile;

  await store.save(profile, { activate: true });
  const who = clean(profile.username ?? profile.userId, 200);
  const what =
    profile.tokenKind === 'login'
      ? `Logged in to ${server} as ${who}`
      : `Stored a personal access token for ${who} on ${server}`;
  ctx.io.stderr.write(`${what} (profile "${clean(profile.name, 200)}", now active)\n`);
  if (opts.envAuth.userId && opts.envAuth.token) {
    ctx.io.stderr.write(
      'rcuser: note: RCUSER_USER_ID and RCUSER_TOKEN are set and take precedence over stored profiles; unset them to use this one\n',
    );
  }
  return ExitCode.ok;
}

/** "alice on https://a.example.com" */
function describeProfile(p: Profile): string {
  return `${clean(p.username ?? p.userId, 200)} on ${clean(p.server, 300)}`;
}

/**
 * Why logging in under `existing`'s name would lose its session, or undefined when it is the same
 * server and (as far as can be told before the server answers) the same user.
 */
function clash(existing: Profile, server: string, user: string | undefined, byId?: boolean): string | undefined {
  if (existing.server !== server) return describeProfile(existing);
  if (user === undefined) return undefined;
  if (byId) return user === existing.userId ? undefined : describeProfile(existing);
  // An e-mail address is checked once the server says whose it is.
  if (user.includes('@') || existing.username === undefined) return undefined;
  return user.toLowerCase() === existing.username.toLowerCase() ? undefined : describeProfile(existing);
}

/**
 * A login that would replace the session of another server or user: a person is asked; a script
 * is refused (exit 2), told what the profile holds and the flag that allows it.
 */
async function allowReplace(
  ctx: Context,
  existing: Profile,
  holds: string | undefined,
  undo?: () => Promise<void>,
): Promise<boolean> {
  if (holds === undefined) return false;
  const name = clean(existing.name, 200);
  const lost =
    existing.tokenKind === 'login' ? 'its login token is not revoked' : 'its personal access token is forgotten here';
  if (ctx.io.canPrompt()) {
    if (await confirm(ctx.io, `Profile "${name}" holds ${holds}. Replace it (${lost})?`)) return true;
    await undo?.();
    throw new CliError(
      `kept profile "${name}"; nothing was stored`,
      ExitCode.usage,
      'pick another profile name with --name',
    );
  }
  await undo?.();
  throw new UsageError(
    `profile "${name}" holds ${holds}; this login would replace it (${lost})`,
    `pick another name with --name, log out of it first (\`rcuser logout --profile ${shellWord(existing.name)}\`), or pass --replace`,
  );
}

/** GET /api/info before asking for anything: a wrong URL should not cost the user a typed password. */
async function checkServer(client: RocketChatClient): Promise<string | undefined> {
  try {
    // A server of unknown version (a proxy stripped it) is still Rocket.Chat; the profile just holds no version.
    return (await client.serverVersion()).raw || undefined;
  } catch (err) {
    if (err instanceof RedirectError) throw loginRedirectError(err, client.server);
    // A foreign body, or JSON that is neither a version nor a success, is already reported as "not Rocket.Chat"; a JSON error is not.
    if (err instanceof ApiError && !(err instanceof NotRocketChatError)) {
      throw new CliError(
        `${client.server} does not look like a Rocket.Chat server: GET /api/info answered HTTP ${err.status} (${clean(err.serverMessage, 200)})`,
        ExitCode.failure,
        'check the server URL (the address you open Rocket.Chat at in a browser)',
      );
    }
    throw err;
  }
}

async function askServer(ctx: Context): Promise<string> {
  for (;;) {
    const server = await promptLine(ctx.io, 'Server (e.g. chat.example.com): ');
    if (server.trim()) return server.trim();
  }
}

async function askUsername(ctx: Context): Promise<string> {
  for (;;) {
    const name = await promptLine(ctx.io, 'Username or e-mail: ');
    if (name) return name;
  }
}

/**
 * --password-stdin / --token-stdin typed at a terminal: read it hidden behind a prompt, not echoed
 * while rcuser waits silently (a person who forgot the pipe would see their secret on the screen).
 */
function secretFromTerminal(ctx: Context, what: string): Promise<string> | undefined {
  if (!ctx.io.stdinIsTTY || !ctx.io.setRawMode) return undefined;
  return promptHidden(ctx.io, `${what} (stdin is a terminal; it will not be shown): `);
}

async function passwordFromStdin(ctx: Context): Promise<string> {
  const typed = secretFromTerminal(ctx, 'Password');
  if (typed) return typed;
  assertStdinNotDirectory(ctx.io, 'password', 'put the password on the first line of stdin');
  const line = await readLine(ctx.io.stdin);
  if (line === undefined)
    throw new UsageError('--password-stdin: stdin is empty', 'put the password on the first line of stdin');
  return line;
}

/** A personal access token from stdin, checked with GET /api/v1/me before it is stored. */
async function tokenProfile(
  ctx: Context,
  opts: LoginOptions,
  server: string,
  version: string | undefined,
): Promise<Profile> {
  const typed = secretFromTerminal(ctx, 'Personal access token');
  if (!typed) assertStdinNotDirectory(ctx.io, 'token', 'put the personal access token on the first line of stdin');
  const token = (typed ? await typed : await readLine(ctx.io.stdin))?.trim();
  if (!token)
    throw new UsageError('--token-stdin: stdin is empty', 'put the personal access token on the first line of stdin');
  const userId = opts.userId!.trim();
  const client = openClient(ctx, opts, { server, auth: { userId, token }, source: 'none' });
  const me = await client.me();
  const username = typeof me.username === 'string' ? me.username : undefined;
  return newProfile(ctx, opts, server, version, { userId, username, token, tokenKind: 'personal-access-token' });
}

function newProfile(
  ctx: Context,
  opts: LoginOptions,
  server: string,
  version: string | undefined,
  creds: Pick<Profile, 'userId' | 'username' | 'token' | 'tokenKind'>,
): Profile {
  return {
    name: opts.name?.trim() || new URL(server).host,
    server,
    ...creds,
    serverVersion: version,
    storedAt: new Date(ctx.now()).toISOString(),
  };
}
