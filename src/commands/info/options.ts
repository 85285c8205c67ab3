import { bool, num, readFormatOptions, readGlobals, str, type FormatOptions, type GlobalOptions, type ParsedFlags } from '../../cmdutil/flags.js';
import type { InfoFlags } from './lookup.js';

export interface InfoOptions extends InfoFlags, GlobalOptions, FormatOptions {
  rooms?: boolean;
  teams?: boolean;
  concurrency?: number;
  maxWait?: number;
}

export function readInfoOptions(o: ParsedFlags): InfoOptions {
  return {
    ...readGlobals(o),
    ...readFormatOptions(o),
    username: str(o.username),
    userId: str(o.userId),
    importId: str(o.importId),
    email: str(o.email),
    rooms: bool(o.rooms),
    teams: bool(o.teams),
    concurrency: num(o.concurrency),
    maxWait: num(o.maxWait),
  };
}
