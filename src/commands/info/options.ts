import type { GlobalOptions } from '../../client-factory.js';
import type { InfoFlags } from './lookup.js';

export interface InfoOptions extends InfoFlags, GlobalOptions {
  rooms?: boolean;
  json?: boolean;
  concurrency?: number;
  maxWait?: number;
}
