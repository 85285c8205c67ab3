/**
 * The useful, non-secret part of a user's `services` (only ever sent for yourself): which second
 * factors are on, and how the account signs in. Never a value from inside a provider's entry.
 */

/** Keys that hold Rocket.Chat's own state, not a sign-in provider (rocketchat-api.md §9). */
const NOT_PROVIDERS = new Set(['password', 'resume', 'totp', 'email2fa', 'email', 'emailCode', 'passwordHistory']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const enabled = (v: unknown): boolean => isRecord(v) && v.enabled === true;

export interface ServicesSummary {
  /** `totp`, `email`, in the server's preference order; empty: 2FA is off. */
  twoFactor: string[];
  /** `password` (a local password exists), then each linked provider by its key (`google`, `saml`, …). */
  signIn: string[];
}

/** undefined when there is no `services` object (someone else's profile): nothing is known then. */
export function summarizeServices(services: unknown): ServicesSummary | undefined {
  if (!isRecord(services)) return undefined;
  const twoFactor = [enabled(services.totp) && 'totp', enabled(services.email2fa) && 'email'].filter((m): m is string =>
    Boolean(m),
  );
  // users.info sends `password: true`; /me sends `password: {exists: bool}`; a hash counts too.
  const pw = services.password;
  const hasPassword = pw === true || (isRecord(pw) && (pw.exists === true || typeof pw.bcrypt === 'string'));
  const providers = Object.keys(services).filter((k) => !NOT_PROVIDERS.has(k));
  return { twoFactor, signIn: [...(hasPassword ? ['password'] : []), ...providers] };
}

const METHOD_WORDS: Record<string, string> = { totp: 'authenticator app', email: 'e-mail codes' };

/** "authenticator app", "e-mail codes", both, or "off". */
export function describeTwoFactor(methods: string[]): string {
  return methods.length ? methods.map((m) => METHOD_WORDS[m] ?? m).join(', ') : 'off';
}

/** "password, google"; "none shown" when the server listed nothing. */
export function describeSignIn(signIn: string[]): string {
  return signIn.length ? signIn.join(', ') : 'none shown';
}
