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
export const CREDENTIAL_KEY = /token|secret|hash|code|passw|pwd|bcrypt|jwt|key|salt|session|credential|cookie|nonce|signature|bearer/i;

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
  const key = path[path.length - 1];
  if (key === undefined) return false;
  if (KNOWN_PATHS.some((p) => matches(p.split('.'), path))) return true;
  return CREDENTIAL_KEY.test(key);
}

function matches(pattern: string[], path: readonly string[]): boolean {
  return pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

/**
 * The user object's JSON text with every credential value under its top-level `services` replaced
 * by "[redacted]". Booleans and null are kept (`password: true`, `totp.enabled`): no secret fits
 * in them. Text that is not a JSON object comes back unchanged.
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
      if (key === 'services' && json[start] === '{') redactObject(s, []);
      else s.value();
    });
    return s.result();
  } catch {
    return json; // not JSON: nothing here came from the server as a user object
  }
}

/** A value known to be a credential holder's container: walk it, redacting by path. */
function redactObject(s: Scanner, path: string[]): void {
  s.members((key, start) => {
    const here = [...path, key];
    const c = s.text[start];
    const plain = c === 't' || c === 'f' || c === 'n';
    if (!plain && isCredentialPath(here)) {
      const end = s.value();
      s.replace(start, end, REDACTED);
    } else if (c === '{') redactObject(s, here);
    else if (c === '[') redactArray(s, here);
    else s.value();
  });
}

/** Array items keep the array's path: `loginTokens[0].hashedToken` is judged as `loginTokens.hashedToken`. */
function redactArray(s: Scanner, path: string[]): void {
  s.i++; // [
  s.space();
  if (s.text[s.i] === ']') {
    s.i++;
    return;
  }
  for (;;) {
    s.space();
    const c = s.text[s.i];
    if (c === '{') redactObject(s, path);
    else if (c === '[') redactArray(s, path);
    else s.value();
    s.space();
    if (s.text[s.i] === ',') s.i++;
    else if (s.text[s.i] === ']') {
      s.i++;
      return;
    } else throw new SyntaxError('bad array');
  }
}

class Scanner {
  i = 0;
  private readonly edits: Array<[number, number, string]> = [];
  constructor(readonly text: string) {}

  space(): void {
    const t = this.text;
    while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\n' || t[this.i] === '\r' || t[this.i] === '\t')) this.i++;
  }

  string(): string {
    const t = this.text;
    const start = this.i;
    if (t[start] !== '"') throw new SyntaxError('expected a string');
    let i = start + 1;
    while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
    if (i >= t.length) throw new SyntaxError('unterminated string');
    this.i = i + 1;
    return JSON.parse(t.slice(start, this.i)) as string;
  }

  /** Skip one value; returns the index just past it. */
  value(): number {
    const t = this.text;
    const c = t[this.i];
    if (c === '"') this.string();
    else if (c === '{' || c === '[') {
      let depth = 0;
      while (this.i < t.length) {
        const ch = t[this.i];
        if (ch === '"') {
          this.string();
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
