import { LoginError, passwordLogin, type LoginResult, type TwoFactorDetails } from '../../api/auth.js';
import type { RocketChatClient } from '../../api/client.js';
import type { Context } from '../../cmdutil/context.js';
import { AuthError } from '../../errors.js';
import { promptLine } from '../../iostreams/prompt.js';
import { clean } from '../../render/text.js';

/** Codes a person may type on a terminal before rcuser gives up, like the server's own clients. */
export const MAX_TTY_TRIES = 3;

/**
 * A code as people type it: authenticator apps show "123 456", e-mails "123-456". The server compares
 * TOTP codes exactly (rocketchat-api.md §9), so spaces and dashes go. Case stays: backup codes are
 * mixed-case and compared as they are.
 */
export function normalizeCode(code: string): string {
  return code.replace(/[\s\-\u2010-\u2015]/g, '');
}

/** What to ask for, in the words of the server's `details.method`. */
export function codePrompt(details: TwoFactorDetails | undefined): string {
  if (details?.method === 'email') {
    const who = details.emailOrUsername ? ` to ${clean(details.emailOrUsername, 200)}` : '';
    return `Two-factor code sent by e-mail${who}: `;
  }
  // Backup codes (8 characters, each works once) stand in for authenticator codes only.
  if (details?.method === 'totp') return 'Two-factor code from your authenticator app (or a backup code): ';
  return 'Two-factor code: ';
}

/** For a script, what the server asked for and how to pass it. */
function codeNeeded(server: string, details: TwoFactorDetails | undefined, retry: string): AuthError {
  const what =
    details?.method === 'email'
      ? `a two-factor code, sent by e-mail${details.emailOrUsername ? ` to ${clean(details.emailOrUsername, 200)}` : ''}`
      : details?.method === 'totp'
        ? 'a two-factor code from your authenticator app (or a backup code)'
        : 'a two-factor code';
  return new AuthError(
    `${server} asks for ${what}`,
    `there is no terminal to ask for it: run \`${retry} --code <code>\` (or set RCUSER_2FA_CODE)`,
  );
}

export interface LoginAttempt {
  user: string;
  password: string;
  /** --code or RCUSER_2FA_CODE, as given. */
  code?: string;
  /** Asks for the password again; only when it was typed at a terminal (not --password-stdin). */
  askPassword?: () => Promise<string>;
  /** The `rcuser login …` that repeats this login (server, user, profile): hints name it whole. */
  retry?: string;
}

/**
 * Log in, answering the server's questions at a terminal: a two-factor code (up to three wrong
 * ones), a mistyped password (three tries in all), and, where the server cannot tell a wrong
 * password from a missing code, a code the user may skip with Enter. Without a terminal, the
 * given code is used and every refusal passes through as the typed error it is.
 */
export async function loginWithSecondFactor(
  ctx: Context,
  client: RocketChatClient,
  attempt: LoginAttempt,
): Promise<LoginResult> {
  const { user } = attempt;
  let password = attempt.password;
  let code = attempt.code === undefined ? undefined : normalizeCode(attempt.code) || undefined;
  let codesTyped = 0;
  let passwordsTyped = 1;
  const retry = attempt.retry ?? 'rcuser login';
  // A totp-invalid answer names only the method; keep the first challenge's "sent to" for the prompt.
  let details: TwoFactorDetails | undefined;
  for (;;) {
    try {
      return await passwordLogin(client, { user, password, code });
    } catch (err) {
      if (!(err instanceof LoginError)) throw err;
      const tty = ctx.io.canPrompt();
      if (err.failure === 'totp-required' || err.failure === 'totp-invalid') {
        if (err.failure === 'totp-required' || !details) details = err.details;
        if (!tty) {
          if (err.failure === 'totp-required') throw codeNeeded(client.server, details, retry);
          throw new AuthError(
            'the two-factor code was not accepted',
            `run \`${retry} --code <code>\` with a current code (or set RCUSER_2FA_CODE); a backup code works once`,
          );
        }
        if (err.failure === 'totp-invalid') {
          if (codesTyped >= MAX_TTY_TRIES)
            throw new AuthError(
              `the two-factor code was not accepted (${MAX_TTY_TRIES} tries)`,
              `run \`${retry}\` to try again`,
            );
          ctx.io.stderr.write('That code was not accepted; try again.\n');
        }
        code = await askCode(ctx, details);
        codesTyped++;
        continue;
      }
      if (!tty || (err.failure !== 'ambiguous' && err.failure !== 'bad-credentials')) throw withRetry(err, retry);
      if (err.failure === 'ambiguous' && code === undefined && codesTyped < MAX_TTY_TRIES) {
        // Servers with the 9.0 API changes answer a missing code like a wrong password.
        const typed = normalizeCode(
          await promptLine(
            ctx.io,
            'The server refused the login; if your account uses two-factor authentication, enter a code (Enter to skip): ',
          ),
        );
        if (typed) {
          code = typed;
          codesTyped++;
          continue;
        }
      }
      if (!attempt.askPassword || passwordsTyped >= MAX_TTY_TRIES) throw withRetry(err, retry);
      ctx.io.stderr.write(
        err.failure === 'ambiguous' && code !== undefined
          ? 'The password or the code was wrong; try again.\n'
          : 'Wrong username or password; try again.\n',
      );
      password = await attempt.askPassword();
      passwordsTyped++;
      code = undefined;
    }
  }
}

async function askCode(ctx: Context, details: TwoFactorDetails | undefined): Promise<string> {
  for (;;) {
    const code = normalizeCode(await promptLine(ctx.io, codePrompt(details)));
    if (code) return code;
  }
}

/** The server's refusals, with the one command that tries again (a bare `rcuser login` would renew another profile). */
function withRetry(err: LoginError, retry: string): AuthError | LoginError {
  const hint = err.hint ?? '';
  switch (err.failure) {
    case 'bad-credentials':
      return new AuthError(err.message, hint.replace(' and try again', `, then run \`${retry}\``), { cause: err });
    case 'ambiguous':
      return new AuthError(err.message, hint.replace('check both;', `check both, then run \`${retry}\`;`), {
        cause: err,
      });
    case 'totp-max-attempts':
      return new AuthError(err.message, `run \`${retry}\` to have a new code sent`, { cause: err });
    default:
      return err;
  }
}
