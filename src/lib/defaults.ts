/** Every default of a flag, in one place: the flags' declarations (cmdutil/flags.ts) and the client read them here. */
export const DEFAULTS = {
  /** --timeout: seconds before a request is given up. */
  timeout: 30,
  /** --concurrency: lookups in flight in a batch. */
  concurrency: 8,
  /** --max-wait: seconds of the longest rate-limit wait. */
  maxWait: 120,
} as const;
