import { bool, readGlobals, str, type GlobalOptions, type ParsedFlags } from '../../cmdutil/flags.js';

export interface LoginOptions extends GlobalOptions {
  username?: string;
  passwordStdin?: boolean;
  code?: string;
  tokenStdin?: boolean;
  userId?: string;
  name?: string;
  /** Replace a profile of the same name that holds another server or user. */
  replace?: boolean;
}

export function readLoginOptions(o: ParsedFlags): LoginOptions {
  return {
    ...readGlobals(o),
    username: str(o.username),
    passwordStdin: bool(o.passwordStdin),
    code: str(o.code),
    tokenStdin: bool(o.tokenStdin),
    userId: str(o.userId),
    name: str(o.name),
    replace: bool(o.replace),
  };
}
