/** The client factory: which server and credentials a command uses, and a client opened for them. */
import { RocketChatClient, type Credentials } from '../api/client.js';
import { addErrorNote, type Context } from './context.js';
import { AuthError, UsageError } from '../errors.js';
import { hideUserinfo } from '../lib/redact-url.js';
import { NotSmallFileError, readSmallFile, sizeWords } from '../lib/small-file.js';
import type { Profile } from '../store/types.js';
import { noActiveProfile, noProfileNamed, rejectedCredentials } from './hints.js';
import type { GlobalOptions } from './flags.js';
import { DEFAULTS } from '../lib/defaults.js';
import { clean } from '../render/text.js';

export type { GlobalOptions };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `chat.example.com` → `https://chat.example.com`; a trailing `/` or `/api/v1` is dropped; a path
 * prefix (a server under /chat) is kept. Plain http only to loopback, unless allowed.
 */
export function normalizeServer(input: string, opts: { allowHttp?: boolean } = {}): string {
  const raw = input.trim();
  if (!raw)
    throw new UsageError('the server URL is empty', 'pass it like `chat.example.com` or `https://chat.example.com`');
  // `http//host`: without the colon it would be a server called "http" with a path //host.
  const noColon = /^(https?)\/\/+(.*)$/i.exec(raw);
  if (noColon) {
    const rest = hideUserinfo(`//${noColon[2]}`).slice(2);
    throw new UsageError(
      `"${noColon[1]}//${rest}" is missing the colon after ${noColon[1]}`,
      `did you mean \`${noColon[1]!.toLowerCase()}://${rest}\`?`,
    );
  }
  const withScheme = HAS_SCHEME.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(
      `"${hideUserinfo(raw)}" is not a valid server URL`,
      'pass it like `chat.example.com` or `https://chat.example.com`',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`"${hideUserinfo(raw)}" is not an http(s) URL`, 'pass it like `https://chat.example.com`');
  }
  if (url.username || url.password)
    throw new UsageError(
      'the server URL must not contain a user name or password',
      'log in with `rcuser login <server> -u <user>`',
    );
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !opts.allowHttp) {
    throw new UsageError(
      `refusing plain http:// to ${url.host}: the password and token would cross the network unencrypted`,
      'use https://, or pass --allow-http if you accept that',
    );
  }
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\/api(\/v1)?$/, '');
  return `${url.protocol}//${url.host}${pathname}`;
}

/** Which server and credentials a command uses, and where they came from (for whoami). */
export interface Target {
  server: string;
  auth?: Credentials;
  source: 'environment' | 'profile' | 'none';
  profile?: Profile;
}

