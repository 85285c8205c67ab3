import type { Lookup } from '../../api/types.js';
import { UsageError } from '../../errors.js';
import { handleOf, withoutAt } from '../../lib/values.js';

export interface InfoFlags {
  username?: string;
  userId?: string;
  importId?: string;
  email?: string;
}

/** One line of `rcuser info -` input: `id:`, `import:`, `email:` pick the kind, anything else is a username. */
export function parseIdentifier(text: string): Lookup {
  const s = text.trim();
  const m = /^(id|import|email):(.*)$/.exec(s);
  if (m) {
    const kind = m[1] === 'id' ? 'userId' : m[1] === 'import' ? 'importId' : 'email';
    return { kind, value: m[2]!.trim() };
  }
  return { kind: 'username', value: withoutAt(s) };
}

/** A line of stdin that names nobody: blank, or a `#` comment. */
export function isSkippable(line: string): boolean {
  const s = line.trim();
  return s === '' || s.startsWith('#');
}

export type InfoRequest = { mode: 'single'; lookup: Lookup } | { mode: 'list'; queries: string[] } | { mode: 'stdin' };

/** Exactly one way of naming users (README: rcuser info); anything else is a usage error. */
export function parseInfoRequest(args: string[], flags: InfoFlags): InfoRequest {
  const given = (
    [
      ['--username', 'username', flags.username],
      ['--user-id', 'userId', flags.userId],
      ['--import-id', 'importId', flags.importId],
      ['--email', 'email', flags.email],
    ] as const
  ).filter(([, , v]) => v !== undefined);
  const ways = given.length + (args.length > 0 ? 1 : 0);
  if (ways === 0) {
    throw new UsageError(
      'name a user to look up',
      'e.g. `rcuser info test.john`, `rcuser info --user-id <id>`, or `rcuser info -` to read names from stdin',
    );
  }
  if (ways > 1) {
    const names = [...(args.length ? ['a username argument'] : []), ...given.map(([flag]) => flag)];
    throw new UsageError(`name users in exactly one way, not with ${names.join(' and ')}`);
  }
  if (given.length === 1) {
    const [flag, kind, given0] = given[0]!;
    const value = given0 as string;
    const v = kind === 'username' ? withoutAt(value) : value;
    if (v.trim() === '') throw new UsageError(`${flag} needs a value`);
    return { mode: 'single', lookup: { kind, value: v } };
  }
  if (args.includes('-')) {
    if (args.length > 1) throw new UsageError('`-` (read names from stdin) cannot be combined with other names');
    return { mode: 'stdin' };
  }
  for (const a of args) {
    if (a.trim() === '' || a === '@') throw new UsageError('an empty username was given');
  }
  if (args.length === 1) {
    const a = args[0]!;
    return { mode: 'single', lookup: { kind: 'username', value: withoutAt(a) } };
  }
  return { mode: 'list', queries: args };
}

export function describeLookup(l: Lookup): string {
  switch (l.kind) {
    case 'username':
      return handleOf(l.value);
    case 'userId':
      return `with id ${l.value}`;
    case 'importId':
      return `with import id ${l.value}`;
    case 'email':
      return `with e-mail ${l.value}`;
  }
}
