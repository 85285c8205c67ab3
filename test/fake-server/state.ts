import { createHash, randomBytes } from 'node:crypto';
import { PUBLIC_CUSTOM_FIELDS, SEED_PASSWORDS, seedRooms, seedUsers, type Doc } from './seed.js';
import { seedManyUsers } from './seed-many.js';
import { seedTeams, type TeamMember } from './teams.js';

export interface TokenRecord {
  token: string;
  userId: string;
  type: 'login' | 'personalAccessToken';
  createdAt: Date;
  name?: string;
  bypassTwoFactor?: boolean;
}

interface EmailCodes {
  codes: Array<{ code: string; expiresAt: Date }>;
  attempts: number;
  last?: string;
}

const DAY_MS = 86_400_000;
/** Accounts_TwoFactorAuthentication_By_Email_Code_Expiration default (seconds → ms). */
export const EMAIL_CODE_TTL_MS = 3600_000;

/** Everything the fake server knows. Users keep their docs' key order; passwords live beside them. */
export class FakeState {
  readonly users: Doc[] = [...seedUsers(), ...seedManyUsers()];
  readonly rooms = new Map<string, Doc[]>();
  /** Teams and their members (users.listTeams). */
  readonly teams: Doc[];
  readonly teamMembers: TeamMember[];
  /** _id and username → doc, for users added with addUser(). */
  private readonly index = new Map<string, Doc>();
  private readonly passwords = new Map<string, string>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly emailCodes = new Map<string, EmailCodes>();
  readonly permissions = new Map<string, string[]>([
    ['view-other-user-channels', ['admin']],
    ['view-full-other-user-info', ['admin']],
    ['view-statistics', ['admin']],
    ['create-personal-access-tokens', ['admin', 'user']],
    // Defaults from rocketchat-api.md §10 (users.list, listByStatus, autocomplete, spotlight, directory).
    ['view-d-room', ['admin', 'user', 'bot', 'app', 'guest']],
    ['view-outside-room', ['admin', 'owner', 'moderator', 'user']],
    // apps/meteor/app/authorization/server/constant/permissions.ts: { _id: 'view-all-teams', roles: ['admin'] }.
    ['view-all-teams', ['admin']],
  ]);
  /** Server settings the handlers read (names as in Rocket.Chat); unset means the default. */
  readonly settings = new Map<string, unknown>();
  readonly publicCustomFields = new Set(PUBLIC_CUSTOM_FIELDS);

  constructor(
    readonly loginExpirationDays: number,
    bypassRoles: string[],
  ) {
    this.permissions.set('api-bypass-rate-limit', bypassRoles);
    ({ teams: this.teams, members: this.teamMembers } = seedTeams());
    for (const user of this.users) {
      const username = user.username as string;
      if (SEED_PASSWORDS[username]) this.passwords.set(user._id as string, SEED_PASSWORDS[username]);
    }
    const rooms = seedRooms();
    for (const user of this.users) this.rooms.set(user._id as string, rooms[user.username as string] ?? []);
  }

  addUser(doc: Doc, password?: string, rooms: Doc[] = []): void {
    if (typeof doc._id !== 'string') throw new Error('fake server: addUser needs a string _id');
    this.users.push(doc);
    this.index.set(doc._id, doc);
    if (typeof doc.username === 'string') this.index.set(doc.username, doc);
    if (password !== undefined) this.passwords.set(doc._id, password);
    this.rooms.set(doc._id, rooms);
  }

  byId(id: string): Doc | undefined {
    return this.users.find((u) => u._id === id);
  }

  /** Exact, case-sensitive `{$or: [{_id}, {username}]}` as users.info does it. */
  byIdOrUsername(v: string): Doc | undefined {
    // The index only speeds up the bench's 20,000 added users; a stale entry falls back to the scan.
    const hit = this.index.get(v);
    if (hit && (hit._id === v || hit.username === v)) return hit;
    return this.users.find((u) => u._id === v || u.username === v);
  }

  byEmail(address: string): Doc | undefined {
    const want = address.trim().toLowerCase();
    return this.users.find((u) => emailsOf(u).some((e) => e.address.toLowerCase() === want));
  }

  byImportId(v: string): Doc | undefined {
    return this.users.find((u) => Array.isArray(u.importIds) && u.importIds.includes(v));
  }

  /** Meteor's login lookup falls back to a case-insensitive match. */
  byUsernameLoose(name: string): Doc | undefined {
    return (
      this.users.find((u) => u.username === name) ??
      this.users.find((u) => typeof u.username === 'string' && u.username.toLowerCase() === name.toLowerCase())
    );
  }

