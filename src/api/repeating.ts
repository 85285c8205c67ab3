import { NotRocketChatError } from './errors.js';
import { NetworkError, TLS_CODES } from './network-errors.js';

/** Network failures that no next request to the same server can escape. */
const EVERY_REQUEST_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  ...TLS_CODES,
]);

/**
 * Whether every further request of a batch would fail the same way: a server that refuses
 * connections, a host that does not resolve, a certificate that does not verify, or a URL that is
 * not Rocket.Chat's API at all (a web page answering 200 or 404). Timeouts, resets and a proxy's
 * 5xx page can pass, so those stay one line's failure.
 */
export function failsEveryRequest(err: unknown): boolean {
  if (err instanceof NetworkError) return err.code !== undefined && EVERY_REQUEST_CODES.has(err.code);
  if (err instanceof NotRocketChatError) return err.status < 500;
  return false;
}
