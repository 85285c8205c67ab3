/** A plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A Matrix id, `@alice:matrix.org`: the username Rocket.Chat's native federation stores for a
 * federated user, its `@` included (core-typings IUserNativeFederated, rocketchat-api.md §11).
 */
export function isMatrixId(name: string): boolean {
  return /^@[^\s:@]+:[^\s@]+$/.test(name);
}

/** A username as people write it, `@jane`, without the `@` the server does not store; a Matrix id keeps its own. */
export function withoutAt(name: string): string {
  return name.startsWith('@') && !isMatrixId(name) ? name.slice(1) : name;
}

/** How a username is shown: `@jane`, and a Matrix id as it is (never `@@alice:matrix.org`). */
export function handleOf(username: string): string {
  return isMatrixId(username) ? username : `@${username}`;
}
