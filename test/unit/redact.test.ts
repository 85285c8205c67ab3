import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCredentialPath, RedactionError, redactUserJson } from '../../src/lib/redact.js';

// Pinned, so a run is repeatable; FC_SEED=<n> tries another (fast-check prints the seed and path of a failure).
const SEED = Number(process.env.FC_SEED ?? 20261202);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The same rule on parsed values, written independently of the text scanner. */
function refWalk(value: Json, path: string[]): Json {
  if (Array.isArray(value)) return value.map((x) => refWalk(x, path));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const here = [...path, k];
      const plain = v === null || typeof v === 'boolean';
      return [k, !plain && isCredentialPath(here) ? '[redacted]' : refWalk(v, here)];
    }),
  );
}
function refRedact(user: Json): Json {
  if (!isObject(user)) return user;
  const services = (v: Json): Json =>
    isObject(v) ? refWalk(v, []) : v === null || typeof v === 'boolean' ? v : '[redacted]';
  return Object.fromEntries(Object.entries(user).map(([k, v]) => [k, k === 'services' ? services(v) : v]));
}

// Keys a real `services` has, credential or not, plus whatever fast-check makes up.
const serviceKey = fc.oneof(
  fc.constantFrom(
    'password',
    'bcrypt',
    'totp',
    'enabled',
    'secret',
    'hashedBackup',
    'resume',
    'loginTokens',
    'hashedToken',
    'when',
    'email',
    'verificationTokens',
    'address',
    'google',
    'accessToken',
    'refreshToken',
    'idToken',
    'id',
    'expiresAt',
    'emailCode',
    'passwordHistory',
    'saml',
    'idpSession',
    'oidc-corp',
    'jwt',
    'name',
  ),
  fc.string({ maxLength: 6 }),
);
const leaf = [
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
];
const servicesArb = fc.anything({
  key: serviceKey,
  values: leaf,
  maxDepth: 4,
  withBoxedValues: false,
  withMap: false,
  withSet: false,
  withDate: false,
  withTypedArray: false,
  withSparseArray: false,
  withObjectString: false,
  withNullPrototype: false,
  withBigInt: false,
}) as fc.Arbitrary<Json>;
const userArb = fc.record({
  _id: fc.string(),
  before: fc.jsonValue() as fc.Arbitrary<Json>,
  services: servicesArb,
  after: fc.jsonValue() as fc.Arbitrary<Json>,
  // The same keys outside `services` are data, not credentials: they must stay.
  other: fc.record({ services: fc.record({ accessToken: fc.string() }), token: fc.string() }),
});

