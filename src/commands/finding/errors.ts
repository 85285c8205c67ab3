import { ApiError } from '../../api/errors.js';
import { AuthError, CliError, ExitCode } from '../../errors.js';
import type { Target } from '../../session.js';
import { authHint } from '../info/run.js';

/** A 401 stops at once with the hint for where the credentials came from; a 403 names the permission. */
export function findingError(err: unknown, target: Target, what: string): unknown {
  if (err instanceof ApiError && err.exitCode === ExitCode.auth) return new AuthError(err.message, authHint(target), { cause: err });
  if (err instanceof ApiError && err.status === 403) {
    return new CliError(
      `${target.server} does not let you ${what} (HTTP 403: ${err.serverMessage})`,
      ExitCode.failure,
      'listing users needs the view-d-room permission (and view-outside-room where the server applies it to user lists); ask an administrator',
    );
  }
  return err;
}
