import { hideUserinfoInText } from '../lib/redact-url.js';
import { clean } from './text.js';

/**
 * The last safeguard for a message on stderr: whatever a server put into it (an `error` field
 * carrying ESC sequences or bidi overrides) is shown as visible escapes, and no URL in it keeps a
 * user name or password. Idempotent: text already cleaned has nothing left to escape.
 */
export function safeMessage(text: string): string {
  return hideUserinfoInText(clean(text, 2000));
}
