/**
 * GET /api/v1/users.listTeams?userId= (rocketchat-api.md §11; Rocket.Chat 3.13+): the teams a user
 * belongs to. Callers with view-all-teams see all of them; others see the user's public teams and
 * the private teams they are in themselves (TeamService.findBySubscribedUserIds).
 */
import { rawMember } from '../lib/rawjson.js';
import { isRecord } from '../lib/values.js';
import type { RocketChatClient } from './client.js';
import { CliError, ExitCode } from '../errors.js';
import { ApiError, parseJsonBody } from './errors.js';

/** A team as the server sends it; `type` 0 is public, 1 private; `isOwner` on servers that add it. */
export interface Team {
  _id?: string;
  name?: string;
  type?: number;
  roomId?: string;
  isOwner?: boolean;
  createdAt?: string;
  createdBy?: { _id?: string; username?: string };
  [key: string]: unknown;
}

export interface UserTeams {
  teams: Team[];
  /** The `teams` array's exact text, for --json. */
  raw: string;
}

const WHAT = 'GET /api/v1/users.listTeams';

export async function listUserTeams(client: RocketChatClient, userId: string): Promise<UserTeams> {
  const res = await client.send({ method: 'GET', path: `/api/v1/users.listTeams?${new URLSearchParams({ userId })}` });
  if (res.status === 404) {
    throw new CliError(
      `${client.server} has no ${WHAT} (it came with Rocket.Chat 3.13), so rcuser cannot list a user's teams there`,
      ExitCode.failure,
      'drop --teams',
    );
  }
  if (res.status !== 200) throw client.failure(res, WHAT);
  const body = parseJsonBody(res, client.server, WHAT);
  if (!Array.isArray(body.teams)) {
    throw new ApiError(`${client.server} answered ${WHAT} without a list of teams`, res.status, '', {
      hint: 'this does not look like a Rocket.Chat server; check the server URL',
    });
  }
  const teams = body.teams.filter(isRecord) as Team[];
  const raw =
    teams.length === body.teams.length
      ? (rawMember(res.text, 'teams') ?? JSON.stringify(teams))
      : JSON.stringify(teams);
  return { teams, raw };
}
