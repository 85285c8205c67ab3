import { ApiError } from '../../api/errors.js';
import { NetworkError } from '../../api/network-errors.js';
import type { Context } from '../../cmdutil/context.js';
import { AuthError, CliError, ExitCode } from '../../errors.js';
import { toJson } from '../../render/json.js';
import { glyphsFor, type Glyphs } from '../../render/glyphs.js';
import { painter } from '../../render/style.js';
import { clean } from '../../render/text.js';
import { wrapLine } from '../../render/wrap.js';
import { openClient } from '../../cmdutil/client-factory.js';
import { profileSummary, type ProfileSummary } from '../../store/profile-summary.js';
import type { Profile } from '../../store/types.js';
import { renewCommand, shellWord } from '../../cmdutil/hints.js';
import { ageDays, LOGIN_EXPIRY_DAYS } from '../../store/token-age.js';
import type { StatusOptions } from './options.js';

export type TokenState = 'valid' | 'expired' | 'revoked' | 'unreachable' | 'error';

/** One profile's check; also the --json shape. Never holds the token. */
export interface ProfileStatus extends ProfileSummary {
  state: TokenState;
  /** Why, when it is not valid. */
  detail: string | null;
  /** What to run to fix it, when there is one command that does. */
  fix: string | null;
}

/**
 * GET /api/v1/me with the profile's own token (and CA file). A 401 does not say why: a login token
 * past Rocket.Chat's default 90 days has most likely expired, any other was revoked (logged out
 * elsewhere, or removed by an admin).
 */
async function check(ctx: Context, opts: StatusOptions, p: Profile, active: boolean): Promise<ProfileStatus> {
  const base = profileSummary(p, active);
  const relogin = renewCommand(p.server, p);
  try {
    const client = openClient(ctx, opts, {
      server: p.server,
      auth: { userId: p.userId, token: p.token },
      source: 'profile',
      profile: p,
    });
    await client.me();
    return { ...base, state: 'valid', detail: null, fix: null };
  } catch (err) {
    // The client turns a 401 to these credentials into an AuthError (client-factory.ts).
    if (err instanceof AuthError || (err instanceof ApiError && err.status === 401)) {
      const age = ageDays(p.storedAt, ctx.now());
      const expired = p.tokenKind === 'login' && age !== null && age >= LOGIN_EXPIRY_DAYS;
      return {
        ...base,
        state: expired ? 'expired' : 'revoked',
        detail: expired ? `login token ${age} days old` : 'the server rejects the token',
        fix: relogin,
      };
    }
    const detail = err instanceof CliError ? err.message : String(err);
    return { ...base, state: err instanceof NetworkError ? 'unreachable' : 'error', detail, fix: null };
  }
}

/** How long `status` waits before saying which servers it still waits for (on a terminal). */
const WAITING_AFTER_MS = 2000;

const mark = (s: TokenState, g: Glyphs): string =>
  s === 'valid' ? g.ok : s === 'expired' || s === 'revoked' ? g.bad : '!';

/** Each profile's lines; with the terminal's width, long lines wrap at spaces (URLs and commands whole). */
export function renderStatus(rows: ProfileStatus[], color: boolean, columns?: number, ascii = false): string {
  const c = painter(color);
  const g = glyphsFor(ascii);
  const paint = (s: TokenState, text: string) =>
    s === 'valid' ? c.green(text) : s === 'expired' || s === 'revoked' ? c.red(text) : c.yellow(text);
  return rows
    .map((r) => {
      const who = `${clean(r.username ?? r.userId, 200)} on ${clean(r.server, 300)}`;
      const kind = r.tokenKind === 'login' ? 'login token' : 'personal access token';
      const state =
        r.state === 'valid'
          ? `${kind} valid`
          : r.state === 'unreachable' || r.state === 'error'
            ? r.state
            : `${kind} ${r.state}`;
      const lines = [
        wrapLine(`${c.bold(clean(r.name, 200))}${r.active ? ' (active)' : ''}`, columns),
        wrapLine(
          `${paint(r.state, mark(r.state, g))} ${who}: ${paint(r.state, state)}${r.detail ? ` (${clean(r.detail, 300)})` : ''}`,
          columns,
          2,
          4,
        ),
      ];
      if (r.fix) lines.push(wrapLine(`run \`${r.fix}\``, columns, 4, 6));
      else if (r.state === 'unreachable') {
        lines.push(
          wrapLine(
            `slow? try \`rcuser status --timeout 60\`; gone? \`rcuser profiles remove ${shellWord(clean(r.name, 200))}\``,
            columns,
            4,
            6,
          ),
        );
      }
      return `${lines.join('\n')}\n`;
    })
    .join('');
}

export async function runStatus(ctx: Context, opts: StatusOptions): Promise<number> {
  const store = await ctx.store();
  const profiles = [...store.list()].sort((a, b) => a.name.localeCompare(b.name));
  if (profiles.length === 0) {
    if (opts.json) ctx.io.stdout.write('[]\n');
    ctx.io.stderr.write(`No profiles stored (in ${store.path}); run \`rcuser login <server>\` to add one.\n`);
    return ExitCode.auth;
  }
  // All at once: one slow server must not hold up the answer about the others. On a terminal each
  // profile is printed as its answer comes (those that finish together in stored order), "waiting
  // for …" after a couple of seconds, and Ctrl-C (the usual stop, exit 130) says who never answered.
  const rows: (ProfileStatus | undefined)[] = profiles.map(() => undefined);
  const pending = () => profiles.filter((_, i) => rows[i] === undefined).map((p) => p.name);
  const ready: number[] = [];
  const flush = (): void => {
    for (const i of ready.splice(0).sort((a, b) => a - b))
      ctx.io.stdout.write(renderStatus([rows[i]!], ctx.io.colorStdout, ctx.io.columns, ctx.io.ascii));
  };
  const waiting =
    !opts.json && ctx.io.stderrIsTTY
      ? setTimeout(() => ctx.io.stderr.write(`waiting for ${pending().join(', ')} (Ctrl-C stops)\n`), WAITING_AFTER_MS)
      : undefined;
  const release = ctx.io.onExit?.(() => {
    const left = pending();
    if (left.length) ctx.io.stderr.write(`rcuser: interrupted; no answer yet from ${left.join(', ')}\n`);
  });
  try {
    await Promise.all(
      profiles.map(async (p, i) => {
        rows[i] = await check(ctx, opts, p, p.name === store.activeName());
        if (opts.json) return;
        if (ready.push(i) === 1) setImmediate(flush);
      }),
    );
  } finally {
    clearTimeout(waiting);
    release?.();
  }
  if (opts.json) ctx.io.stdout.write(`${toJson(rows)}\n`);
  else flush();
  return exitCodeOf(rows as ProfileStatus[]);
}

function exitCodeOf(rows: ProfileStatus[]): number {
  if (rows.some((r) => r.state === 'expired' || r.state === 'revoked')) return ExitCode.auth;
  if (rows.some((r) => r.state !== 'valid')) return ExitCode.failure;
  return ExitCode.ok;
}
