/**
 * Failed-login protection (Block_Multiple_Failed_Logins_*): after N wrong passwords for a user, or
 * from an IP, logins are refused until the block time has passed since the last failure. A
 * successful login resets both counters.
 */
export interface LoginBlockOptions {
  userAttempts: number;
  ipAttempts: number;
  userBlockMs: number;
  ipBlockMs: number;
}

interface Counter {
  failures: number;
  lastFailure: number;
}

export class LoginBlocker {
  private readonly byUser = new Map<string, Counter>();
  private readonly byIp = new Map<string, Counter>();

  constructor(private readonly opts: LoginBlockOptions) {}

  /** The error code when blocked, IP checked first; undefined when the attempt may proceed. */
  check(
    userKey: string,
    ip: string,
    now: number = Date.now(),
  ): 'error-login-blocked-for-ip' | 'error-login-blocked-for-user' | undefined {
    if (blocked(this.byIp, ip, this.opts.ipAttempts, this.opts.ipBlockMs, now)) return 'error-login-blocked-for-ip';
    if (blocked(this.byUser, userKey, this.opts.userAttempts, this.opts.userBlockMs, now))
      return 'error-login-blocked-for-user';
    return undefined;
  }

  fail(userKey: string, ip: string, now: number = Date.now()): void {
    bump(this.byUser, userKey, now);
    bump(this.byIp, ip, now);
  }

  succeed(userKey: string, ip: string): void {
    this.byUser.delete(userKey);
    this.byIp.delete(ip);
  }
}

function blocked(map: Map<string, Counter>, key: string, attempts: number, blockMs: number, now: number): boolean {
  const c = map.get(key);
  if (!c || c.failures < attempts) return false;
  if (now - c.lastFailure >= blockMs) {
    map.delete(key); // block served: start counting afresh
    return false;
  }
  return true;
}

function bump(map: Map<string, Counter>, key: string, now: number): void {
  const c = map.get(key) ?? { failures: 0, lastFailure: now };
  c.failures += 1;
  c.lastFailure = now;
  map.set(key, c);
}

export const BLOCK_MESSAGES = {
  'error-login-blocked-for-ip': 'Login has been temporarily blocked For IP',
  'error-login-blocked-for-user': 'Login has been temporarily blocked For User',
} as const;
