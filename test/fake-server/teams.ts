/**
 * GET /api/v1/users.listTeams (Rocket.Chat 3.13+), after apps/meteor/app/api/server/v1/users.ts
 * (route 'users.listTeams': authRequired, validateParams isUsersListTeamsProps) and
 * apps/meteor/server/services/team/service.ts (TeamService.findBySubscribedUserIds).
 */
import type { Ctx } from './context.js';
import { json, queryObject, type Reply } from './http.js';
import { SEED_IDS, type Doc } from './seed.js';
import { invalidParams } from './users-info.js';

/** A team membership (TeamMember): the user, the team and the member's team roles. */
export interface TeamMember {
  teamId: string;
  userId: string;
  roles?: string[];
}

/** TEAM_TYPE: 0 public, 1 private. */
export const TEAM_PUBLIC = 0;
export const TEAM_PRIVATE = 1;

const team = (_id: string, name: string, type: number, roomId: string, by: string): Doc => ({
  _id,
  name,
  type,
  createdAt: '2024-03-04T10:00:00.000Z',
  createdBy: { _id: SEED_IDS[by as keyof typeof SEED_IDS], username: by },
  _updatedAt: '2024-03-04T10:00:00.010Z',
  roomId,
});

/**
 * test.john is in three teams: a public one he owns, a private one he shares with jane.doe, and a
 * private one only he and the admin are in. So jane.doe (no view-all-teams) sees two of the three.
 */
export function seedTeams(): { teams: Doc[]; members: TeamMember[] } {
  const john = SEED_IDS['test.john'];
  const jane = SEED_IDS['jane.doe'];
  const admin = SEED_IDS.admin;
  return {
    teams: [
      team('612b8ae982d286c3', 'platform', TEAM_PUBLIC, 'PLTfRm8kQw3Zx9LpN', 'test.john'),
      team('7c1d9e0fa3b24e56', 'design-team', TEAM_PRIVATE, 'DSGn8qW3mZp5Xr2Lk', 'jane.doe'),
      team('9e8f7a6b5c4d3e21', 'secret-ops', TEAM_PRIVATE, 'SCRt0pS4mQx8Wn2Zk', 'admin'),
    ],
    members: [
      { teamId: '612b8ae982d286c3', userId: john, roles: ['owner'] },
      { teamId: '7c1d9e0fa3b24e56', userId: jane, roles: ['owner'] },
      { teamId: '7c1d9e0fa3b24e56', userId: john, roles: ['member'] },
      { teamId: '9e8f7a6b5c4d3e21', userId: admin, roles: ['owner'] },
      { teamId: '9e8f7a6b5c4d3e21', userId: john },
    ],
  };
}

/** isUsersListTeamsProps: `userId` (a string) and nothing else. */
export function listTeamsValidate(ctx: Ctx): Reply | undefined {
  const q = queryObject(ctx.query);
  if (!('userId' in q)) return invalidParams(ctx.version, "must have required property 'userId'");
  if (Object.keys(q).some((k) => k !== 'userId'))
    return invalidParams(ctx.version, 'must NOT have additional properties');
  if (Array.isArray(q.userId)) return invalidParams(ctx.version, 'must be string');
  return undefined;
}

/**
 * The handler: with view-all-teams (admin by default) every team of the user; without it, the
 * user's public teams and the private ones the caller is a member of too. Each team is the stored
 * document plus `isOwner` (the user has the team role owner). An unknown userId has no teams.
 */
export function usersListTeams(ctx: Ctx): Reply {
  const { state } = ctx;
  const caller = ctx.auth!.user;
  const userId = ctx.query.get('userId') ?? '';
  const memberships = state.teamMembers.filter((m) => m.userId === userId);
  let teamIds = memberships.map((m) => m.teamId);
  if (!state.hasPermission(caller, 'view-all-teams')) {
    const byId = new Map(state.teams.map((t) => [t._id as string, t]));
    const callersTeams = new Set(state.teamMembers.filter((m) => m.userId === caller._id).map((m) => m.teamId));
    teamIds = teamIds.filter((id) => byId.get(id)?.type === TEAM_PUBLIC || callersTeams.has(id));
  }
  const owned = new Set(memberships.filter((m) => m.roles?.includes('owner')).map((m) => m.teamId));
  // Team.findByIds: in the collection's order.
  const teams = state.teams
    .filter((t) => teamIds.includes(t._id as string))
    .map((t) => ({ ...t, isOwner: owned.has(t._id as string) }));
  return json(200, { teams, success: true });
}
