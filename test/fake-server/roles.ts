/**
 * GET /api/v1/roles.list, as apps/meteor/app/api/server/v1/roles.ts has it: `authRequired` and no
 * permission, every role (`Roles.find({}, { projection: { _updatedAt: 0 } })`) in
 * `{ roles: [...], success: true }`. The roles are the defaults every server creates
 * (apps/meteor/app/authorization/server/functions/upsertPermissions.ts, `defaultRoles`, made by
 * createOrUpdateProtectedRoleAsync with `_id` = name and `protected: true`), plus one custom role
 * made in the admin UI, whose `_id` is a random id and not its name.
 */
import type { Ctx } from './context.js';
import { json, type Reply } from './http.js';

interface Role {
  _id: string;
  name: string;
  scope: 'Users' | 'Subscriptions';
  description: string;
  protected: boolean;
  mandatory2fa?: boolean;
}

const DEFAULT_ROLES: readonly [string, Role['scope'], string][] = [
  ['admin', 'Users', 'Admin'],
  ['moderator', 'Subscriptions', 'Moderator'],
  ['leader', 'Subscriptions', 'Leader'],
  ['owner', 'Subscriptions', 'Owner'],
  ['user', 'Users', ''],
  ['bot', 'Users', ''],
  ['app', 'Users', ''],
  ['guest', 'Users', ''],
  ['anonymous', 'Users', ''],
  ['livechat-agent', 'Users', 'Livechat Agent'],
  ['livechat-manager', 'Users', 'Livechat Manager'],
];

export const ROLES: readonly Role[] = [
  ...DEFAULT_ROLES.map(([name, scope, description]) => ({ _id: name, name, scope, description, protected: true })),
  { _id: 'kQ7vX2mPz9LwR4tBn', name: 'Auditor', scope: 'Users', description: 'Reads the audit log', protected: false },
];

export function rolesList(_ctx: Ctx): Reply {
  return json(200, { roles: ROLES, success: true });
}
