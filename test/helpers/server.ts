/** Kept for tests written before test/helpers/harness.ts: `server` is its startServer. */
export { startServer as server } from './harness.js';
