import { bool, readGlobals, type GlobalOptions, type ParsedFlags } from '../../cmdutil/flags.js';

export interface StatusOptions extends GlobalOptions {
  json?: boolean;
}

export function readStatusOptions(o: ParsedFlags): StatusOptions {
  return { ...readGlobals(o), json: bool(o.json) };
}
