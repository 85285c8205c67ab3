import { bool, readGlobals, type GlobalOptions, type ParsedFlags } from '../../cmdutil/flags.js';

export interface WhoamiOptions extends GlobalOptions {
  json?: boolean;
}

export function readWhoamiOptions(o: ParsedFlags): WhoamiOptions {
  return { ...readGlobals(o), json: bool(o.json) };
}