describe('redactUserJson: the rule', () => {
  const self = {
    _id: 'TnaTtp4QwErTy5uXz',
    services: {
      password: true,
      totp: { enabled: true, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', hashedBackup: ['a1', 'b2'] },
      email2fa: { enabled: true, changedAt: '2024-01-15T09:31:00.000Z' },
      resume: { loginTokens: [{ when: '2024-01-01T00:00:00.000Z', hashedToken: 'h1' }] },
      passwordHistory: ['$2b$10$x'],
      email: { verificationTokens: [{ token: 't1', address: 'a@b.c', when: '2024-01-01' }] },
      emailCode: [{ code: 'c1', expire: '2024-01-01' }],
      google: {
        id: '1234',
        accessToken: 'ya29.x',
        refreshToken: '1//r',
        idToken: 'eyJ.x',
        expiresAt: 1700000000000,
        email: 'x@gmail.com',
      },
      'oidc-corp': { id: 'corp-7', jwt: 'eyJ.corp', access_token: 'at', username: 'tina' },
      saml: { provider: 'okta', idpSession: 'sess-1', nameID: 'tina@corp' },
    },
    username: 'tina.totp',
  };

  it('replaces each credential, whatever its type, and keeps everything else', () => {
    const out = JSON.parse(redactUserJson(JSON.stringify(self)));
    expect(out.services).toEqual({
      password: true,
      totp: { enabled: true, secret: '[redacted]', hashedBackup: '[redacted]' },
      email2fa: { enabled: true, changedAt: '2024-01-15T09:31:00.000Z' },
      resume: '[redacted]',
      passwordHistory: '[redacted]',
      email: { verificationTokens: '[redacted]' },
      emailCode: '[redacted]',
      google: {
        id: '1234',
        accessToken: '[redacted]',
        refreshToken: '[redacted]',
        idToken: '[redacted]',
        expiresAt: 1700000000000,
        email: 'x@gmail.com',
      },
      'oidc-corp': { id: 'corp-7', jwt: '[redacted]', access_token: '[redacted]', username: 'tina' },
      saml: { provider: 'okta', idpSession: '[redacted]', nameID: 'tina@corp' },
    });
    expect(out._id).toBe(self._id);
    expect(out.username).toBe(self.username);
  });

  it('a stored password hash is redacted; `password: true` is not a credential', () => {
    expect(redactUserJson('{"services":{"password":{"bcrypt":"$2b$10$abc"}}}')).toBe(
      '{"services":{"password":"[redacted]"}}',
    );
    expect(redactUserJson('{"services":{"password":true}}')).toBe('{"services":{"password":true}}');
  });

  it('a provider never seen before is caught by its key names', () => {
    expect(
      redactUserJson('{"services":{"zz-sso":{"sessionCookie":"c","apiKey":"k","clientSecret":"s","uid":"u"}}}'),
    ).toBe(
      '{"services":{"zz-sso":{"sessionCookie":"[redacted]","apiKey":"[redacted]","clientSecret":"[redacted]","uid":"u"}}}',
    );
  });

  it('keeps spacing, escapes, number spellings and key order byte for byte', () => {
    const raw =
      '{ "10":1.0e5 , "services" : {\n "\\u0074otp":{"secret" : "S\\"x" ,"enabled":true},"2":-0.10},"n":12345678901234567890 }';
    expect(redactUserJson(raw)).toBe(
      '{ "10":1.0e5 , "services" : {\n "\\u0074otp":{"secret" : "[redacted]" ,"enabled":true},"2":-0.10},"n":12345678901234567890 }',
    );
  });

  it('finds `services` spelled with escapes, which the quick check for the word must not skip', () => {
    const raw = '{"_id":"u1","serv\\u0069ces":{"resume":{"loginTokens":[{"hashedToken":"h"}]}}}';
    expect(redactUserJson(raw)).toBe('{"_id":"u1","serv\\u0069ces":{"resume":"[redacted]"}}');
    const all = '{"\\u0073\\u0065\\u0072\\u0076\\u0069\\u0063\\u0065\\u0073":{"totp":{"secret":"S"}}}';
    expect(redactUserJson(all)).toBe(
      '{"\\u0073\\u0065\\u0072\\u0076\\u0069\\u0063\\u0065\\u0073":{"totp":{"secret":"[redacted]"}}}',
    );
  });

  it('only the top-level `services` of a user is looked at', () => {
    const raw = '{"customFields":{"token":"keep"},"rooms":[{"services":{"secret":"keep"}}]}';
    expect(redactUserJson(raw)).toBe(raw);
  });

  it('text that is not a JSON object comes back unchanged', () => {
    for (const t of ['', '[]', '"x"', 'null', '{"services":null}', '{"services":false}'])
      expect(redactUserJson(t)).toBe(t);
  });

  it('RD1 text that is not JSON where `services` may be is refused, never returned as it was', () => {
    for (const t of ['{"services":{"secret":', '{"a":1,"services"', '{"services":{"x":[{"token":"t"}}']) {
      expect(() => redactUserJson(t)).toThrow(RedactionError);
    }
  });
});

describe('redactUserJson: objects inside arrays under services (examples)', () => {
  it("RD2 an object in an array is judged by the array's path plus its own keys", () => {
    expect(
      redactUserJson('{"services":{"oidc":[{"id":"1","accessToken":"AT1"},{"id":"2","accessToken":"AT2"}]}}'),
    ).toBe('{"services":{"oidc":[{"id":"1","accessToken":"[redacted]"},{"id":"2","accessToken":"[redacted]"}]}}');
    expect(redactUserJson('{"services":{"x":[[{"token":"T"}],{"y":[{"secret":"S","ok":"o"}]}]}}')).toBe(
      '{"services":{"x":[[{"token":"[redacted]"}],{"y":[{"secret":"[redacted]","ok":"o"}]}]}}',
    );
  });

  it('RD2 a known path reached through an array: `*.accessToken` matches `google[0].accessToken`', () => {
    expect(redactUserJson('{"services":{"google":[{"accessToken":"A","email":"e"}]}}')).toBe(
      '{"services":{"google":[{"accessToken":"[redacted]","email":"e"}]}}',
    );
  });
});

describe('redactUserJson: fails closed (catalog RD3–RD5)', () => {
  const SECRET = 'JBSWY3DPEHPK3PXPTOTPSECRET';
  const totp = `"totp":{"enabled":true,"secret":"${SECRET}"}`;

  it('RD3 services beside an object 3,000 deep and an array 10,000 deep: walked, the secret redacted', () => {
    const deepObject = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    const deepArray = '['.repeat(10000) + ']'.repeat(10000);
    for (const text of [
      `{"services":{"deep":${deepObject},${totp}}}`,
      `{"services":{${totp},"deep":${deepArray}}}`,
      `{"services":{"deep":[${deepObject}],${totp}}}`,
    ]) {
      const out = redactUserJson(text);
      expect(out).not.toContain(SECRET);
      expect(out).toContain('"secret":"[redacted]"');
      expect(JSON.parse(out)).toBeTruthy();
    }
  });

  it('RD3 a credential key 100,000 deep is still found', () => {
    const text = `{"services":${'{"a":'.repeat(100000)}{"secret":"${SECRET}"}${'}'.repeat(100000)}}`;
    const out = redactUserJson(text);
    expect(out).not.toContain(SECRET);
    expect(out.length).toBe(text.length - SECRET.length + '[redacted]'.length);
  });

  it('RD4 `services` as an array, a string or a number: redacted whole', () => {
    expect(redactUserJson(`{"_id":"u","services":[{${totp}}],"n":1}`)).toBe(
      '{"_id":"u","services":"[redacted]","n":1}',
    );
    expect(redactUserJson(`{"services":"${SECRET}"}`)).toBe('{"services":"[redacted]"}');
    expect(redactUserJson('{"services":123456}')).toBe('{"services":"[redacted]"}');
  });

  it('RD5 anything failing inside the walk redacts the whole `services` value', () => {
    // A key with an invalid escape: the scanner's own JSON.parse of the key throws mid-walk.
    const text = `{"_id":"u","services":{${totp},"bad\\x":{"token":"T"}},"username":"u"}`;
    expect(redactUserJson(text)).toBe('{"_id":"u","services":"[redacted]","username":"u"}');
  });
});

describe('redactUserJson: properties (fast-check)', () => {
  it("equals an independent redaction of the parsed value, printed the same way: every other byte is the server's", () => {
    fc.assert(
      fc.property(userArb, fc.constantFrom(undefined, 0, 1, 2, '\t'), (user, space) => {
        const text = JSON.stringify(user, null, space);
        expect(redactUserJson(text)).toBe(JSON.stringify(refRedact(user), null, space));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('is idempotent and never throws on any JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const once = redactUserJson(text);
        expect(redactUserJson(once)).toBe(once);
        expect(() => JSON.parse(once)).not.toThrow();
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
