/** `info --teams`: the user's teams (users.listTeams), and when the view of them may be partial. */
import type { RocketChatClient } from '../../api/client.js';
import { listUserTeams, type UserTeams } from '../../api/teams.js';
import { versionAtLeast, type User } from '../../api/types.js';
import { CliError, ExitCode } from '../../errors.js';

/** users.listTeams came with Rocket.Chat 3.13 (rocketchat-api.md §11). */
export async function assertTeamsSupported(client: RocketChatClient): Promise<void> {
  const v = await client.serverVersion();
  if (!versionAtLeast(v, 3, 13)) {
    throw new CliError(
      `listing a user's teams needs Rocket.Chat 3.13 or later (users.listTeams); ${client.server} runs ${v.raw}`,
      ExitCode.failure,
      'drop --teams',
    );
  }
}

export async function teamsOf(client: RocketChatClient, user: User): Promise<UserTeams> {
  if (typeof user._id !== 'string')
    throw new CliError(
      `${client.server} sent a user without an _id, so rcuser cannot ask for their teams`,
      ExitCode.failure,
    );
  return listUserTeams(client, user._id);
}

/**
 * Whether the caller may see only part of the user's teams. Without view-all-teams (admins have it)
 * users.listTeams leaves out the private teams the caller is not in. The caller's permissions are
 * not in the answer; canViewAllInfo (view-full-other-user-info, also admin-only by default), or on
 * servers that do not send it the presence of `roles`, stands in for them. Looking yourself up is
 * never partial: you are in all your teams.
 */
export function teamsMayBePartial(user: User, callerId: string | undefined): boolean {
  if (callerId !== undefined && user._id === callerId) return false;
  if (user.canViewAllInfo === true) return false;
  return !(user.canViewAllInfo === undefined && Array.isArray(user.roles));
}
