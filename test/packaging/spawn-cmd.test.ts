/** scripts/spawn-cmd.mjs: npm and installed bins as Windows runs them, checked here without Windows. */
import { describe, expect, it } from 'vitest';
import { commandFor, quoteForCmd } from '../../scripts/spawn-cmd.mjs';

describe('running a .cmd on Windows', () => {
  it('runs the command itself elsewhere', () => {
    expect(commandFor('npm', ['pack', '--json'], 'linux')).toEqual({
      file: 'npm',
      args: ['pack', '--json'],
      options: {},
    });
    expect(commandFor('/p/bin/rcuser', ['info'], 'darwin')).toEqual({
      file: '/p/bin/rcuser',
      args: ['info'],
      options: {},
    });
  });

  it('runs npm.cmd through cmd.exe, one quoted line, the arguments passed verbatim', () => {
    expect(
      commandFor('npm', ['install', '-g', 'C:\\Temp\\rcuser-0.1.0.tgz'], 'win32', 'C:\\Windows\\system32\\cmd.exe'),
    ).toEqual({
      file: 'C:\\Windows\\system32\\cmd.exe',
      args: ['/d', '/s', '/c', '"^"npm.cmd^" ^"install^" ^"-g^" ^"C:\\Temp\\rcuser-0.1.0.tgz^""'],
      options: { windowsVerbatimArguments: true },
    });
    expect(commandFor('npm', [], 'win32', undefined).file).toBe('cmd.exe');
  });

  it('keeps a path with spaces one argument, and an installed bin is its .cmd', () => {
    const { args } = commandFor('C:\\Users\\Jo Do\\AppData\\Local\\Temp\\p\\rcuser', ['--version'], 'win32');
    expect(args[3]).toBe('"^"C:\\Users\\Jo^ Do\\AppData\\Local\\Temp\\p\\rcuser.cmd^" ^"--version^""');
  });

  it('escapes what cmd.exe acts on, so an argument cannot start a second command', () => {
    expect(quoteForCmd('a&b')).toBe('^"a^&b^"');
    expect(quoteForCmd('x|y>z<w')).toBe('^"x^|y^>z^<w^"');
    expect(quoteForCmd('(%PATH%)!^')).toBe('^"^(^%PATH^%^)^!^^^"');
    expect(quoteForCmd('')).toBe('^"^"');
  });

  it('doubles trailing backslashes, which would otherwise escape the closing quote', () => {
    expect(quoteForCmd('C:\\dir\\')).toBe('^"C:\\dir\\\\^"');
    expect(quoteForCmd('a\\b')).toBe('^"a\\b^"');
  });

  it('refuses a double quote or a line break, which a batch file cannot be trusted to keep', () => {
    expect(() => quoteForCmd('say "hi"')).toThrow('spawn-cmd: cannot pass "say \\"hi\\"" to a batch file');
    expect(() => quoteForCmd('a\nb')).toThrow('cannot pass');
  });
});
