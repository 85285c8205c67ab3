import type { Readable } from 'node:stream';

/** Everything the commands know about the terminal. Only this file and context.ts look at `process`. */
export interface IO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly stdin: Readable;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Whether to color what goes to stdout / stderr (TTY, NO_COLOR, FORCE_COLOR, TERM=dumb, --no-color). */
  colorStdout: boolean;
  colorStderr: boolean;
  /** Terminal width, when stdout is a terminal. */
  readonly columns?: number;
  /** A prompt needs a person at the keyboard: stdin and stderr both terminals. */
  canPrompt(): boolean;
  /** Turn terminal echo and line editing off/on for a hidden prompt; absent when stdin is not a terminal. */
  setRawMode?(on: boolean): void;
  /** Wait until everything written to stdout has been flushed (a pipe can lag behind). */
  flush(): Promise<void>;
  /** Call `handler` on Ctrl-C (SIGINT) instead of dying; returns the function that stops listening. */
  onInterrupt?(handler: () => void): () => void;
  /** When stdin is a regular file: its bytes from the start, read without moving stdin's own position. */
  stdinFile?(): AsyncIterable<Buffer> | undefined;
}

export type Env = Record<string, string | undefined>;

/** The width of a terminal to fit to: stdout's own, else $COLUMNS, else none (not a terminal). */
export function terminalWidth(stdoutIsTTY: boolean, stdoutColumns: number | undefined, env: Record<string, string | undefined>): number | undefined {
  if (stdoutIsTTY && stdoutColumns && stdoutColumns > 0) return stdoutColumns;
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return undefined;
}

/**
 * The color decision of clig.dev and the contract: --no-color and NO_COLOR turn it off,
 * FORCE_COLOR turns it on, otherwise only on a terminal that is not TERM=dumb.
 */
export function wantsColor(isTTY: boolean, env: Env, noColorFlag = false): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export function processIO(env: Env): IO {
  const out = process.stdout;
  const err = process.stderr;
  // `rcuser info x | head -1`: the reader has gone, so nobody wants the rest. Stop quietly, as
  // a SIGPIPE would, instead of dying with a stack trace on an unhandled 'error' event.
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    stdout: out,
    stderr: err,
    // Getters: the first touch of process.stdin builds its stream (~5 ms when it is a pipe), and
    // most runs never read it.
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    stdoutIsTTY: Boolean(out.isTTY),
    stderrIsTTY: Boolean(err.isTTY),
    colorStdout: wantsColor(Boolean(out.isTTY), env),
    colorStderr: wantsColor(Boolean(err.isTTY), env),
    columns: terminalWidth(Boolean(out.isTTY), out.columns, env),
    canPrompt: () => Boolean(process.stdin.isTTY) && Boolean(err.isTTY),
    get setRawMode() {
      return process.stdin.isTTY ? (on: boolean) => void process.stdin.setRawMode(on) : undefined;
    },
    flush: () =>
      new Promise((resolve) => {
        if (out.writableNeedDrain) out.once('drain', () => resolve());
        else resolve();
      }),
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
    stdinFile() {
      const fs = process.getBuiltinModule('node:fs');
      try {
        if (!fs.fstatSync(0).isFile()) return undefined;
      } catch {
        return undefined;
      }
      // A start position makes every read positional (pread): process.stdin's offset is untouched.
      return fs.createReadStream('', { fd: 0, start: 0, autoClose: false });
    },
  };
}
