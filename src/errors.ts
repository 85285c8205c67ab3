/** Exit codes are part of the contract (README: rcuser info, `rcuser help exit-codes`); scripts rely on them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the user: a message, an exit code and, where useful, what to do next. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  constructor(message: string, exitCode: number = ExitCode.failure, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

export class AuthError extends CliError {
  constructor(
    message: string,
    hint: string | undefined = 'run `rcuser login` to sign in again',
    options?: ErrorOptions,
  ) {
    super(message, ExitCode.auth, hint, options);
  }
}

export class NotFoundError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.notFound, hint);
  }
}

/** The process was asked to stop (Ctrl-C, or a prompt was aborted). */
export class InterruptedError extends CliError {
  /** `message`: how far the command got ("interrupted after 20 of 312 users"). */
  constructor(message = 'interrupted') {
    super(message, ExitCode.interrupted);
  }
}
