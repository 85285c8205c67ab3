import { spawn } from 'node:child_process';

/**
 * Show `text` through the pager `command` (run by the shell, as git and gh do) and wait until the
 * person quits it. LESS=FRX and LV=-c unless set, like gh: quit when it fits, keep colors, leave the
 * text on the screen. Returns false when the pager could not be started (the caller prints instead).
 */
export function runPager(command: string, text: string, env: Record<string, string | undefined>): Promise<boolean> {
  return new Promise((resolve) => {
    const childEnv = { ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' };
    let started = false;
    const child = spawn(command, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: childEnv as NodeJS.ProcessEnv });
    child.on('spawn', () => (started = true));
    child.on('error', () => resolve(false));
    // The shell could not find the command: 127, before anything was shown.
    child.on('close', (code) => resolve(started && code !== 127));
    // Quitting the pager early closes the pipe: not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
