import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { promptHidden, promptLine, readLine } from '../../src/iostreams/prompt.js';
import { ageWarning, renderWhoami, tokenEnd, type WhoamiInfo } from '../../src/commands/whoami/render.js';
import { codePrompt } from '../../src/commands/login/twofactor.js';
import { testIO } from '../helpers/io.js';

describe('readLine', () => {
  it('returns the first line without its ending and leaves the rest for the next read', async () => {
    const s = new PassThrough();
    s.end(Buffer.from('pässword\r\nsecond\n'));
    expect(await readLine(s)).toBe('pässword');
    expect(await readLine(s)).toBe('second');
    expect(await readLine(s)).toBeUndefined();
  });

  it('a last line without a newline, and a multi-byte character split across chunks', async () => {
    const euro = Buffer.from('€');
    expect(
      await readLine(Readable.from([Buffer.from('a'), euro.subarray(0, 1), euro.subarray(1)], { objectMode: false })),
    ).toBe('a€');
  });

  it('empty input is undefined, an empty first line is ""', async () => {
    expect(await readLine(Readable.from([]))).toBeUndefined();
    expect(await readLine(Readable.from(['\nx\n']))).toBe('');
  });
});

describe('promptHidden', () => {
  it('turns raw mode on before asking, and off after; edits with backspace and Ctrl-U', async () => {
    const io = testIO({ tty: true, stdin: 'wrong\u0015sec\u007fcret\r' });
    const modes: boolean[] = [];
    io.setRawMode = (on) => {
      modes.push(on);
      if (on) expect(io.err()).toBe(''); // echo is off before the question appears
    };
    expect(await promptHidden(io, 'Password: ')).toBe('secret');
    expect(modes).toEqual([true, false]);
    expect(io.err()).toBe('Password: \n');
  });

  it('Ctrl-C interrupts, and raw mode is turned off', async () => {
    const io = testIO({ tty: true, stdin: 'abc\u0003' });
    const modes: boolean[] = [];
    io.setRawMode = (on) => void modes.push(on);
    await expect(promptHidden(io, 'Password: ')).rejects.toBeInstanceOf(InterruptedError);
    expect(modes).toEqual([true, false]);
  });

  it('ignores escape sequences (arrow keys)', async () => {
    const io = testIO({ tty: true });
    const p = promptHidden(io, 'Password: ');
    io.stdin.push('ab');
    io.stdin.push('\u001b[D');
    io.stdin.push('c\r');
    expect(await p).toBe('abc');
  });
});

describe('promptLine', () => {
  it('asks on stderr and trims the answer; end of input is an interruption', async () => {
    const io = testIO({ tty: true, stdin: ' 123 456 \n' });
    expect(await promptLine(io, 'Code: ')).toBe('123 456');
    expect(io.err()).toBe('Code: ');
    await expect(promptLine(testIO({ tty: true, stdin: '' }), 'Code: ')).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('2FA prompt text', () => {
  it('names the method, and for e-mail where the code went', () => {
    expect(codePrompt({ method: 'totp' })).toBe('Two-factor code from your authenticator app (or a backup code): ');
    expect(codePrompt({ method: 'email', emailOrUsername: 'eddie.email' })).toBe(
      'Two-factor code sent by e-mail to eddie.email: ',
    );
    expect(codePrompt({ method: 'email', emailOrUsername: 'x\u001b[2Jy' })).toBe(
      'Two-factor code sent by e-mail to x\\x1b[2Jy: ',
    );
    expect(codePrompt(undefined)).toBe('Two-factor code: ');
  });
});

describe('whoami rendering', () => {
  const base: WhoamiInfo = {
    username: 'test.john',
    name: 'Test John',
    userId: 'U1',
    server: 'https://chat.example.com',
    serverVersion: '8.8',
    profile: 'chat.example.com',
    credentials: 'profile',
    tokenKind: 'login',
    tokenEnd: 'wxyz',
    tokenStoredAt: '2026-01-01T10:00:00.000Z',
    tokenAgeDays: 3,
    twoFactor: null,
    signIn: null,
  };

  it('renders the whole block', () => {
    expect(renderWhoami(base)).toBe(
      [
        'Test John (@test.john)',
        '  User ID      U1',
        '  Server       https://chat.example.com (Rocket.Chat 8.8)',
        '  Credentials  profile "chat.example.com"',
        '  Token        login token, ending …wxyz, stored 2026-01-01 10:00 UTC (3 days ago)',
        '',
      ].join('\n'),
    );
  });

  it('2FA and sign-in rows: the methods in words, "off", and the linked providers', () => {
    expect(renderWhoami({ ...base, twoFactor: ['totp', 'email'], signIn: ['password', 'google'] })).toContain(
      '  Token        login token, ending …wxyz, stored 2026-01-01 10:00 UTC (3 days ago)\n  2FA          authenticator app, e-mail codes\n  Sign-in      password, google\n',
    );
    expect(renderWhoami({ ...base, twoFactor: [], signIn: ['saml'] })).toContain(
      '  2FA          off\n  Sign-in      saml\n',
    );
  });

  it('only the last 4 characters of a long token; nothing of a short one', () => {
    expect(tokenEnd('9HqLlyZOugoStsXCUfD_0YdwnNnunAJF8V47U3QHXSq')).toBe('HXSq');
    expect(tokenEnd('short-token')).toBeNull();
  });

  it('age warnings: none when young, soon, past 90 days; never for personal access tokens', () => {
    expect(ageWarning(base)).toBeUndefined();
    expect(ageWarning({ ...base, tokenAgeDays: 80 })).toContain('expires in about 10 days');
    expect(ageWarning({ ...base, tokenAgeDays: 120 })).toContain('is past the default 90 days');
    expect(ageWarning({ ...base, tokenKind: 'personal-access-token', tokenAgeDays: 400 })).toBeUndefined();
  });

  it('the age warning names a login command that works as it stands (a bare `rcuser login` needs a server)', () => {
    expect(ageWarning({ ...base, tokenKind: 'personal-access-token', tokenAgeDays: 400 })).toBeUndefined();
    expect(ageWarning({ ...base, tokenAgeDays: 85 })).toMatch(
      /run `rcuser login https:\/\/chat\.example\.com -u test\.john` to renew it$/,
    );
    expect(ageWarning({ ...base, profile: 'work', tokenAgeDays: 85 })).toMatch(
      /run `rcuser login https:\/\/chat\.example\.com --name work -u test\.john` to renew it$/,
    );
    expect(ageWarning({ ...base, profile: "bob's work", tokenAgeDays: 85 })).toMatch(
      /run `rcuser login https:\/\/chat\.example\.com --name 'bob'\\''s work' -u test\.john` to renew it$/,
    );
  });
});
