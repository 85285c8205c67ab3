import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How the pager ended: its exit code or signal; `started: false` when not even the shell ran. */
export interface PagerExit {
  started: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /**
   * Whether the pager read any of the text (the offset of the file it read from); undefined when
   * the text went through a pipe, which does not tell.
   */
  read?: boolean;
}

/**
 * The text in an unlinked temporary file (mode 0600), open for reading at its start: the pager reads
 * it as its stdin and shares this descriptor's offset, so rcuser can tell afterwards whether it read
 * anything. Undefined when no file can be made (a full or read-only tmp): then a pipe.
 */
function textFile(text: string): number | undefined {
  let dir: string | undefined;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-pager-'));
    const file = path.join(dir, 'table');
    fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    return fs.openSync(file, 'r');
  } catch {
    return undefined;
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether anything was read from `fd` (its offset moved): reading on from the shared offset finds less than all. */
function wasRead(fd: number, size: number): boolean {
  const buf = Buffer.alloc(64 * 1024);
  let rest = 0;
  for (let n: number; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) rest += n;
  return rest < size;
}

/** Words of characters no shell treats specially (`less -FRX`, `/usr/bin/most`), as git's pager check. */
const PLAIN = /^[\w./+,:@%-]+(?:[ \t]+[\w./+,:@%=-]+)*$/;

/**
 * The shell line that runs the pager: a plain command line is exec'd, so the shell becomes the pager
 * (a signal sent to the child reaches the pager itself, not a shell that would leave it running;
 * dash does not exec it). cmd.exe, the shell on Windows, has no exec: the line goes as it is.
 */
export function pagerCommandLine(command: string, platform: string = process.platform): string {
  return platform !== 'win32' && PLAIN.test(command) ? `exec ${command}` : command;
}

/**
 * Show `text` through the pager `command` (run by the shell, as git and gh do) and wait until the
 * person quits it. LESS=FRX and LV=-c unless set, like gh: quit when it fits, keep colors, leave the
 * text on the screen. The caller decides what a failed pager means.
 */
export function runPager(
  command: string,
  text: string,
  env: Record<string, string | undefined>,
  onExit?: (fn: () => void) => () => void,
): Promise<PagerExit> {
  return new Promise((resolve) => {
    const childEnv = { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' };
    let started = false;
    const line = pagerCommandLine(command);
    const fd = textFile(text);
    const child = spawn(line, {
      shell: true,
      stdio: [fd ?? 'pipe', 'inherit', 'inherit'],
      env: childEnv as NodeJS.ProcessEnv,
    });
    let done = false;
    const finish = (exit: PagerExit): void => {
      if (done) return;
      done = true;
      if (fd === undefined) {
        resolve(exit);
        return;
      }
      try {
        resolve({ ...exit, read: wasRead(fd, Buffer.byteLength(text)) });
      } catch {
        resolve(exit);
      } finally {
        fs.closeSync(fd);
      }
    };
    // rcuser stopped by a signal (SIGTERM) must not leave the pager on the terminal with the shell.
    const stopPager = (): void => void child.kill();
    const release = onExit?.(stopPager);
    child.on('spawn', () => (started = true));
    child.on('error', () => finish({ started: false, code: null, signal: null }));
    child.on('close', (code, signal) => {
      release?.();
      finish({ started, code, signal });
    });
    if (child.stdin) {
      // Quitting the pager early closes the pipe: not an error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(text);
    }
  });
}
