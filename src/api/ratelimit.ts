/**
 * Rocket.Chat's rate limiter (its `ApiClass.enforceRateLimit`): N calls per window per (client IP, route), with
 * X-RateLimit-Remaining / X-RateLimit-Reset (epoch ms) on every limited answer and 429 past the limit.
 * One gate is shared by every request of a client, so concurrent batch workers pause together when
 * the window is used up instead of each collecting its own 429.
 */
import { headerValue } from './errors.js';
import type { HttpResponse } from './http.js';

export interface RateLimitOptions {
  /** Longest single wait; a longer one is not waited for (the request fails with the server's 429). */
  maxWaitMs: number;
  /** Told once per wait how long it will be (the command prints it; the api layer never does). */
  onWait?: (ms: number) => void;
  now?: () => number;
}

/** How long a 429 asks us to wait: until X-RateLimit-Reset, else the seconds in the message, else 1 s. */
export function retryDelay(res: HttpResponse, now: number): number {
  const fromMessage = messageSeconds(res.text);
  const reset = Number(headerValue(res.headers['x-ratelimit-reset']));
  if (Number.isFinite(reset) && reset > 0) {
    const ms = reset - now;
    // A clock far off the server's makes the header useless; the message's seconds are relative.
    const plausible = fromMessage === undefined || (ms > 0 && ms <= fromMessage + 5_000);
    if (ms > 0 && plausible) return ms;
  }
  return fromMessage ?? 1_000;
}

function messageSeconds(text: string): number | undefined {
  const m = /wait (\d+) seconds?/i.exec(text);
  return m ? Number(m[1]) * 1000 : undefined;
}

/** Consecutive 429s for one request before giving up: a server that never lets us in is broken. */
const MAX_ATTEMPTS = 20;

export class RateGate {
  private readonly opts: RateLimitOptions;
  private readonly now: () => number;
  /** Requests the current window still allows (Infinity: the server has not told us). */
  private remaining = Infinity;
  /** When the current window ends (epoch ms); 0 when unknown. */
  private resetAt = 0;
  private inFlight = 0;
  /** The reset time last announced through onWait, so a shared wait is reported once. */
  private announced = 0;
  private readonly timers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();
  private closed = false;

  constructor(opts: RateLimitOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
  }

  get maxAttempts(): number {
    return MAX_ATTEMPTS;
  }

  /** Wait, if the window is used up, until it resets (unless that is longer than --max-wait). */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (this.resetAt <= now) {
        this.remaining = Infinity;
        this.resetAt = 0;
      }
      const wait = this.resetAt - now;
      if (this.remaining > 0 || this.closed || wait > this.opts.maxWaitMs) break;
      await this.sleepUntil(this.resetAt);
    }
    this.remaining -= 1;
    this.inFlight += 1;
  }

  /** Learn the window from an answer's headers; call once per acquire(), without `res` when the request failed. */
  settle(res?: HttpResponse): void {
    this.inFlight -= 1;
    if (!res) return;
    const remaining = Number(headerValue(res.headers['x-ratelimit-remaining']));
    const reset = Number(headerValue(res.headers['x-ratelimit-reset']));
    if (res.status === 429) {
      this.pauseUntil(this.now() + retryDelay(res, this.now()));
      return;
    }
    if (!Number.isFinite(remaining) || !Number.isFinite(reset) || reset <= this.now()) return;
    if (reset > this.resetAt + 50) {
      // A new window: the requests still in flight were counted against it too.
      this.resetAt = reset;
      this.remaining = Math.max(0, remaining - this.inFlight);
    } else {
      this.remaining = Math.min(this.remaining, remaining);
    }
  }

  /** Nobody starts a request before `until`. */
  pauseUntil(until: number): void {
    if (until > this.resetAt) this.resetAt = until;
    this.remaining = 0;
  }

  /** Whether a 429 asking for `ms` is worth waiting for. */
  withinMaxWait(ms: number): boolean {
    return ms <= this.opts.maxWaitMs;
  }

  /** Wake every sleeper: the command is over (finished, failed or interrupted). */
  close(): void {
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private sleepUntil(until: number): Promise<void> {
    const ms = Math.max(0, until - this.now());
    if (until > this.announced) {
      this.announced = until;
      this.opts.onWait?.(ms);
    }
    return new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
      };
      this.timers.add(entry);
    });
  }
}

/**
 * One gate per route: Rocket.Chat keys its limiter on route + method (+ client address; develop adds
 * per-user rules, rateLimiter.ts), so a used-up window on users.info says nothing about another
 * endpoint, and a wait on one must never stall the others.
 */
export class RouteGates {
  private readonly gates = new Map<string, RateGate>();
  private closed = false;

  constructor(private readonly opts: RateLimitOptions) {}

  /** The gate of `method path` (the query is not part of the route). */
  for(method: string, path: string): RateGate {
    const key = routeKey(method, path);
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new RateGate(this.opts);
      if (this.closed) gate.close();
      this.gates.set(key, gate);
    }
    return gate;
  }

  close(): void {
    this.closed = true;
    for (const gate of this.gates.values()) gate.close();
  }
}

export function routeKey(method: string, path: string): string {
  const q = path.indexOf('?');
  return `${method.toUpperCase()} ${q < 0 ? path : path.slice(0, q)}`;
}
