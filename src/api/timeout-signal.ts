/**
 * One request's --timeout as the signal undici aborts it by. undici takes an EventEmitter-shaped
 * signal as well as an AbortSignal; this one costs a timer and an object, where an AbortController
 * (an EventTarget, its listener added and removed per request) cost a batch ~10% of its CPU on
 * Node 20, a few % on 22+.
 */
type Listener = () => void;

export class TimeoutSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Listener[] = [];
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(ms: number) {
    // The same error AbortSignal.timeout() gives, which describeNetworkError knows.
    this.timer = setTimeout(() => this.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
    this.timer.unref();
  }

  on(_event: 'abort', fn: Listener): this {
    this.listeners.push(fn);
    return this;
  }

  once(event: 'abort', fn: Listener): this {
    return this.on(event, fn);
  }

  addListener(event: 'abort', fn: Listener): this {
    return this.on(event, fn);
  }

  removeListener(_event: 'abort', fn: Listener): this {
    const i = this.listeners.indexOf(fn);
    if (i >= 0) this.listeners.splice(i, 1);
    return this;
  }

  off(event: 'abort', fn: Listener): this {
    return this.removeListener(event, fn);
  }

  /** The request is over: its timer must not hold the signal (or the process) any longer. */
  clear(): void {
    clearTimeout(this.timer);
    this.listeners = [];
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const fns = this.listeners;
    this.listeners = [];
    for (const fn of fns) fn();
  }
}
