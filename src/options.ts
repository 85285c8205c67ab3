import { InvalidArgumentError } from 'commander';

// Node's timers hold at most 2^31-1 ms (24.8 days); a longer one fires after 1 ms instead.
const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** commander argParsers that turn bad numbers into usage errors (exit 2). Seconds past a timer's range mean "that long", capped. */
export function positiveNumber(flag: string, min?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} takes a positive number, not "${value}"`);
    // A timer below 1 ms is no timer (undici refuses it): say so rather than round it to something else.
    if (min !== undefined && n < min) throw new InvalidArgumentError(`${flag} takes at least ${min}, not "${value}"`);
    return Math.min(n, MAX_SECONDS);
  };
}

export function positiveInt(flag: string, max?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1 || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(`${flag} takes a whole number ${max !== undefined ? `from 1 to ${max}` : 'of at least 1'}, not "${value}"`);
    }
    return n;
  };
}
