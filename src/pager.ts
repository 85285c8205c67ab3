import { spawn } from 'node:child_process';

/** How the pager ended: its exit code or signal; `started: false` when not even the shell ran. */
export interface PagerExit {
  started: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Show `text` through the pager `command` (run by the shell, as git and gh do) and wait until the
 * person quits it. LESS=FRX and LV=-c unless set, like gh: quit when it fits, keep colors, leave the
 * text on the screen. The caller decides what a failed pager means.
 */
export function runPager(command: string, text: string, env: Record<string, string | undefined>): Promise<PagerExit> {
  return new Promise((resolve) => {
    const childEnv = { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' };
    let started = false;
    const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: childEnv as NodeJS.ProcessEnv });
    // rcuser stopped by a signal (SIGTERM) must not leave the pager on the terminal with the shell.
    const stopPager = (): void => void child.kill();
    process.once('exit', stopPager);
    child.on('spawn', () => (started = true));
    child.on('error', () => resolve({ started: false, code: null, signal: null }));
    child.on('close', (code, signal) => {
      process.off('exit', stopPager);
      resolve({ started, code, signal });
    });
    // Quitting the pager early closes the pipe: not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
