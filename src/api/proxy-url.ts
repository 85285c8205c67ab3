import { UsageError } from '../errors.js';
import { hideUserinfo } from '../lib/redact-url.js';

/**
 * A proxy variable as curl reads it: `127.0.0.1:3128` (no scheme) means `http://127.0.0.1:3128`.
 * Something that is not a URL even then is a usage error naming the variable, never its password.
 */
export function proxyUrl(value: string, name = 'the proxy variable'): string {
  const v = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(
      `${name} is not a valid proxy URL: "${hideUserinfo(v)}"`,
      `set it like ${name}=http://proxy.example.com:3128`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${name} names a ${url.protocol.slice(0, -1)} proxy; rcuser speaks to http:// and https:// proxies only`,
      `set it like ${name}=http://proxy.example.com:3128`,
    );
  }
  return withScheme;
}
