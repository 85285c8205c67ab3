import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/rcuser.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  /** stdin opened on this file instead (a directory, /dev/zero): what `< file` does in a shell. */
  stdinFile?: string;
  /** Leave stdin open: the test writes child.stdin itself. */
  keepStdinOpen?: boolean;
  /**
   * Where stdout / stderr go: collected into the result ('pipe', the default), left to the test
   * ('manual': it reads child.stdout itself, or destroys it), or a file descriptor (/dev/full).
   */
  stdout?: 'pipe' | 'manual' | number;
  stderr?: 'pipe' | 'manual' | number;
  /** Another node and CLI script (an unprivileged copy of the checkout), run as this user. */
  node?: string;
  uid?: number;
  gid?: number;
  timeoutMs?: number;
}

/** A CLI process under way: the child for signals and streams, what it wrote so far, and its end. */
export interface CliRun {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** The exit code (null when a signal ended it) and everything collected. */
  done: Promise<CliResult>;
  /** The signal that ended it, once done. */
  signal(): NodeJS.Signals | null;
}

/**
 * Run the built bin/rcuser.js as a user would. The environment is emptied of rcuser's variables
 * (and colors) so the machine's own settings never leak into a test.
 */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return runScript(BIN, args, opts);
}

/** runCli's process while it runs: for tests that signal it, read it slowly, or close its pipes. */
export function spawnCli(args: string[], opts: RunOptions = {}): CliRun {
  return spawnScript(BIN, args, opts);
}

/** Run a Node script (the built CLI, or another built entry such as the demo) with runCli's environment. */
export function runScript(script: string, args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return spawnScript(script, args, opts).done;
}

/** The environment every spawned CLI starts from: no rcuser variables of the machine, no colors. */
export function cliEnv(env: Record<string, string | undefined> = {}): Record<string, string> {
  const full: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    RCUSER_CONFIG_DIR: '/nonexistent/rcuser-test',
    ...env,
  };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  return full as Record<string, string>;
}

function spawnScript(script: string, args: string[], opts: RunOptions): CliRun {
  const fd = opts.stdinFile === undefined ? undefined : fs.openSync(opts.stdinFile, 'r');
  const stream = (s: RunOptions['stdout']): 'pipe' | number => (typeof s === 'number' ? s : 'pipe');
  const child = spawn(opts.node ?? process.execPath, [script, ...args], {
    env: cliEnv(opts.env),
    stdio: [fd ?? 'pipe', stream(opts.stdout), stream(opts.stderr)],
    ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.gid }),
  });
  if (fd !== undefined) fs.closeSync(fd);
  let stdout = '';
  let stderr = '';
  let signal: NodeJS.Signals | null = null;
  if (opts.stdout === undefined || opts.stdout === 'pipe')
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  if (opts.stderr === undefined || opts.stderr === 'pipe')
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal = sig;
      resolve({ code, stdout, stderr });
    });
  });
  child.stdin?.on('error', () => undefined);
  if (!opts.keepStdinOpen) child.stdin?.end(opts.stdin ?? '');
  return { child, out: () => stdout, err: () => stderr, done, signal: () => signal };
}
