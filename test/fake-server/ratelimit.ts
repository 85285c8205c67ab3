/**
 * Fixed-window limiter per (client IP, route+method), like Rocket.Chat's default API rule
 * `{IPAddr: any, route}`: the window starts at the first call and resets windowMs later.
 */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  waitSeconds: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly calls: number,
    private readonly windowMs: number,
  ) {}

  hit(ip: string, routeKey: string, now: number = Date.now()): RateDecision {
    const key = `${ip} ${routeKey}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    const resetAt = w.start + this.windowMs;
    const allowed = w.count < this.calls;
    if (allowed) w.count += 1;
    return {
      allowed,
      headers: {
        'X-RateLimit-Limit': String(this.calls),
        'X-RateLimit-Remaining': String(Math.max(0, this.calls - w.count)),
        // Epoch milliseconds, as Rocket.Chat sends it.
        'X-RateLimit-Reset': String(resetAt),
      },
      waitSeconds: Math.ceil((resetAt - now) / 1000),
    };
  }
}
