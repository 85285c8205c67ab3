import { ApiError } from '../../api/errors.js';
import type { Context } from '../../context.js';
import { ExitCode, NotFoundError } from '../../errors.js';
import { formatJson } from '../../render/json.js';
import { openClient, resolveTarget, type GlobalOptions } from '../../session.js';
import { clean } from '../../render/text.js';
import { describeLookup, parseInfoRequest, type InfoFlags } from './lookup.js';

export interface InfoOptions extends InfoFlags, GlobalOptions {
  rooms?: boolean;
  json?: boolean;
  concurrency?: number;
  maxWait?: number;
}

export async function runInfo(ctx: Context, args: string[], opts: InfoOptions): Promise<number> {
  const request = parseInfoRequest(args, opts);
  if (request.mode !== 'single') {
    const { runBatch } = await import('./batch.js');
    return runBatch(ctx, request, opts);
  }
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target);
  let result;
  try {
    result = await client.userInfo(request.lookup, { rooms: opts.rooms });
  } catch (err) {
    if (err instanceof ApiError && err.exitCode === ExitCode.notFound) {
      throw new NotFoundError(`no user ${clean(describeLookup(request.lookup), 200)} on ${target.server}`);
    }
    throw err;
  }
  if (opts.json) {
    ctx.io.stdout.write(formatJson(result.rawUser, 2) + '\n');
  } else {
    const [{ renderUser }, { renderRooms }] = await Promise.all([import('../../render/user.js'), import('../../render/rooms.js')]);
    let out = renderUser(result.user, { color: ctx.io.colorStdout, now: ctx.now(), server: target.server });
    if (Array.isArray(result.user.rooms) || (opts.rooms && result.user.rooms !== undefined)) {
      out += '\n' + renderRooms(result.user.rooms, { color: ctx.io.colorStdout });
    }
    ctx.io.stdout.write(out);
  }
  if (result.roomsWithheld) {
    ctx.io.stderr.write(
      'rcuser: the server did not include rooms: listing another user\'s rooms needs the `view-other-user-channels` permission (admins have it by default)\n',
    );
  }
  return ExitCode.ok;
}
