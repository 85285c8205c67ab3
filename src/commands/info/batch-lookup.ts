import { ApiError } from '../../api/errors.js';
import { RedirectError } from '../../api/redirect.js';
import { failsEveryRequest } from '../../api/repeating.js';
import type { RocketChatClient } from '../../api/client.js';
import type { Lookup, User } from '../../api/types.js';
import type { Context } from '../../cmdutil/context.js';
import { AuthError, CliError, ExitCode, UsageError } from '../../errors.js';
import { LineTooLongError, streamLines } from '../../lib/lines.js';
import { withoutAt } from '../../lib/values.js';
import type { SummaryRow } from '../../render/summary.js';
import { withMember } from '../../lib/rawjson.js';
import { isSkippable, parseIdentifier } from './lookup.js';
import { teamsMayBePartial, teamsOf } from './teams.js';

/** A failure no further line can escape; `cause` is what the user is told. */
export class EveryLineFails extends Error {
  constructor(override readonly cause: unknown) {
    super('every line would fail the same way');
  }
}

export interface BatchItem {
  query: string;
  lookup: Lookup;
}

export interface BatchResult {
  query: string;
  /** The exact text of the server's user object. */
  rawUser?: string;
  /** Only what the summary table shows (kept small: table mode holds every row until the end). */
  row?: SummaryRow;
  /** What an output format keeps of the user instead (a CSV row, a JSON document, picked values). */
  kept?: unknown;
  /** Rooms were asked for and the server left them out. */
  roomsWithheld?: boolean;
  /** Teams were asked for and the caller may not see them all. */
  teamsPartial?: boolean;
  error?: string;
  status?: number;
  exitCode: number;
}

export async function* fromStdin(ctx: Context): AsyncGenerator<BatchItem> {
  try {
    for await (const line of streamLines(ctx.io.stdin)) {
      if (isSkippable(line)) continue;
      const query = line.trim();
      yield { query, lookup: parseIdentifier(query) };
    }
  } catch (err) {
    if (!(err instanceof LineTooLongError)) throw err;
    throw new UsageError(
      `line ${err.line.toLocaleString('en-US')} of stdin is longer than ${err.max.toLocaleString('en-US')} characters: no identifier is that long`,
      'give one user name, id: or email: identifier a line (is stdin the file you meant?)',
    );
  }
}

export async function* fromList(queries: string[]): AsyncGenerator<BatchItem> {
  for (const q of queries) yield { query: q, lookup: { kind: 'username', value: withoutAt(q) } };
}

/** One line of a batch: a result or an error line; only a rejected token throws. */
export async function lookupOne(
  client: RocketChatClient,
  item: BatchItem,
  opts: {
    rooms: boolean;
    json: boolean;
    keep?: (user: User, rawUser: string) => unknown;
    teams?: boolean;
    callerId?: string;
  },
): Promise<BatchResult> {
  const { query } = item;
  if (item.lookup.value.trim() === '') return { query, error: 'empty identifier', exitCode: ExitCode.failure };
  try {
    const r = await client.userInfo(item.lookup, { rooms: opts.rooms });
    const teams = opts.teams ? await teamsOf(client, r.user) : undefined;
    const teamsPartial = teams ? teamsMayBePartial(r.user, opts.callerId) : undefined;
    // `teams` goes beside `rooms`, after everything the server sent; the formats see it too.
    const rawUser = teams ? withMember(r.rawUser, 'teams', teams.raw) : r.rawUser;
    const user = teams ? { ...r.user, teams: teams.teams } : r.user;
    if (opts.json) return { query, rawUser, roomsWithheld: r.roomsWithheld, teamsPartial, exitCode: ExitCode.ok };
    if (opts.keep)
      return {
        query,
        kept: opts.keep(user, rawUser),
        roomsWithheld: r.roomsWithheld,
        teamsPartial,
        exitCode: ExitCode.ok,
      };
    // Only what the summary shows is kept: a batch's table must not hold every whole user.
    const { _id, username, name, status, type, active, roles, rooms } = r.user;
    const roomCount = Array.isArray(rooms) ? rooms.length : undefined;
    const row = {
      query,
      user: { _id, username, name, status, type, active, roles },
      roomCount,
      teamCount: teams?.teams.length,
    };
    return { query, row, roomsWithheld: r.roomsWithheld, teamsPartial, exitCode: ExitCode.ok };
  } catch (err) {
    // A rejected token fails every line alike: stop the batch (exit 4) instead of printing N errors.
    if (err instanceof AuthError) throw err;
    if (err instanceof RedirectError) throw err; // every line would go the same way: one sentence, exit 1
    // So would a dead server, a certificate that does not verify, or a URL that is not Rocket.Chat's.
    if (failsEveryRequest(err)) throw new EveryLineFails(err);
    if (err instanceof ApiError)
      return { query, error: err.serverMessage || err.message, status: err.status, exitCode: err.exitCode };
    if (err instanceof CliError) return { query, error: err.message, exitCode: err.exitCode };
    throw err;
  }
}
