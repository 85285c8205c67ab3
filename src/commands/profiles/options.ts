import { bool, type ParsedFlags } from '../../options.js';

export interface ProfilesOptions {
  json?: boolean;
}

export function readProfilesOptions(o: ParsedFlags): ProfilesOptions {
  return { json: bool(o.json) };
}
