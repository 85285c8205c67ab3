/**
 * A URL's user name and password must never be echoed: not in "not a valid URL", not in a proxy
 * error, not from RCUSER_SERVER. These replace the userinfo part with `***`.
 */

/** `https://bob:pw@host/x` → `https://***@host/x`; also without a scheme (`bob:pw@host`). Greedy to the last `@` before the path. */
export function hideUserinfo(url: string): string {
  return url.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:)?\/\/|\s*)[^/?#\s]*@/i, '$1***@');
}

/** Every `scheme://user:pw@` inside a longer text (a message), hidden. */
export function hideUserinfoInText(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi, '$1***@');
}
