import { spawn } from 'node:child_process';

/** How the pager ended: its exit code or signal; `started: false` when not even the shell ran. */
export interface PagerExit {
  started: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
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
    const child = spawn(line, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: childEnv as NodeJS.ProcessEnv });
    // rcuser stopped by a signal (SIGTERM) must not leave the pager on the terminal with the shell.
    const stopPager = (): void => void child.kill();
    const release = onExit?.(stopPager);
    child.on('spawn', () => (started = true));
    child.on('error', () => resolve({ started: false, code: null, signal: null }));
    child.on('close', (code, signal) => {
      release?.();
      resolve({ started, code, signal });
    });
    // Quitting the pager early closes the pipe: not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
