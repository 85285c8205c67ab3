/**
 * Credentials out of a user object's `services`, on the raw JSON text (cli-contract.md: every
 * credential becomes "[redacted]", the key stays, every other byte stays as the server sent it).
 *
 * A self lookup returns `services` (rocketchat-api.md §9): TOTP secret, backup-code hashes, login-token
 * hashes, password history, e-mail tokens and codes, and one key per sign-in provider, where OAuth
 * providers keep their access, refresh and id tokens. Providers are open-ended (custom OAuth), so a
 * key rule catches what no list could; the known paths catch what the rule's words would miss.
 *
 * A leaf module: no imports, so any output (info, batches, search, list) can call it.
 */

export const REDACTED = '"[redacted]"';

/** A key under `services` that names a credential, at any depth. */
export const CREDENTIAL_KEY =
  /token|secret|hash|code|passw|pwd|bcrypt|jwt|key|salt|session|credential|cookie|nonce|signature|bearer/i;

/**
 * Paths under `services` whose value is always a credential (whatever its key says), `*` for any
 * one key. `resume` holds every login token, `saml.idpSession` the IdP's session, `passwordHistory`
 * bcrypt hashes, `email.verificationTokens` the links that verify an address.
 */
export const KNOWN_PATHS: readonly string[] = [
  'totp.secret',
  'totp.hashedBackup',
  'resume',
  'passwordHistory',
  'password.bcrypt',
  'email.verificationTokens',
  'emailCode',
  'email2fa.code',
  'saml.idpSession',
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
  '*.accessTokenSecret',
];

/** Whether the value at `path` (keys below `services`) is a credential. */
export function isCredentialPath(path: readonly string[]): boolean {
  let node: PathNode | undefined;
  for (const key of path) node = { key, up: node, depth: (node?.depth ?? 0) + 1 };
  return node !== undefined && isCredential(node);
}

/** A key path as a linked list, so a path 100,000 keys deep costs one node per key, not a copy each. */
interface PathNode {
  key: string;
  up: PathNode | undefined;
  depth: number;
}

const PATTERNS = KNOWN_PATHS.map((p) => p.split('.'));

function isCredential(node: PathNode): boolean {
  return PATTERNS.some((p) => matches(p, node)) || CREDENTIAL_KEY.test(node.key);
}

function matches(pattern: string[], node: PathNode): boolean {
  if (pattern.length !== node.depth) return false;
  let n: PathNode | undefined = node;
  for (let k = pattern.length - 1; k >= 0; k--, n = n!.up)
    if (pattern[k] !== '*' && pattern[k] !== n!.key) return false;
  return true;
}

/** Text rcuser could not check for credentials: it must not be printed. */
export class RedactionError extends Error {}

/**
 * The user object's JSON text with every credential value under its top-level `services` replaced
 * by "[redacted]". Booleans and null are kept (`password: true`, `totp.enabled`): no secret fits
 * in them. A `services` that is not an object (an array, a string, a number) is redacted whole, and
 * so is one the walk fails on for any reason: it fails closed, never open. Text that is not a JSON
 * object comes back unchanged; text that is not JSON at all, where `services` may be, throws
 * RedactionError (callers pass text the server's body already parsed as, so that is never reached).
 */
