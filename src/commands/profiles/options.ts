import { bool, type ParsedFlags } from '../../cmdutil/flags.js';

export interface ProfilesOptions {
  json?: boolean;
}

export function readProfilesOptions(o: ParsedFlags): ProfilesOptions {
  return { json: bool(o.json) };
}
