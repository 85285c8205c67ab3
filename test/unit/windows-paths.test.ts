/**
 * rcuser's Windows branches, checked on any OS: each takes the platform as an argument and joins
 * paths as that platform does. (npm.cmd and quoting for cmd.exe: test/packaging/spawn-cmd.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir, homeOfConfigDir } from '../../src/cmdutil/context.js';
import { pagerCommandLine } from '../../src/iostreams/pager.js';
import { modeWarning } from '../../src/store/profile-file.js';

const posix = process.platform !== 'win32';

describe('the profile directory on each platform', () => {
  it('Windows: %APPDATA%\\rcuser\\Config, with backslashes', () => {
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\Jo Do\\AppData\\Roaming' }, 'win32', 'C:\\Users\\Jo Do')).toBe(
      'C:\\Users\\Jo Do\\AppData\\Roaming\\rcuser\\Config',
    );
  });

  it('Windows without APPDATA: the roaming directory under the home directory; XDG_CONFIG_HOME means nothing there', () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: 'C:\\xdg' }, 'win32', 'C:\\Users\\jo')).toBe(
      'C:\\Users\\jo\\AppData\\Roaming\\rcuser\\Config',
    );
    expect(homeOfConfigDir({}, 'win32', 'C:\\Users\\jo')).toBeUndefined();
  });

  it('macOS and Linux: forward slashes, whatever OS the code runs on', () => {
    expect(defaultConfigDir({}, 'darwin', '/Users/jo')).toBe('/Users/jo/Library/Preferences/rcuser');
    expect(defaultConfigDir({}, 'linux', '/home/jo')).toBe('/home/jo/.config/rcuser');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x/conf' }, 'linux', '/home/jo')).toBe('/x/conf/rcuser');
    expect(homeOfConfigDir({}, 'linux', '/home/jo')).toBe('/home/jo');
  });
});

describe('the pager command line', () => {
  it("is exec'd by a POSIX shell when plain, and given to cmd.exe as it is (cmd has no exec)", () => {
    expect(pagerCommandLine('less -FRX', 'linux')).toBe('exec less -FRX');
    expect(pagerCommandLine('less -FRX', 'darwin')).toBe('exec less -FRX');
    expect(pagerCommandLine('less -FRX', 'win32')).toBe('less -FRX');
    expect(pagerCommandLine('more.com', 'win32')).toBe('more.com');
    expect(pagerCommandLine('less | tee log', 'linux')).toBe('less | tee log');
  });
});

describe('the profile file mode warning', () => {
  // chmod does nothing useful on Windows: the file's mode cannot be made loose there.
  it.skipIf(!posix)(
    'warns of a file others can read, except on Windows, where modes mean nothing (needs chmod: not on Windows)',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-mode-'));
      try {
        const file = path.join(dir, 'profiles.json');
        fs.writeFileSync(file, '{}', { mode: 0o644 });
        fs.chmodSync(file, 0o644);
        expect(modeWarning(file, 'linux')).toBe(
          `permissions 0644 for ${file} are too open: others may read your tokens; run chmod 600 ${file}`,
        );
        expect(modeWarning(file, 'win32')).toBeUndefined();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
