/**
 * stdout as rcuser writes it: whole chunks, in order, never dropped. Node's process.stdout loses
 * what was queued when a write fails, and turns any error but the one it expects into a crash with
 * a stack trace. This writer owns the file descriptor instead:
 * - a full pipe (EAGAIN) or a short kernel buffer (ENOBUFS) is waited out and the write retried;
 * - a reader that went away (EPIPE) ends the run quietly, as SIGPIPE would;
 * - anything else (ENOSPC, EIO, /dev/full) becomes one sentence, exit 1.
 * Partial writes are continued, so a line is written whole or not at all before the process exits.
 */
import { CliError, ExitCode } from '../errors.js';

export type WriteSync = (fd: number, data: Buffer) => number;

export interface OutputOptions {
  fd: number;
  writeSync: WriteSync;
  /** The reader has gone (EPIPE): called once; the process is expected to end. */
  onReaderGone: () => void;
  /** How long to wait before retrying a full pipe or a kernel out of buffers. */
  retryDelayMs?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /**
   * Gather what is written in one turn of the event loop into one write (setImmediate), instead of
   * one system call per write: a batch's lines come a few at a time. For pipes and files only: on a
   * terminal, stdout and stderr must stay in the order they were written.
   */
  coalesce?: boolean;
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EBADF: 'stdout is closed',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EINVAL: 'stdout does not accept writes',
};

/** Characters turned into bytes for one write, at most (a longer chunk is written in slices). */
const MAX_WRITE = 1024 * 1024;

/** Errors that mean "not now": wait and write the same bytes again. */
const TRANSIENT = new Set(['EAGAIN', 'EWOULDBLOCK', 'ENOBUFS', 'EINTR']);

export class OutputError extends CliError {
  readonly code?: string;
  constructor(code: string | undefined, detail: string) {
    super(`cannot write the output: ${(code && REASONS[code]) ?? detail}`, ExitCode.failure);
    this.code = code;
  }
}

export class Output {
  private pending?: Buffer;
  private queue: string[] = [];
  private queued = 0;
  private error?: OutputError;
  private gone = false;
  private sealed = false;
  private attempt = 0;
  private waiting = false;
  private scheduled = false;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private readonly opts: OutputOptions;

  constructor(opts: OutputOptions) {
    this.opts = opts;
  }

  /** Bytes written but not yet accepted by the kernel. */
  get backlog(): number {
    return (this.pending?.length ?? 0) + this.queued;
  }

  /** Queue `chunk` and write what can be written now. Throws once the output is known to be broken. */
  write(chunk: string): boolean {
    if (this.error) throw this.error;
    if (this.gone || this.sealed || chunk === '') return true;
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.opts.coalesce) this.schedule();
    else if (!this.waiting) this.pump();
    if (this.error) throw this.error;
    return this.backlog === 0;
  }

  /**
   * Accept nothing more (later writes are dropped) but finish what was already written: on a
   * signal, the line being written is completed and no new one is begun.
   */
  seal(): void {
    this.sealed = true;
  }

  /** Resolves once everything written so far is in the kernel's hands; rejects if the output broke. */
  flush(): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    if (this.backlog === 0 || this.gone) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private schedule(): void {
    if (this.scheduled || this.waiting) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.waiting) this.pump();
    });
  }

  private pump(): void {
    this.pending ??= this.next();
    while (this.pending !== undefined) {
      let n: number;
      try {
        n = this.opts.writeSync(this.opts.fd, this.pending);
      } catch (err) {
        this.fail(err);
        return;
      }
      this.attempt = 0;
      this.pending = n >= this.pending.length ? this.next() : this.pending.subarray(n);
    }
    this.settle();
  }

  /**
   * The next bytes to write: what is queued, up to about MAX_WRITE characters. A 31 MiB line goes
   * out a slice at a time, so it is never held as text and as bytes at once, nor is a long queue
   * joined into one copy.
   */
  private next(): Buffer | undefined {
    if (this.queue.length === 0) return undefined;
    let take = 0;
    let chars = 0;
    while (take < this.queue.length && chars < MAX_WRITE) chars += this.queue[take++]!.length;
    let text = take === 1 ? this.queue[0]! : this.queue.slice(0, take).join('');
    this.queue.splice(0, take);
    if (text.length > MAX_WRITE) {
      // Cut between characters: not between the two halves of a surrogate pair.
      let cut = MAX_WRITE;
      const c = text.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut--;
      this.queue.unshift(text.slice(cut));
      text = text.slice(0, cut);
    }
    this.queued -= text.length;
    return Buffer.from(text);
  }

  private fail(err: unknown): void {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code && TRANSIENT.has(code)) {
      this.waiting = true;
      const delay = this.opts.retryDelayMs?.(this.attempt) ?? Math.min(1 + this.attempt * 5, 50);
      this.attempt++;
      const set = this.opts.setTimer ?? setTimeout;
      set(() => {
        this.waiting = false;
        this.pump();
      }, delay);
      return;
    }
    this.pending = undefined;
    this.queue = [];
    this.queued = 0;
    if (code === 'EPIPE') {
      this.gone = true;
      this.settle();
      this.opts.onReaderGone();
      return;
    }
    this.error = new OutputError(code, err instanceof Error ? err.message : String(err));
    this.settle();
  }

  private settle(): void {
    if (this.backlog > 0 && !this.error && !this.gone) return;
    const w = this.waiters;
    this.waiters = [];
    for (const { resolve, reject } of w) {
      if (this.error) reject(this.error);
      else resolve();
    }
  }
}
