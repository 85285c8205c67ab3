import { bool, readGlobals, type GlobalOptions, type ParsedFlags } from '../../options.js';

export interface StatusOptions extends GlobalOptions {
  json?: boolean;
}

export function readStatusOptions(o: ParsedFlags): StatusOptions {
  return { ...readGlobals(o), json: bool(o.json) };
}
