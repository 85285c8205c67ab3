/**
 * The bundle replaces some Node built-ins of its dependencies with stand-ins (scripts/lazy-builtins.mjs).
 * Each must give what the dependency reads at load time without loading the real module, and the
 * real module's members on first use.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAZY_BUILTINS, standInSource } from '../../scripts/lazy-builtins.mjs';

const require = createRequire(import.meta.url);

/** Evaluate a stand-in as the bundle does, counting loads of the real module. */
function load(id: string): { mod: any; loads: () => number } {
  let n = 0;
  const req = (x: string) => {
    expect(x).toBe(id);
    n++;
    return require(x);
  };
  const module = { exports: undefined as unknown };
  new Function('require', 'module', standInSource(id))(req, module);
  return { mod: module.exports, loads: () => n };
}

describe('built-in stand-ins', () => {
  it('covers exactly these built-ins', () => {
    expect(Object.keys(LAZY_BUILTINS).sort()).toEqual(['node:assert', 'node:child_process', 'node:http2']);
  });

  it('node:http2: every constant undici destructures at load time, without loading http2', () => {
    const source = readFileSync(require.resolve('undici/lib/dispatcher/client-h2.js'), 'utf8');
    const block = /const \{\s*constants: \{([^}]*)\}\s*\} = http2/.exec(source);
    expect(block).not.toBeNull();
    const names = block![1]!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(names.length).toBeGreaterThan(5);
    const { mod, loads } = load('node:http2');
    const real = require('node:http2').constants;
    for (const name of names) expect(mod.constants[name], name).toBe(real[name]);
    expect(loads()).toBe(0);
    expect(typeof mod.connect).toBe('function');
    expect(loads()).toBe(1);
  });

  it("node:assert: a passing check loads nothing; a failing one throws assert's error", () => {
    const { mod, loads } = load('node:assert');
    mod(true);
    mod(1, 'message');
    expect(loads()).toBe(0);
    expect(() => mod(false, 'boom')).toThrow(require('node:assert').AssertionError);
    expect(mod.strictEqual).toBe(require('node:assert').strictEqual);
  });

  it('node:child_process: nothing at load time, spawn on first use', () => {
    const { mod, loads } = load('node:child_process');
    expect(loads()).toBe(0);
    expect(mod.spawn).toBe(require('node:child_process').spawn);
    expect(loads()).toBe(1);
  });
});
