/** A plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A username as people write it, `@jane`, without the `@` the server does not store. */
export function withoutAt(name: string): string {
  return name.startsWith('@') ? name.slice(1) : name;
}
