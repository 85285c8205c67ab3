import { describe, expect, it } from 'vitest';
import { describeLookup, isSkippable, parseIdentifier, parseInfoRequest } from '../../src/commands/info/lookup.js';
import { UsageError } from '../../src/errors.js';

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    return err as UsageError;
  }
  throw new Error('expected a usage error');
}

describe('parseInfoRequest', () => {
  it('a positional username, @ dropped', () => {
    expect(parseInfoRequest(['test.john'], {})).toEqual({
      mode: 'single',
      lookup: { kind: 'username', value: 'test.john' },
    });
    expect(parseInfoRequest(['@test.john'], {})).toEqual({
      mode: 'single',
      lookup: { kind: 'username', value: 'test.john' },
    });
  });

  it.each([
    [{ username: 'test.john' }, 'username', 'test.john'],
    [{ username: '@test.john' }, 'username', 'test.john'],
    [{ userId: '5fRTXMt7DMJbpPJfh' }, 'userId', '5fRTXMt7DMJbpPJfh'],
    [{ userId: '@x' }, 'userId', '@x'],
    [{ importId: 'slack-U012AB3CD' }, 'importId', 'slack-U012AB3CD'],
    [{ email: 'test.john@test.com' }, 'email', 'test.john@test.com'],
  ] as const)('flag %j', (flags, kind, value) => {
    expect(parseInfoRequest([], flags)).toEqual({ mode: 'single', lookup: { kind, value } });
  });

  it('several usernames make a list, in order', () => {
    expect(parseInfoRequest(['a', '@b', 'c'], {})).toEqual({ mode: 'list', queries: ['a', '@b', 'c'] });
  });

  it('"-" alone reads from stdin; with anything else it is a usage error', () => {
    expect(parseInfoRequest(['-'], {})).toEqual({ mode: 'stdin' });
    expect(usageError(() => parseInfoRequest(['-', 'a'], {})).message).toBe(
      '`-` (read names from stdin) cannot be combined with other names',
    );
    expect(usageError(() => parseInfoRequest(['-'], { userId: 'x' })).message).toBe(
      'name users in exactly one way, not with a username argument and --user-id',
    );
  });

  it('two ways of naming users is a usage error naming both', () => {
    expect(usageError(() => parseInfoRequest(['a'], { userId: 'x' })).message).toBe(
      'name users in exactly one way, not with a username argument and --user-id',
    );
    expect(usageError(() => parseInfoRequest([], { username: 'a', email: 'b@c' })).message).toBe(
      'name users in exactly one way, not with --username and --email',
    );
    expect(usageError(() => parseInfoRequest([], { userId: 'a', importId: 'b' })).message).toBe(
      'name users in exactly one way, not with --user-id and --import-id',
    );
  });

  it('nothing named is a usage error with an example', () => {
    const err = usageError(() => parseInfoRequest([], {}));
    expect(err.message).toBe('name a user to look up');
    expect(err.hint).toContain('rcuser info test.john');
  });

  it('empty values are usage errors', () => {
    expect(usageError(() => parseInfoRequest([], { username: '' })).message).toBe('--username needs a value');
    expect(usageError(() => parseInfoRequest([], { username: '@' })).message).toBe('--username needs a value');
    expect(usageError(() => parseInfoRequest([], { userId: '  ' })).message).toBe('--user-id needs a value');
    expect(usageError(() => parseInfoRequest([], { email: '' })).message).toBe('--email needs a value');
    expect(usageError(() => parseInfoRequest([''], {})).message).toBe('an empty username was given');
    expect(usageError(() => parseInfoRequest(['@'], {})).message).toBe('an empty username was given');
    expect(usageError(() => parseInfoRequest(['a', ' '], {})).message).toBe('an empty username was given');
  });
});

describe('parseIdentifier (one line of stdin)', () => {
  it.each([
    ['test.john', 'username', 'test.john'],
    ['  @test.john  ', 'username', 'test.john'],
    ['id:5fRTXMt7DMJbpPJfh', 'userId', '5fRTXMt7DMJbpPJfh'],
    ['id: 5fRT ', 'userId', '5fRT'],
    ['import:slack-U1', 'importId', 'slack-U1'],
    ['email:a@b.c', 'email', 'a@b.c'],
    ['mail:a@b.c', 'username', 'mail:a@b.c'],
    ['id:', 'userId', ''],
  ] as const)('%j', (line, kind, value) => {
    expect(parseIdentifier(line)).toEqual({ kind, value });
  });

  it('blank lines and # comments are skipped', () => {
    expect([' ', '', '# users', '  #x', 'a#b'].map(isSkippable)).toEqual([true, true, true, true, false]);
  });
});

describe('describeLookup', () => {
  it('names the lookup in words', () => {
    expect(describeLookup({ kind: 'username', value: 'a' })).toBe('@a');
    expect(describeLookup({ kind: 'userId', value: 'X' })).toBe('with id X');
    expect(describeLookup({ kind: 'importId', value: 'I' })).toBe('with import id I');
    expect(describeLookup({ kind: 'email', value: 'e@x' })).toBe('with e-mail e@x');
  });
});
