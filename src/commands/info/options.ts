import { bool, num, readGlobals, str, type GlobalOptions, type ParsedFlags } from '../../cmdutil/flags.js';
import type { InfoFlags } from './lookup.js';

export interface InfoOptions extends InfoFlags, GlobalOptions {
  rooms?: boolean;
  json?: boolean;
  concurrency?: number;
  maxWait?: number;
}

export function readInfoOptions(o: ParsedFlags): InfoOptions {
  return {
    ...readGlobals(o),
    username: str(o.username),
    userId: str(o.userId),
    importId: str(o.importId),
    email: str(o.email),
    rooms: bool(o.rooms),
    json: bool(o.json),
    concurrency: num(o.concurrency),
    maxWait: num(o.maxWait),
  };
}