/** Precedence: flags, then environment, then the stored profile (README: "Which server, which credentials"). */
export async function resolveTarget(ctx: Context, g: GlobalOptions, opts: { requireAuth: boolean }): Promise<Target> {
  const { userId, token } = g.envAuth;
  if (Boolean(userId) !== Boolean(token)) {
    throw new UsageError(
      `${userId ? 'RCUSER_USER_ID' : 'RCUSER_TOKEN'} is set but ${userId ? 'RCUSER_TOKEN' : 'RCUSER_USER_ID'} is not`,
      'set both, or neither to use a stored profile',
    );
  }
  // g.server and g.profile hold the flag, else the environment's value; `from` says which.
  const serverFlag = g.from.server === '--server';
  const profileFlag = g.from.profile === '--profile';
  const serverFrom = serverFlag ? '--server' : 'RCUSER_SERVER';
  const server = g.server !== undefined ? normalizeServer(g.server, { allowHttp: g.allowHttp }) : undefined;
  const profileName = g.profile;
  const profileFrom = profileFlag ? '--profile' : 'RCUSER_PROFILE';

  // --profile is a flag, so it beats the credentials in the environment (flags, then environment).
  if (userId && token && !profileFlag) {
    const profile =
      server || !opts.requireAuth ? undefined : await selectProfile(ctx, profileName, undefined, profileFrom);
    const s = server ?? profile?.server;
    if (!s)
      throw new UsageError(
        'RCUSER_USER_ID and RCUSER_TOKEN are set, but no server',
        'pass --server <url> or set RCUSER_SERVER',
      );
    if (!server && profile) {
      // Nobody named this server for these credentials: say where they are going.
      const note = `RCUSER_USER_ID and RCUSER_TOKEN are sent to ${s}, the server of profile "${clean(profile.name, 200)}"; set RCUSER_SERVER to choose the server`;
      addErrorNote(ctx, note);
      if (g.verbose) ctx.io.stderr.write(`rcuser: ${note}\n`);
    }
    return { server: s, auth: { userId, token }, source: 'environment' };
  }

  let profile = await selectProfile(ctx, profileName, server, profileFrom);
  if (profile && server && profileName && profile.server !== server) {
    if (profileFlag && !serverFlag) {
      // A flag beats the environment: --profile wins over RCUSER_SERVER (README).
      if (g.verbose)
        ctx.io.stderr.write(
          `rcuser: --profile ${clean(profileName, 200)} wins over RCUSER_SERVER=${server}: using ${profile.server}\n`,
        );
    } else if (serverFlag && !profileFlag) {
      // --server wins over RCUSER_PROFILE: a profile for that server, if one is stored.
      profile = await selectProfile(ctx, undefined, server, profileFrom);
    } else {
      const fix =
        sameAddress(g.server!, server, profile.server) !== undefined
          ? passScheme(serverFrom, profile.server)
          : serverFlag
            ? 'drop --server, or pick the matching --profile'
            : 'unset RCUSER_SERVER, or set RCUSER_PROFILE to a profile for that server';
      throw new UsageError(
        `profile "${clean(profileName, 200)}" (${profileFrom}) is for ${profile.server}, not ${server} (${serverFrom})`,
        fix,
      );
    }
  }
  if (profile) {
    return {
      server: profile.server,
      auth: { userId: profile.userId, token: profile.token },
      source: 'profile',
      profile,
    };
  }
  if (opts.requireAuth) {
    const where = server ? ` to ${server}` : '';
    if (!server) {
      const stored = (await ctx.store()).list().map((p) => p.name);
      if (stored.length > 0) throw new AuthError('not logged in: no profile is active', noActiveProfile(stored));
    } else {
      const other = await profileOverHttp(ctx, g.server!, server, profileName);
      if (other) {
        throw new AuthError(
          `not logged in to ${server}`,
          `profile "${clean(other.name, 200)}" is for ${other.server}: ${passScheme(serverFrom, other.server)}`,
        );
      }
    }
    throw new AuthError(
      `not logged in${where}`,
      `run \`rcuser login${server ? ` ${server}` : ' <server>'}\`, or set RCUSER_SERVER, RCUSER_USER_ID and RCUSER_TOKEN`,
    );
  }
  if (!server) throw new UsageError('no server given', 'pass --server <url> or set RCUSER_SERVER');
  return { server, source: 'none' };
}

/**
 * `--server 127.0.0.1:3000` (no scheme, so https) for a profile stored with http: the same
 * address over the scheme the profile uses, or undefined when that is not what happened.
 */
function sameAddress(raw: string, server: string, stored: string): string | undefined {
  if (HAS_SCHEME.test(raw.trim()) || !server.startsWith('https://')) return undefined;
  const http = `http://${server.slice('https://'.length)}`;
  return stored === http ? http : undefined;
}

/** The stored profile an implied https:// missed: the one named, else the active one, else any for that address. */
async function profileOverHttp(
  ctx: Context,
  raw: string,
  server: string,
  name: string | undefined,
): Promise<Profile | undefined> {
  const store = await ctx.store();
  const matching = store.list().filter((p) => sameAddress(raw, server, p.server) !== undefined);
  const preferred = name ?? store.activeName();
  return matching.find((p) => p.name === preferred) ?? matching[0];
}

