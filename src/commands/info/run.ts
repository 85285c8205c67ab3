import { ApiError } from '../../api/errors.js';
import type { Context } from '../../cmdutil/context.js';
import { ExitCode, NotFoundError, type CliError } from '../../errors.js';
import { chooseOutput } from '../../export/choose.js';
import { DEFAULT_FIELDS } from '../../export/fields.js';
import { jsonChunks } from '../../render/json.js';
import { openClient, resolveTarget } from '../../cmdutil/client-factory.js';
import { writeChunks } from '../../iostreams/io.js';
import { clean } from '../../render/text.js';
import { roomsWithheldNotice, teamsPartialNotice } from './notices.js';
import { assertTeamsSupported, teamsMayBePartial, teamsOf } from './teams.js';
import { withMember } from '../../lib/rawjson.js';
import type { InfoOptions } from './options.js';
import { describeLookup, parseInfoRequest } from './lookup.js';
import { didYouMeanUsers, SUGGEST_DEADLINE_MS, suggestUsernames } from './suggest.js';
import { shellWord } from '../../cmdutil/hints.js';

/** When no near name was found: an e-mail address names its flag; anything else, a broader search. */
const isEmail = (value: string): boolean => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);

function nextStep(value: string): string {
  if (isEmail(value)) return `to look a user up by e-mail address: rcuser info --email ${shellWord(value)}`;
  return `try \`rcuser search ${shellWord(value)}\` to find users whose name or username contains it`;
}

/** CSV and TSV columns without --fields: the user card's, and the rooms' names when asked for. */
export const infoColumns = (opts: InfoOptions): string => DEFAULT_FIELDS.info + (opts.rooms ? ',rooms.name' : '');

export async function runInfo(ctx: Context, opts: InfoOptions): Promise<number> {
  const request = parseInfoRequest(opts.users, opts);
  // Before any request: a mistyped field or a bad jq program is a usage error with nothing sent.
  const output = await chooseOutput(opts, infoColumns(opts));
  if (request.mode !== 'single') {
    const { runBatch } = await import('./batch.js');
    return runBatch(ctx, request, opts, output);
  }
  const target = await resolveTarget(ctx, opts, { requireAuth: true });
  const client = openClient(ctx, opts, target, { maxWait: opts.maxWait });
  if (opts.teams) await assertTeamsSupported(client);
  let result: Awaited<ReturnType<typeof client.userInfo>>;
  try {
    result = await client.userInfo(request.lookup, { rooms: opts.rooms });
  } catch (err) {
    if (err instanceof ApiError && err.exitCode === ExitCode.notFound) {
      const kind = request.lookup.kind;
      const value = request.lookup.value;
      // The server answers "not found" for these unless the caller may see the full profile.
      let hint =
        kind === 'email' || kind === 'importId'
          ? 'lookups by e-mail or import id only find users whose full profile you may see (the view-full-other-user-info permission)'
          : kind === 'username' && /[A-Z]/.test(value)
            ? 'usernames are case-sensitive: try it in lower case'
            : undefined;
      // Single lookups only: a username that found nobody gets one extra call for near names,
      // unless it is just in the wrong case (the hint above says so).
      if (kind === 'username' && isEmail(value)) hint = nextStep(value);
      else if (kind === 'username') {
        // Its own client: a hint never waits for a rate limit, nor longer than a short deadline.
        const quick = openClient(ctx, { ...opts, timeout: SUGGEST_DEADLINE_MS / 1000 }, target, { maxWait: 0 });
        const near = await suggestUsernames(quick, value).finally(() => void quick.close().catch(() => undefined));
        if (!near.includes(value.toLowerCase())) hint = didYouMeanUsers(near) ?? hint ?? nextStep(value);
      }
      throw new NotFoundError(`no user ${clean(describeLookup(request.lookup), 200)} on ${target.server}`, hint);
    }
    throw err;
  }
  const teams = opts.teams ? await teamsOf(client, result.user) : undefined;
  // `teams` goes beside `rooms`, after everything the server sent; the formats see it too.
  const rawUser = teams ? withMember(result.rawUser, 'teams', teams.raw) : result.rawUser;
  let failure: CliError | undefined;
  if (output.format === 'server-json') {
    await writeChunks(ctx.io, jsonChunks(rawUser, 2));
    ctx.io.stdout.write('\n');
  } else if (output.format !== 'table' || output.fields) {
    const { writeOneUser } = await import('../../export/one.js');
    const target = { out: (s: string) => void ctx.io.stdout.write(s), err: (s: string) => void ctx.io.stderr.write(s) };
    const user = teams ? { ...result.user, teams: teams.teams } : result.user;
    failure = await writeOneUser(output, user, rawUser, target, {
      color: ctx.io.colorStdout,
      ascii: ctx.io.ascii,
      columns: ctx.io.columns,
    });
  } else {
    const [{ renderUser }, { renderRooms }] = await Promise.all([
      import('../../render/user.js'),
      import('../../render/rooms.js'),
    ]);
    let out = renderUser(result.user, {
      color: ctx.io.colorStdout,
      ascii: ctx.io.ascii,
      now: ctx.now(),
      server: target.server,
      columns: ctx.io.columns,
    });
    if (result.user.rooms !== undefined) {
      out += `\n${renderRooms(result.user.rooms, { color: ctx.io.colorStdout, ascii: ctx.io.ascii, columns: ctx.io.columns })}`;
    }
    if (teams) {
      const { renderTeams } = await import('../../render/teams.js');
      out += `\n${renderTeams(teams.teams, { color: ctx.io.colorStdout, ascii: ctx.io.ascii, columns: ctx.io.columns })}`;
    }
    ctx.io.stdout.write(out);
  }
  if (result.roomsWithheld) ctx.io.stderr.write(roomsWithheldNotice());
  if (teams && teamsMayBePartial(result.user, target.auth?.userId)) ctx.io.stderr.write(teamsPartialNotice());
  if (failure) throw failure;
  return ExitCode.ok;
}
