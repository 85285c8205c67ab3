import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  DEFAULT_FIELDS,
  FIELD_NAMES,
  parseFields,
  pick,
  pickAll,
  reduce,
  suggestField,
} from '../../src/export/fields.js';

const paths = (text: string) => parseFields(text).map((f) => f.path);

function usageError(text: string): UsageError {
  try {
    parseFields(text);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`parseFields(${JSON.stringify(text)}) did not throw`);
}

describe('--fields: parsing against the catalog', () => {
  it('takes top-level names, indexes, keys of list items and anything under customFields', () => {
    expect(
      paths('username,name,emails.0.address,emails.address,roles.1,customFields.department,customFields.a.b'),
    ).toEqual([
      'username',
      'name',
      'emails.0.address',
      'emails.address',
      'roles.1',
      'customFields.department',
      'customFields.a.b',
    ]);
  });

  it('trims spaces and keeps a field named twice once, in its first place', () => {
    expect(paths(' username , name,username')).toEqual(['username', 'name']);
  });

  it('a mistyped field is a usage error that names it and the field meant', () => {
    const err = usageError('username,emial');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe('unknown field "emial" in --fields (did you mean emails?)');
    expect(err.hint).toContain('rcuser help fields');
    expect(usageError('lastlogin').message).toContain('(did you mean lastLogin?)');
    expect(usageError('emials.0.adress').message).toContain('(did you mean emails.0.address?)');
    expect(usageError('emails.0.adress').message).toContain('(did you mean emails.0.address?)');
    expect(usageError('rooms.nmae').message).toContain('(did you mean rooms.name?)');
  });

  it('rejects what the catalog does not allow, without a far-fetched suggestion', () => {
    expect(usageError('xyzzyplugh').message).toBe('unknown field "xyzzyplugh" in --fields');
    expect(usageError('username.first').message).toMatch(/^unknown field "username.first"/);
    expect(usageError('roles.admin').message).toMatch(/^unknown field "roles.admin"/);
    expect(usageError('emails.0.address.x').message).toMatch(/^unknown field/);
    expect(usageError('customFields.').message).toMatch(/^unknown field/);
    // Credentials are never a field, even redacted: `services` is not in the catalog.
    expect(usageError('services.password.bcrypt').message).toMatch(/^unknown field "services.password.bcrypt"/);
    expect(usageError('__proto__').message).toMatch(/^unknown field/);
    expect(usageError('constructor').message).toMatch(/^unknown field/);
  });

  it('an empty list or an empty name is a usage error', () => {
    expect(usageError('').message).toBe('--fields needs at least one field name');
    expect(usageError('username,,name').message).toBe('--fields "username,,name" has an empty field name');
  });

  it('suggests with the index kept where it was typed', () => {
    expect(suggestField('emails.1.adress')).toBe('emails.1.address');
    expect(suggestField('custmFields.dept')).toBe('customFields.dept');
    expect(suggestField('zzzzzzzz.dept')).toBeUndefined();
    expect(suggestField('customfields.dept')).toBe('customFields.dept');
  });

  it('the defaults are valid fields (they are the tables of info and list)', () => {
    expect(paths(DEFAULT_FIELDS.info)).toContain('emails.address');
    expect(paths(DEFAULT_FIELDS.list)).toEqual(['username', 'name', 'status', 'active', 'roles', 'emails.address']);
    expect(FIELD_NAMES).not.toContain('services');
  });
});

describe('--fields: picking values', () => {
  const user = {
    _id: 'u1',
    username: 'alice',
    emails: [{ address: 'a@x.org', verified: true }, { address: 'b@x.org' }],
    roles: ['user', 'admin'],
    customFields: { department: 'R&D', '0': 'zero' },
    rooms: [{ name: 'general', roles: ['owner'] }, { name: 'random' }],
  };

  it('follows names, indexes, and maps a name over an array', () => {
    expect(pick(user, ['username'])).toBe('alice');
    expect(pick(user, ['emails', '1', 'address'])).toBe('b@x.org');
    expect(pick(user, ['emails', 'address'])).toEqual(['a@x.org', 'b@x.org']);
    expect(pick(user, ['emails', 'verified'])).toEqual([true, null]);
    expect(pick(user, ['roles', '0'])).toBe('user');
    expect(pick(user, ['rooms', 'roles'])).toEqual([['owner'], null]);
    expect(pick(user, ['customFields', 'department'])).toBe('R&D');
  });

  it('is undefined for what is absent, and never reads inherited properties', () => {
    expect(pick(user, ['nickname'])).toBeUndefined();
    expect(pick(user, ['emails', '5', 'address'])).toBeUndefined();
    expect(pick(user, ['customFields', 'toString'])).toBeUndefined();
    expect(pick(user, ['customFields', '__proto__'])).toBeUndefined();
    expect(pick(user, ['username', 'length'])).toBeUndefined();
    expect(pick(null, ['username'])).toBeUndefined();
  });

  it('reduce keeps the paths as keys, in the order asked, and leaves absent ones out', () => {
    const fields = parseFields('emails.0.address,username,nickname,roles');
    expect(JSON.stringify(reduce(user, fields))).toBe(
      '{"emails.0.address":"a@x.org","username":"alice","roles":["user","admin"]}',
    );
    expect(pickAll(user, fields)).toEqual(['a@x.org', 'alice', undefined, ['user', 'admin']]);
  });
});
