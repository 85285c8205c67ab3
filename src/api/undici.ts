/**
 * undici's index loads every part of it (fetch, websockets, caches, mocks): about three times the
 * start-up cost of the pieces rcuser uses. A CLI pays that on every run, so take only these.
 */
import type { Dispatcher } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import apiRequest from 'undici/lib/api/api-request.js';

export { Agent, EnvHttpProxyAgent };
export type { Dispatcher };

export function send(dispatcher: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(dispatcher, options);
}
