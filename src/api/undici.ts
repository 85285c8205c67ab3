/**
 * undici's index loads every part of it (fetch, websockets, caches, mocks): about three times the
 * start-up cost of the pieces rcuser uses. A CLI pays that on every run, so take only these.
 */
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

export function send(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, options);
}
