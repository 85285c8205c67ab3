/**
 * GET /api/v1/roles.list (apps/meteor/app/api/server/v1/roles.ts): every role of the server, for
 * any logged-in user (no permission), as `{ roles: [{ _id, name, scope, ... }], success: true }`.
 * A user's `roles` hold the ids: the defaults' ids are their names, a custom role's is a random id.
 */
import { InterruptedError } from '../errors.js';
import { isRecord } from '../lib/values.js';
import type { RocketChatClient } from './client.js';
import { parseJsonBody } from './errors.js';

export interface Role {
  id: string;
  /** The name shown in the admin UI; the id for the default roles. */
  name: string;
}

/** The server's roles, or undefined when it will not say (refused, unknown route, not JSON, unreachable). */
export async function listRoles(client: RocketChatClient): Promise<Role[] | undefined> {
  try {
    const res = await client.send({ method: 'GET', path: '/api/v1/roles.list' });
    if (res.status !== 200) return undefined;
    const body = parseJsonBody(res, client.server, 'GET /api/v1/roles.list');
    if (!Array.isArray(body.roles)) return undefined;
    return body.roles
      .filter(isRecord)
      .filter((r) => typeof r._id === 'string')
      .map((r) => ({ id: r._id as string, name: typeof r.name === 'string' ? r.name : (r._id as string) }));
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    return undefined;
  }
}
