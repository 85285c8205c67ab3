/** Which Node the suite runs on: `npm run test:matrix` sets RCUSER_EXPECT_NODE for each line it runs. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const expected = process.env.RCUSER_EXPECT_NODE;
const parse = (v: string) => v.replace(/^v/, '').split('.').map(Number) as [number, number, number];

describe('the Node line under test', () => {
  it('is one package.json allows', () => {
    const [major, minor, patch] = parse(process.version);
    const [fMajor, fMinor, fPatch] = parse(pkg.engines.node.replace(/^>=/, ''));
    expect(major * 1e6 + minor * 1e3 + patch, `${process.version} is below ${pkg.engines.node}`).toBeGreaterThanOrEqual(
      fMajor * 1e6 + fMinor * 1e3 + fPatch,
    );
  });

  it.skipIf(!expected)('runs vitest on the matrix node', () => {
    expect(process.version).toBe(expected);
  });

  // `#!/usr/bin/env node` (bin/rcuser.js once installed, npm in the packaging test) takes the first node on PATH.
  it.skipIf(!expected)('puts the matrix node first on PATH', () => {
    expect(execFileSync('node', ['--version'], { encoding: 'utf8' }).trim()).toBe(expected);
  });
});
