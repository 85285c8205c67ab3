import { ApiError } from '../../api/errors.js';
import type { Context } from '../../context.js';
import { AuthError, ExitCode, NotFoundError } from '../../errors.js';
import { formatJson } from '../../render/json.js';
import { openClient, resolveTarget, type GlobalOptions, type Target } from '../../session.js';
import { clean } from '../../render/text.js';
import { reloginCommand } from '../login/relogin.js';
import { describeLookup, parseInfoRequest, type InfoFlags } from './lookup.js';

export interface InfoOptions extends InfoFlags, GlobalOptions {
  rooms?: boolean;
  json?: boolean;
  concurrency?: number;
  maxWait?: number;
}

export const ROOMS_WITHHELD_NOTICE =
  "rcuser: the server left the rooms out: listing another user's rooms needs the `view-other-user-channels` permission (admins have it by default)\n";

/** A 401 means different things to fix depending on where the credentials came from. */
export function authHint(target: Target): string {
  if (target.source === 'environment') return 'check RCUSER_USER_ID and RCUSER_TOKEN (the token may have expired or been revoked)';
  if (target.profile) return `run \`${reloginCommand(target.server, target.profile.name)}\` to sign in again (profile "${clean(target.profile.name, 200)}")`;
  return 'run `rcuser login` to sign in again';
}

export async function runInfo(ctx: Context, args: string[], opts: InfoOptions): Promise<number> {
  const request = parseInfoRequest(args, opts);
  if (request.mode !== 'single') {
    const { runBatch } = await import('./batch.js');
    return runBatch(ctx, request, opts);
  }
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target, { maxWait: opts.maxWait });
  let result;
  try {
    result = await client.userInfo(request.lookup, { rooms: opts.rooms });
  } catch (err) {
    if (err instanceof ApiError && err.exitCode === ExitCode.notFound) {
      const kind = request.lookup.kind;
      // The server answers "not found" for these unless the caller may see the full profile.
      const hint =
        kind === 'email' || kind === 'importId'
          ? 'lookups by e-mail or import id only find users whose full profile you may see (the view-full-other-user-info permission)'
          : kind === 'username' && /[A-Z]/.test(request.lookup.value)
            ? 'usernames are case-sensitive: try it in lower case'
            : undefined;
      throw new NotFoundError(`no user ${clean(describeLookup(request.lookup), 200)} on ${target.server}`, hint);
    }
    if (err instanceof ApiError && err.exitCode === ExitCode.auth) throw new AuthError(err.message, authHint(target), { cause: err });
    throw err;
  }
  if (opts.json) {
    ctx.io.stdout.write(formatJson(result.rawUser, 2) + '\n');
  } else {
    const [{ renderUser }, { renderRooms }] = await Promise.all([import('../../render/user.js'), import('../../render/rooms.js')]);
    let out = renderUser(result.user, { color: ctx.io.colorStdout, now: ctx.now(), server: target.server, columns: ctx.io.columns });
    if (result.user.rooms !== undefined) {
      out += '\n' + renderRooms(result.user.rooms, { color: ctx.io.colorStdout, columns: ctx.io.columns });
    }
    ctx.io.stdout.write(out);
  }
  if (result.roomsWithheld) ctx.io.stderr.write(ROOMS_WITHHELD_NOTICE);
  return ExitCode.ok;
}
