import { execFileSync } from 'node:child_process';

/** The path of a shell on this machine, or undefined (its tests then skip, saying so). */
export function which(shell: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${shell}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const bash = which('bash');
export const zsh = which('zsh');
export const fish = which('fish');
