import { bool, readGlobals, type GlobalOptions, type ParsedFlags } from '../../options.js';

export interface WhoamiOptions extends GlobalOptions {
  json?: boolean;
}

export function readWhoamiOptions(o: ParsedFlags): WhoamiOptions {
  return { ...readGlobals(o), json: bool(o.json) };
}