  byUsernameOrThrow(username: string): Doc {
    const user = this.users.find((u) => u.username === username);
    if (!user) throw new Error(`fake server: no user ${JSON.stringify(username)}`);
    return user;
  }

  passwordOf(userId: string): string | undefined {
    return this.passwords.get(userId);
  }

  hasPermission(user: Doc | undefined, permission: string): boolean {
    if (!user) return false;
    const allowed = this.permissions.get(permission) ?? [];
    return rolesOf(user).some((r) => allowed.includes(r));
  }

  issueToken(userId: string, type: TokenRecord['type'] = 'login', extra: Partial<TokenRecord> = {}): TokenRecord {
    // Meteor tokens are 43 URL-safe characters.
    const rec: TokenRecord = {
      token: randomBytes(32).toString('base64url'),
      userId,
      type,
      createdAt: new Date(),
      ...extra,
    };
    this.tokens.set(rec.token, rec);
    return rec;
  }

  tokenRecord(token: string): TokenRecord | undefined {
    const rec = this.tokens.get(token);
    if (!rec) return undefined;
    // Personal access tokens have no `when`, so login expiration never removes them.
    if (rec.type === 'login' && Date.now() - rec.createdAt.getTime() > this.loginExpirationDays * DAY_MS) {
      this.tokens.delete(token);
      return undefined;
    }
    return rec;
  }

  /** Both headers must match one stored token, like `{_id, 'services.resume.loginTokens.hashedToken'}`. */
  authenticate(userId: string | undefined, token: string | undefined): { user: Doc; token: TokenRecord } | undefined {
    if (!userId || !token) return undefined;
    const rec = this.tokenRecord(token);
    const user = rec && rec.userId === userId ? this.byId(userId) : undefined;
    return user && rec ? { user, token: rec } : undefined;
  }

  removeToken(token: string): void {
    this.tokens.delete(token);
  }

  /**
   * services.resume as Meteor keeps it: one entry per token, holding only its hash
   * (Accounts._hashLoginToken: SHA-256, base64); personal access tokens carry their extra fields.
   */
  resumeOf(userId: string): Doc | undefined {
    const loginTokens = [...this.tokens.values()]
      .filter((t) => t.userId === userId)
      .map((t) => {
        const hashedToken = createHash('sha256').update(t.token).digest('base64');
        if (t.type === 'login') return { when: t.createdAt.toISOString(), hashedToken };
        return {
          hashedToken,
          type: 'personalAccessToken',
          createdAt: t.createdAt.toISOString(),
          lastTokenPart: t.token.slice(-6),
          name: t.name,
          bypassTwoFactor: t.bypassTwoFactor === true,
        };
      });
    return loginTokens.length ? { loginTokens } : undefined;
  }

  /** services.emailCode while an e-mail code is pending: its bcrypt hash and expiry (EmailCheck.ts). */
  emailCodeOf(userId: string): Doc | undefined {
    const latest = this.emailCodes.get(userId)?.codes.at(-1);
    if (!latest) return undefined;
    const hash = `$2b$10$${createHash('sha256').update(latest.code).digest('base64').slice(0, 53)}`;
    return { code: hash, expire: latest.expiresAt.toISOString() };
  }

  patNames(userId: string): string[] {
    return [...this.tokens.values()]
      .filter((t) => t.userId === userId && t.type === 'personalAccessToken')
      .map((t) => t.name ?? '');
  }

  emailCodesOf(userId: string): EmailCodes {
    let e = this.emailCodes.get(userId);
    if (!e) {
      e = { codes: [], attempts: 0 };
      this.emailCodes.set(userId, e);
    }
    e.codes = e.codes.filter((c) => c.expiresAt.getTime() > Date.now());
    return e;
  }

  /** "Sends" a fresh 6-digit code: stored, and readable through lastEmailCode(). */
  generateEmailCode(userId: string): { code: string; expiresAt: Date } {
    const e = this.emailCodesOf(userId);
    const code = String(randomBytes(4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
    const entry = { code, expiresAt: new Date(Date.now() + EMAIL_CODE_TTL_MS) };
    e.codes.push(entry);
    e.last = code;
    return entry;
  }

  lastEmailCode(userId: string): string | undefined {
    return this.emailCodes.get(userId)?.last;
  }
}

export function rolesOf(user: Doc): string[] {
  return Array.isArray(user.roles) ? (user.roles as string[]) : [];
}

export function emailsOf(user: Doc): Array<{ address: string; verified?: boolean }> {
  return Array.isArray(user.emails) ? (user.emails as Array<{ address: string; verified?: boolean }>) : [];
}

export function servicesOf(user: Doc): Record<string, any> {
  return user.services && typeof user.services === 'object' ? (user.services as Record<string, any>) : {};
}
