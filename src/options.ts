import { InvalidArgumentError } from 'commander';

/** commander argParsers that turn bad numbers into usage errors (exit 2). */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} takes a positive number, not "${value}"`);
    return n;
  };
}

export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1) throw new InvalidArgumentError(`${flag} takes a whole number of at least 1, not "${value}"`);
    return n;
  };
}
