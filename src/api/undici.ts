/**
 * undici's index loads every part of it (fetch, websockets, caches, mocks): about three times the
 * start-up cost of the pieces rcuser uses. A CLI pays that on every run, so take only these.
 */
import { setFlagsFromString } from 'node:v8';
import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import apiRequest from 'undici/lib/api/api-request.js';
import apiConnect from 'undici/lib/api/api-connect.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';

// undici's index puts its API methods on Dispatcher.prototype; ProxyAgent relies on `connect` to
// open CONNECT tunnels. Loading the parts one by one skips that, so install the one it needs.
const proto = DispatcherBase.prototype as unknown as { connect?: unknown };
proto.connect ??= apiConnect;

export { Agent, EnvHttpProxyAgent };
export type { Dispatcher };

let liftoffOnly = false;

/**
 * undici parses HTTP with llhttp compiled to WebAssembly. V8 compiles it at once with its baseline
 * compiler (Liftoff), then re-optimises hot functions on background threads, and a process that is
 * done still waits for those threads: about 100 ms at the end of every short run on Node 20
 * (--cpu-prof: idle after the dispatcher is destroyed). Liftoff's code is fast enough for a CLI.
 * Set when the first transport opens rather than at start-up: set before the bundle loaded, the
 * flag cost every lookup 3-7 ms on each Node line, and --help (which needs no HTTP) 1-3 ms.
 */
export function useLiftoffOnly(): void {
  if (liftoffOnly) return;
  setFlagsFromString('--liftoff-only');
  liftoffOnly = true;
}

export function send(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, options);
}
