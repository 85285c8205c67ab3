import type { GlobalOptions } from '../../session.js';
import type { InfoFlags } from './lookup.js';

export interface InfoOptions extends InfoFlags, GlobalOptions {
  rooms?: boolean;
  json?: boolean;
  concurrency?: number;
  maxWait?: number;
}
