import type { Profile } from './types.js';

/** What every listing of profiles (`profiles`, `status`) shows of one, in this order: never the token. */
export interface ProfileSummary {
  name: string;
  active: boolean;
  server: string;
  username: string | null;
  userId: string;
  tokenKind: Profile['tokenKind'];
}

export function profileSummary(p: Profile, active: boolean): ProfileSummary {
  return {
    name: p.name,
    active,
    server: p.server,
    username: p.username ?? null,
    userId: p.userId,
    tokenKind: p.tokenKind,
  };
}
