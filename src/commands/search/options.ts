import { bool, num, readGlobals, type GlobalOptions, type ParsedFlags } from '../../options.js';

export interface SearchOptions extends GlobalOptions {
  json?: boolean;
  limit?: number;
  /** false with --no-pager. */
  pager?: boolean;
  maxWait?: number;
}

export function readSearchOptions(o: ParsedFlags): SearchOptions {
  return { ...readGlobals(o), json: bool(o.json), limit: num(o.limit), pager: bool(o.pager), maxWait: num(o.maxWait) };
}
