import { spawn, spawnSync } from 'node:child_process';
import { BIN } from './cli.js';

/**
 * A real pseudo-terminal for interactive tests. Node has no pty without a native module, so a tiny
 * python3 driver (pty.fork) runs bin/rcuser.js on a pty and relays: pty output → its stdout, its
 * stdin → the pty (what a person types). It reports the child's pid on stderr and exits with the
 * child's exit code. The transcript is what a person would see, echo included.
 */
const DRIVER = String.raw`
import fcntl, os, pty, select, signal, struct, sys, termios, time
cols, rows = int(sys.argv[1]), int(sys.argv[2])
argv = sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    # The size is set before the program starts, so its first look at the terminal sees it.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execv(argv[0], argv)
os.write(2, ("%d\n" % pid).encode())
watch = [fd, 0]
hung_up = None
status = None
while True:
    r, _, _ = select.select(watch, [], [], 0.2)
    if fd in r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            break
        os.write(1, data)
    if 0 in r:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            # Our stdin closed: the test is over (or died); hang up like a closed terminal window.
            os.kill(pid, signal.SIGHUP)
            hung_up = time.monotonic()
            watch = [fd]
    if hung_up is not None:
        # Once its output is read, a program that has ended after the hangup ends the session; one
        # that ignores the hangup (fish, at times) is killed: it must not outlive the test.
        if not r:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                status = st
                break
        if time.monotonic() - hung_up > 3:
            os.kill(pid, signal.SIGKILL)
if status is None:
    _, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
`;

export const hasPython = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

/** The name suffix of a terminal test without a pseudo-terminal, saying why it is skipped; empty with one. */
export const PTY_SKIP = hasPython
  ? ''
  : ` (skipped: no pseudo-terminal: ${process.platform === 'win32' ? 'not on Windows' : "python3's pty module is missing"})`;

export interface PtySession {
  /** Resolves once the transcript (since the last waitFor) contains text; rejects with the transcript on timeout or exit. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Type this (use "\r" for Enter, as a terminal sends it). */
  type(text: string): void;
  transcript(): string;
  /** Close the terminal: the program gets SIGHUP. */
  hangUp(): void;
  /** The rcuser process id (for /proc/<pid>/cmdline). */
  pid: Promise<number>;
  exit: Promise<number | null>;
}

export interface PtyOptions {
  /** Terminal size; 80x24 unless given. */
  columns?: number;
  rows?: number;
}

export function runInPty(args: string[], env: Record<string, string | undefined>, opts: PtyOptions = {}): PtySession {
  return runProgramInPty([process.execPath, BIN, ...args], env, opts);
}

/** Any program (argv[0] an absolute path) on a pseudo-terminal: a shell, for completion tests. */
export function runProgramInPty(
  argv: string[],
  env: Record<string, string | undefined>,
  opts: PtyOptions = {},
): PtySession {
  const fullEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    TERM: 'xterm',
    ...env,
  }))
    if (v !== undefined) fullEnv[k] = v;
  const size = [String(opts.columns ?? 80), String(opts.rows ?? 24)];
  const child = spawn('python3', ['-c', DRIVER, ...size, ...argv], { env: fullEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let mark = 0;
  let waiters: Array<() => void> = [];
  const notify = (): void => {
    for (const w of waiters) w();
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    notify();
  });
  let err = '';
  const pid = new Promise<number>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /^(\d+)\n/.exec(err);
      if (m) resolve(Number(m[1]));
    });
  });
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      notify();
      resolve(code);
    }),
  );
  // A safety net for a session a test left open, well past any test's own timeout. At 30 s it cut
  // short a shell session that was merely slow under load (a real zsh running compinit, then rcuser
  // for each Tab): the test saw "exited before printing" instead of its answer.
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  killer.unref();
  void exit.then(() => clearTimeout(killer));
  return {
    pid,
    exit,
    transcript: () => out,
    type: (text) => void child.stdin.write(text),
    hangUp: () => void child.stdin.end(),
    waitFor(text, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const at = out.indexOf(text, mark);
          if (at >= 0) {
            mark = at + text.length;
            done();
            resolve();
          } else if (exited) {
            done();
            reject(new Error(`rcuser exited before printing ${JSON.stringify(text)}; transcript:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${JSON.stringify(text)}; transcript:\n${out}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== check);
        };
        waiters.push(check);
        check();
      });
    },
  };
}