/** The fix for an implied https://, naming the flag or variable that gave the server. */
function passScheme(from: string, server: string): string {
  const fix = from === '--server' ? `pass \`--server ${server}\`` : `set RCUSER_SERVER=${server}`;
  return `${fix} (without a scheme, ${from} means https://)`;
}

async function selectProfile(
  ctx: Context,
  name: string | undefined,
  server: string | undefined,
  from = '--profile',
): Promise<Profile | undefined> {
  const store = await ctx.store();
  if (name) {
    const p = store.get(name);
    if (!p)
      throw noProfileNamed(
        name,
        store.list().map((x) => x.name),
        from === 'RCUSER_PROFILE' ? from : '',
      );
    return p;
  }
  const active = store.activeName();
  if (server) {
    const matching = store.list().filter((p) => p.server === server);
    return matching.find((p) => p.name === active) ?? matching[0];
  }
  return active ? store.get(active) : undefined;
}

const warnedInsecure = new WeakSet<Context>();

/** A whole public CA bundle (Mozilla's) is about 220 KB; a private CA's certificate a few KB. */
const MAX_CA_FILE = 2 * 1024 * 1024;

/** --ca-file / RCUSER_CA_FILE / the profile's: the PEM text, read once; a file that is not a certificate is a usage error. */
export function readCaFile(_ctx: Context, g: GlobalOptions, profile?: Profile): string | undefined {
  const file = g.caFile ?? profile?.caFile;
  if (file === undefined) return undefined;
  const flag = g.caFile !== undefined ? (g.from.caFile ?? '--ca-file') : `profile "${clean(profile!.name, 200)}"`;
  let pem: string;
  try {
    pem = readSmallFile(file, MAX_CA_FILE).toString('utf8');
  } catch (err) {
    if (err instanceof NotSmallFileError) {
      const why =
        err.reason === 'too-large'
          ? `is larger than ${sizeWords(MAX_CA_FILE)} (${err.what}), far more than a CA bundle`
          : `is ${err.what}, not a regular file`;
      throw new UsageError(
        `the CA file ${file} given by ${flag} ${why}`,
        'pass the path of a PEM file holding the CA certificate',
      );
    }
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the CA file ${file} given by ${flag}${code ? ` (${code})` : ''}`,
      'pass the path of a PEM file holding the CA certificate',
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UsageError(
      `the CA file ${file} given by ${flag} holds no PEM certificate`,
      'it should contain a "-----BEGIN CERTIFICATE-----" block',
    );
  }
  return pem;
}

function formatWait(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** A client for the resolved target, closed when the command ends. */
export function openClient(
  ctx: Context,
  g: GlobalOptions,
  target: Target,
  extra: { connections?: number; ca?: string; maxWait?: number } = {},
): RocketChatClient {
  const ca = extra.ca ?? readCaFile(ctx, g, target.profile);
  // Warn on every run (never silently), but once per run even if a command opens two clients.
  if (g.insecure && !warnedInsecure.has(ctx)) {
    warnedInsecure.add(ctx);
    ctx.io.stderr.write(
      `rcuser: warning: --insecure: not verifying the TLS certificate of ${target.server}; anyone on the network path could pose as the server and read your credentials\n`,
    );
  }
  const client = new RocketChatClient({
    server: target.server,
    auth: target.auth,
    timeoutMs: g.timeout * 1000,
    userAgent: `rcuser/${ctx.version}`,
    connections: extra.connections,
    ca,
    insecure: g.insecure,
    env: ctx.env,
    rejected: target.auth ? (err) => rejectedCredentials(target, err) : undefined,
    log: g.verbose ? (line) => ctx.io.stderr.write(`rcuser: ${line}\n`) : undefined,
    rateLimit: {
      maxWaitMs: (extra.maxWait ?? DEFAULTS.maxWait) * 1000,
      onWait: (ms) =>
        ctx.io.stderr.write(`rcuser: ${target.server} is rate limiting requests; waiting ${formatWait(ms)}\n`),
    },
  });
  ctx.defer(() => client.close());
  return client;
}
