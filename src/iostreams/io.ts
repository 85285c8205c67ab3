import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { Env } from '../lib/env.js';
import { Output } from './stdout-writer.js';

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
  /**
   * Draw with ASCII only (table borders, markers, "..."): the locale's character set is not UTF-8
   * (wantsAscii). Human output only; --json, --csv and the other data formats are as sent.
   */
  readonly ascii?: boolean;
  /** Terminal width, when stdout is a terminal. */
  readonly columns?: number;
  /** stderr's width when it is a terminal: the progress line fits it even when stdout is a file. */
  readonly stderrColumns?: number;
  /** A prompt needs a person at the keyboard: stdin and stderr both terminals. */
  canPrompt(): boolean;
  /** Turn terminal echo and line editing off/on for a hidden prompt; absent when stdin is not a terminal. */
  setRawMode?(on: boolean): void;
  /** Whether stdin is a directory (`< /some/dir`), which reads as an empty input. */
  stdinIsDirectory?(): boolean;
  /** Wait until everything written to stdout has been flushed (a pipe can lag behind); rejects if stdout broke. */
  flush(): Promise<void>;
  /**
   * Handle Ctrl-C (SIGINT) here instead of the default stop (finish the line, exit 130): a table
   * batch prints the rows it has. Returns the function that gives it back. A second Ctrl-C still
   * exits at once, unless `every` (a pager on the terminal: each Ctrl-C is the pager's).
   */
  onInterrupt?(handler: () => void, opts?: { every?: boolean }): () => void;
  /** When stdin is a regular file: its bytes from the start, read without moving stdin's own position. */
  stdinFile?(): AsyncIterable<Buffer> | undefined;
  /** Run `fn` when the process exits (a signal's exit too). Returns the function that unregisters it. */
  onExit?(fn: () => void): () => void;
}

/**
 * Write text that comes in pieces (a re-indented answer), waiting whenever stdout lags: what is
 * held is a piece or two, not the whole output.
 */
export async function writeChunks(io: IO, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) if (io.stdout.write(chunk) === false) await io.flush();
}

/** RCUSER_PAGER, else PAGER, else `less -FRX`; empty or `cat` means none (as gh reads GH_PAGER/PAGER), and so does TERM=dumb. */
export function pagerCommand(env: Env): string | undefined {
  // A dumb terminal cannot run a full-screen pager (less stops at "terminal is not fully functional").
  if (env.TERM === 'dumb') return undefined;
  const cmd = (env.RCUSER_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return cmd === '' || cmd === 'cat' ? undefined : cmd;
}

/** The width of a terminal to fit to: stdout's own, else $COLUMNS, else none (not a terminal). */
export function terminalWidth(
  stdoutIsTTY: boolean,
  stdoutColumns: number | undefined,
  env: Record<string, string | undefined>,
): number | undefined {
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
  // The CLICOLOR convention (bixense.com/clicolors), as the contract says: CLICOLOR_FORCE (not 0)
  // turns colors on anywhere, CLICOLOR=0 turns them off on a terminal.
  if (env.CLICOLOR_FORCE && env.CLICOLOR_FORCE !== '0') return true;
  if (env.TERM === 'dumb') return false;
  if (env.CLICOLOR === '0') return false;
  return isTTY;
}

/**
 * Whether the locale's character set cannot show UTF-8: the first of LC_ALL, LC_CTYPE and LANG that
 * is set (POSIX's order) names no UTF-8 (`C`, `POSIX`, `en_US.ISO-8859-1`). None set: UTF-8, as on
 * Windows and most terminals today, where no variable says otherwise.
 */
export function wantsAscii(env: Env): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  return locale !== undefined && !/utf-?8/i.test(locale);
}

export function processIO(env: Env): IO {
  const out = process.stdout;
  const err = process.stderr;
  // `rcuser info x | head -1`: the reader has gone, so nobody wants the rest. Stop quietly, as
  // a SIGPIPE would, instead of dying with a stack trace on an unhandled 'error' event.
  const readerGone = () => process.exit(process.exitCode ?? 0);
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') readerGone();
  });
  // Messages are a courtesy: a broken stderr must not change what happened or the exit code.
  err.on('error', () => undefined);
  // Touching process.stdout above made a pipe non-blocking (libuv), so a full pipe says EAGAIN
  // instead of blocking the process where no signal handler can run.
  const stdout = new Output({
    fd: 1,
    writeSync: (fd, data) => fs.writeSync(fd, data),
    onReaderGone: readerGone,
    coalesce: !out.isTTY,
  });
  const interruptHandlers: InterruptHandler[] = [];
  stopOnSignals(stdout, interruptHandlers);
  return {
    stdout,
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
    ascii: wantsAscii(env),
    columns: terminalWidth(Boolean(out.isTTY), out.columns, env),
    stderrColumns: err.isTTY && err.columns > 0 ? err.columns : undefined,
    canPrompt: () => Boolean(process.stdin.isTTY) && Boolean(err.isTTY),
    get setRawMode() {
      return process.stdin.isTTY ? (on: boolean) => void process.stdin.setRawMode(on) : undefined;
    },
    flush: () => stdout.flush(),
    stdinIsDirectory: () => {
      try {
        return fs.fstatSync(0).isDirectory();
      } catch {
        return false;
      }
    },
    onInterrupt(fn, opts) {
      const handler = { fn, every: opts?.every === true };
      interruptHandlers.push(handler);
      return () => {
        const i = interruptHandlers.lastIndexOf(handler);
        if (i >= 0) interruptHandlers.splice(i, 1);
      };
    },
    onExit(fn) {
      process.once('exit', fn);
      return () => void process.off('exit', fn);
    },
    stdinFile() {
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

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

interface InterruptHandler {
  fn: () => void;
  every: boolean;
}

/**
 * Ctrl-C or a SIGTERM: begin no new output, finish the line being written, then exit 130 / 143.
 * Dying at once (the default) tears the last NDJSON line when stdout is a slow pipe. A second
 * signal exits at once, for a reader that never reads again.
 */
function stopOnSignals(stdout: Output, interruptHandlers: InterruptHandler[]): void {
  let stopping = false;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      const handler = signal === 'SIGINT' ? interruptHandlers.at(-1) : undefined;
      if (handler?.every) return handler.fn();
      if (stopping) process.exit(code);
      stopping = true;
      // A command that asked for Ctrl-C (a table batch) ends the run itself, output and all.
      if (handler) return handler.fn();
      stdout.seal();
      stdout.flush().then(
        () => process.exit(code),
        () => process.exit(code),
      );
    });
  }
}

/**
 * `rcuser info - < somedir` reads nothing (the read fails with EISDIR, which a stream reports as
 * its end) and would say "nothing to look up", exit 0: a mistake passed off as an empty input.
 */
export function assertStdinNotDirectory(io: IO, what: string, hint: string): void {
  if (io.stdinIsDirectory?.()) throw new UsageError(`stdin is a directory: there is no ${what} to read from it`, hint);
}

/** A progress line redrawn in place needs a terminal that can move the cursor: not TERM=dumb. */
export function canRedrawStderr(io: IO, env: Env): boolean {
  return io.stderrIsTTY && env.TERM !== 'dumb';
}
