// The built-in stand-ins of the bundle (scripts/build.mjs), apart so a test can load each one.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Node built-ins that dependencies require at load time but rcuser rarely or never uses; each costs
 * several milliseconds to compile on every start. commander loads child_process for git-style
 * executable subcommands (rcuser has none); undici loads http2 (which loads tls) for HTTP/2, which
 * rcuser does not enable, and assert for checks that pass. They are swapped for stand-ins that load
 * the real module on first use.
 */
export const LAZY_BUILTINS = {
  'node:child_process': () => '{}',
  // undici destructures http2.constants at load time: give it the constants, computed here.
  'node:http2': () => `{ constants: ${JSON.stringify(require('node:http2').constants)} }`,
  // undici calls assert(condition) on every request: a passing check needs no module at all.
  'node:assert': () => 'function assert(value) { if (!value) return load().apply(this, arguments); }',
};

/** The module text that replaces built-in `id` in the bundle: the eager part, the rest on first use. */
export function standInSource(id) {
  return `let real;
const load = () => (real ??= require(${JSON.stringify(id)}));
const eager = ${LAZY_BUILTINS[id]()};
module.exports = new Proxy(eager, {
  get: (t, k) => (k in t ? t[k] : load()[k]),
  has: (t, k) => k in t || k in load(),
});`;
}
