import type { IncomingMessage } from 'node:http';
import type { LoginBlocker } from './login-block.js';
import type { Doc } from './seed.js';
import type { FakeState, TokenRecord } from './state.js';
import type { ServerVersion } from './versions.js';

/** Everything a route handler needs for one request. */
export interface Ctx {
  req: IncomingMessage;
  state: FakeState;
  version: ServerVersion;
  /** Site_Url: the server's own base URL, used for absolute avatar URLs. */
  baseUrl: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  ip: string;
  auth?: { user: Doc; token: TokenRecord };
  blocker?: LoginBlocker;
  emailVerification?: boolean;
  /** What /api/info reports as `version` when it is not the real one; null leaves it out. */
  infoVersion?: string | null;
}
