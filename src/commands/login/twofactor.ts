import { LoginError, passwordLogin, type LoginResult, type TwoFactorDetails } from '../../api/auth.js';
import type { RocketChatClient } from '../../api/client.js';
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { promptLine } from '../../prompt.js';
import { clean } from '../../render/text.js';

/** Codes a person may type on a terminal before rcuser gives up, like the server's own clients. */
export const MAX_TTY_TRIES = 3;

/** What to ask for, in the words of the server's `details.method`. */
export function codePrompt(details: TwoFactorDetails | undefined): string {
  if (details?.method === 'email') {
    const who = details.emailOrUsername ? ` to ${clean(details.emailOrUsername, 200)}` : '';
    return `Two-factor code sent by e-mail${who}: `;
  }
  if (details?.method === 'totp') return 'Two-factor code from your authenticator app: ';
  return 'Two-factor code: ';
}

/** For a script, what the server asked for and how to pass it. */
function codeNeeded(server: string, details: TwoFactorDetails | undefined, retry: string): AuthError {
  const what =
    details?.method === 'email'
      ? `a two-factor code, sent by e-mail${details.emailOrUsername ? ` to ${clean(details.emailOrUsername, 200)}` : ''}`
      : details?.method === 'totp'
        ? 'a two-factor code from your authenticator app'
        : 'a two-factor code';
  return new AuthError(`${server} asks for ${what}`, `there is no terminal to ask for it: run \`${retry} --code <code>\` (or set RCUSER_2FA_CODE)`);
}

/**
 * Log in, answering the server's two-factor challenge: ask on a terminal (up to three wrong codes),
 * else use the code given up front, else fail naming --code. Other failures pass through.
 */
export async function loginWithSecondFactor(
  ctx: Context,
  client: RocketChatClient,
  user: string,
  password: string,
  givenCode: string | undefined,
  /** The `rcuser login …` that repeats this login (server, user, profile): hints name it whole. */
  retry = 'rcuser login',
): Promise<LoginResult> {
  let code = givenCode;
  let typed = 0;
  // A totp-invalid answer names only the method; keep the first challenge's "sent to" for the prompt.
  let details: TwoFactorDetails | undefined;
  for (;;) {
    try {
      return await passwordLogin(client, { user, password, code });
    } catch (err) {
      if (!(err instanceof LoginError)) throw err;
      if (err.failure === 'totp-required' || err.failure === 'totp-invalid') {
        if (err.failure === 'totp-required' || !details) details = err.details;
        if (!ctx.io.canPrompt()) {
          if (err.failure === 'totp-required') throw codeNeeded(client.server, details, retry);
          throw new AuthError('the two-factor code was not accepted', `run \`${retry} --code <code>\` with a current code (or set RCUSER_2FA_CODE)`);
        }
        if (err.failure === 'totp-invalid') {
          if (typed >= MAX_TTY_TRIES) throw new AuthError(`the two-factor code was not accepted (${MAX_TTY_TRIES} tries)`, `run \`${retry}\` to try again`);
          ctx.io.stderr.write('That code was not accepted; try again.\n');
        }
        code = await askCode(ctx, details);
        typed++;
        continue;
      }
      throw withRetry(err, retry);
    }
  }
}

async function askCode(ctx: Context, details: TwoFactorDetails | undefined): Promise<string> {
  for (;;) {
    const code = await promptLine(ctx.io, codePrompt(details));
    if (code) return code;
  }
}

/** The server's refusals, with the one command that tries again (a bare `rcuser login` would renew another profile). */
function withRetry(err: LoginError, retry: string): AuthError | LoginError {
  switch (err.failure) {
    case 'bad-credentials':
      return new AuthError(err.message, `check both (the username may also be an e-mail address), then run \`${retry}\``, { cause: err });
    case 'ambiguous':
      return new AuthError(err.message, `check both, then run \`${retry}\`; if your account uses two-factor authentication, add --code <code>`, { cause: err });
    case 'totp-max-attempts':
      return new AuthError(err.message, `run \`${retry}\` to have a new code sent`, { cause: err });
    default:
      return err;
  }
}