export function redactUserJson(json: string): string {
  // Most users have no `services` (only self lookups do): skip the walk. A key spelled with escapes
  // ("serv\u0069ces") still decodes to it, and only a \u escape can make a letter, so either one
  // means a full walk.
  if (!json.includes('services') && !json.includes('\\u')) return json;
  const s = new Scanner(json);
  try {
    s.space();
    if (json[s.i] !== '{') return json;
    s.members((key, start) => {
      if (key === 'services') redactServices(s, start);
      else s.value();
    });
    return s.result();
  } catch (err) {
    throw new RedactionError(`not JSON where credentials may be: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The value of `services` at `start`: walked, or on anything unexpected, replaced whole. */
function redactServices(s: Scanner, start: number): void {
  const c = s.text[start];
  if (c === 't' || c === 'f' || c === 'n') {
    s.value();
    return;
  }
  const mark = s.mark();
  try {
    if (c !== '{') throw new SyntaxError('services is not an object');
    walk(s);
  } catch {
    // Fail closed: whatever went wrong (a shape never seen, memory), the whole value goes.
    s.undo(mark);
    s.i = start;
    s.replace(start, s.value(), REDACTED);
  }
}

interface Frame {
  array: boolean;
  /** Array items keep the array's path: `loginTokens[0].hashedToken` is judged as `loginTokens.hashedToken`. */
  path: PathNode | undefined;
  first: boolean;
}

/**
 * Walk the object at `s.i`, redacting by path. Iterative, with its own stack: a server can nest
 * `services` 100,000 deep (JSON.parse takes that), and a recursive walk would overflow there.
 */
function walk(s: Scanner): void {
  const t = s.text;
  const stack: Frame[] = [{ array: false, path: undefined, first: true }];
  s.i++; // {
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const close = top.array ? ']' : '}';
    s.space();
    if (top.first) {
      top.first = false;
      if (t[s.i] === close) {
        s.i++;
        stack.pop();
        continue;
      }
    } else if (t[s.i] === ',') {
      s.i++;
      s.space();
    } else if (t[s.i] === close) {
      s.i++;
      stack.pop();
      continue;
    } else throw new SyntaxError(top.array ? 'bad array' : 'bad object');
    let path = top.path;
    if (!top.array) {
      const key = s.string();
      s.space();
      if (t[s.i] !== ':') throw new SyntaxError('expected :');
      s.i++;
      s.space();
      path = { key, up: path, depth: (path?.depth ?? 0) + 1 };
      const c = t[s.i];
      const plain = c === 't' || c === 'f' || c === 'n';
      if (!plain && isCredential(path)) {
        const start = s.i;
        s.replace(start, s.value(), REDACTED);
        continue;
      }
    }
    const c = t[s.i];
    if (c === '{' || c === '[') {
      s.i++;
      stack.push({ array: c === '[', path, first: true });
    } else s.value();
  }
}

class Scanner {
  i = 0;
  private readonly edits: Array<[number, number, string]> = [];
  constructor(readonly text: string) {}

  space(): void {
    const t = this.text;
    while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\n' || t[this.i] === '\r' || t[this.i] === '\t'))
      this.i++;
  }

  string(): string {
    const start = this.i;
    this.skipString();
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  /** Past the string at `i`, without decoding it (a value that is skipped needs no valid escapes). */
  skipString(): void {
    const t = this.text;
    if (t[this.i] !== '"') throw new SyntaxError('expected a string');
    let i = this.i + 1;
    while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
    if (i >= t.length) throw new SyntaxError('unterminated string');
    this.i = i + 1;
  }

  /** Skip one value; returns the index just past it. */
  value(): number {
    const t = this.text;
    const c = t[this.i];
    if (c === '"') this.skipString();
    else if (c === '{' || c === '[') {
      let depth = 0;
      while (this.i < t.length) {
        const ch = t[this.i];
        if (ch === '"') {
          this.skipString();
          continue;
        }
        this.i++;
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          if (--depth === 0) break;
        }
      }
      if (depth !== 0) throw new SyntaxError('unterminated value');
    } else {
      const start = this.i;
      while (this.i < t.length && !',}] \n\r\t'.includes(t[this.i]!)) this.i++;
      if (this.i === start) throw new SyntaxError('expected a value');
    }
    return this.i;
  }

  /** Walk the members of the object at `i`; `each` must consume the value that starts at `start`. */
  members(each: (key: string, start: number) => void): void {
    const t = this.text;
    this.i++; // {
    this.space();
    if (t[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      const key = this.string();
      this.space();
      if (t[this.i] !== ':') throw new SyntaxError('expected :');
      this.i++;
      this.space();
      each(key, this.i);
      this.space();
      if (t[this.i] === ',') this.i++;
      else if (t[this.i] === '}') {
        this.i++;
        return;
      } else throw new SyntaxError('bad object');
    }
  }

  mark(): number {
    return this.edits.length;
  }

  undo(mark: number): void {
    this.edits.length = mark;
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push([start, end, text]);
  }

  result(): string {
    if (this.edits.length === 0) return this.text;
    let out = '';
    let at = 0;
    for (const [start, end, text] of this.edits) {
      out += this.text.slice(at, start) + text;
      at = end;
    }
    return out + this.text.slice(at);
  }
}
