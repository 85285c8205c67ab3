import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/rcuser.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built bin/rcuser.js as a user would. The environment is emptied of rcuser's variables
 * (and colors) so the machine's own settings never leak into a test.
 */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return runScript(BIN, args, opts);
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** stdin opened on this file instead (a directory, /dev/zero): what `< file` does in a shell. */
  stdinFile?: string;
  timeoutMs?: number;
}

/** Run a Node script (the built CLI, or another built entry such as the demo) with runCli's environment. */
export function runScript(script: string, args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', RCUSER_CONFIG_DIR: '/nonexistent/rcuser-test', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const fd = opts.stdinFile === undefined ? undefined : fs.openSync(opts.stdinFile, 'r');
    const child = spawn(process.execPath, [script, ...args], { env: env as NodeJS.ProcessEnv, stdio: [fd ?? 'pipe', 'pipe', 'pipe'] });
    if (fd !== undefined) fs.closeSync(fd);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.stdin ?? '');
  });
}
