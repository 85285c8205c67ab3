import { createHash } from 'node:crypto';
import type { Doc } from './seed.js';
import { emailsOf, servicesOf, type FakeState } from './state.js';
import { verifyTotp } from './totp.js';

/** Accounts_TwoFactorAuthentication_Max_Invalid_Email_Code_Attempts default. */
const MAX_EMAIL_ATTEMPTS = 5;
/** An email code with more than this left is reused instead of sending a new one. */
const REUSE_IF_VALID_FOR_MS = 5 * 60_000;

export type TwoFactorResult =
  | { ok: true }
  | {
      ok: false;
      error: 'totp-required' | 'totp-invalid' | 'totp-max-attempts';
      message: string;
      details: Record<string, unknown>;
    };

const MESSAGES = {
  'totp-required': 'TOTP Required',
  'totp-invalid': 'TOTP Invalid',
  'totp-max-attempts': 'TOTP Maximun Failed Attempts Reached', // sic, as the server spells it
} as const;

const fail = (error: keyof typeof MESSAGES, details: Record<string, unknown>): TwoFactorResult => ({
  ok: false,
  error,
  message: MESSAGES[error],
  details,
});

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Enabled methods in the server's preference order: totp before email. */
export function enabledMethods(user: Doc): Array<'totp' | 'email'> {
  const s = servicesOf(user);
  const methods: Array<'totp' | 'email'> = [];
  if (s.totp?.enabled) methods.push('totp');
  if (s.email2fa?.enabled && emailsOf(user).some((e) => e.verified)) methods.push('email');
  return methods;
}

/**
 * The second-factor check. Login uses it without password fallback (users without 2FA pass);
 * twoFactorRequired endpoints allow the `password` method (code = sha256 hex of the password).
 */
export function checkSecondFactor(
  state: FakeState,
  user: Doc,
  code: string | undefined,
  opts: { passwordFallback: boolean; method?: string },
): TwoFactorResult {
  const userId = user._id as string;
  const password = state.passwordOf(userId);
  // availableMethods lists only totp and email: the password fallback is never "available"
  // (getAvailableMethodNames in apps/meteor/app/2fa/server/code/index.ts).
  const available: string[] = enabledMethods(user);
  let method: string;
  if (opts.method && ['totp', 'email'].includes(opts.method)) method = opts.method;
  else if (available.length > 0) method = available[0]!;
  else if (opts.passwordFallback && password !== undefined) method = 'password';
  else return { ok: true };

  // processInvalidCode runs before the code is looked at, so its data rides on every failure.
  const data = processInvalidCode(state, user, method);
  const details = { method, ...data, availableMethods: available };
  if (!code) return fail('totp-required', details);
  if (method === 'password') {
    return code.toLowerCase() === sha256Hex(password ?? '') ? { ok: true } : fail('totp-invalid', details);
  }
  if (method === 'totp') {
    return checkTotp(user, code) ? { ok: true } : fail('totp-invalid', details);
  }
  // EmailCheck.verify strips non-digits (apps/meteor/app/2fa/server/code/EmailCheck.ts).
  const digits = code.replace(/\D/g, '');
  const e = state.emailCodesOf(userId);
  const hit = e.codes.findIndex((c) => c.code === digits);
  if (hit >= 0) {
    e.codes = [];
    e.attempts = 0;
    return { ok: true };
  }
  e.attempts += 1;
  if (e.attempts >= MAX_EMAIL_ATTEMPTS) {
    e.codes = [];
    e.attempts = 0;
    return fail('totp-max-attempts', details);
  }
  return fail('totp-invalid', details);
}

/**
 * TOTP.verify (apps/meteor/app/2fa/server/lib/totp.ts): a token of exactly 8 characters is only ever
 * a backup code (its SHA-256 looked up in hashedBackup, removed on use: single use, case-sensitive);
 * anything else is a TOTP code compared exactly as sent (no trimming: "123 456" fails).
 */
function checkTotp(user: Doc, code: string): boolean {
  const totp = servicesOf(user).totp as { secret?: string; hashedBackup?: string[] } | undefined;
  if (code.length === 8) {
    const backups = Array.isArray(totp?.hashedBackup) ? totp.hashedBackup : [];
    const at = backups.indexOf(sha256Hex(code));
    if (at < 0) return false;
    backups.splice(at, 1);
    return true;
  }
  return typeof totp?.secret === 'string' && verifyTotp(totp.secret, code);
}

function processInvalidCode(state: FakeState, user: Doc, method: string): Record<string, unknown> {
  if (method !== 'email') return { codeGenerated: false };
  const e = state.emailCodesOf(user._id as string);
  const reusable = e.codes.find((c) => c.expiresAt.getTime() - Date.now() > REUSE_IF_VALID_FOR_MS);
  if (reusable) {
    return { emailOrUsername: user.username, codeGenerated: false, codeExpires: reusable.expiresAt.toISOString() };
  }
  state.generateEmailCode(user._id as string);
  return { codeGenerated: true, emailOrUsername: user.username };
}
