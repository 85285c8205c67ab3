/** Rocket.Chat's default Accounts_LoginExpiration. */
export const LOGIN_EXPIRY_DAYS = 90;

/** Whole days since a profile was stored (its login token was made then), or null when unknown. */
export function ageDays(storedAt: string | undefined, now: number): number | null {
  const t = storedAt ? Date.parse(storedAt) : NaN;
  return Number.isNaN(t) ? null : Math.max(0, Math.floor((now - t) / 86_400_000));
}
