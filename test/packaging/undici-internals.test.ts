/**
 * src/api/undici.ts loads undici's internal files one by one and installs `connect` on the
 * dispatcher prototype itself. Those files are not undici's public API: this test fails when an
 * upgrade moves or reshapes them, before any user does. undici is pinned exactly for the same reason.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const readJson = (p: string) => JSON.parse(readFileSync(new URL(p, root), 'utf8'));

describe('undici internals rcuser relies on', () => {
  it('undici is pinned to one version in package.json and package-lock.json, and that one is installed', () => {
    const pinned = readJson('package.json').devDependencies.undici as string;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = readJson('package-lock.json');
    expect(lock.packages[''].devDependencies.undici).toBe(pinned);
    expect(lock.packages['node_modules/undici'].version).toBe(pinned);
    expect(require('undici/package.json').version).toBe(pinned);
  });

  it('the deep files exist with the shapes undici.ts and undici-deep.d.ts give them', () => {
    const Dispatcher = require('undici/lib/dispatcher/dispatcher.js');
    const Agent = require('undici/lib/dispatcher/agent.js');
    const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js');
    const request = require('undici/lib/api/api-request.js');
    const connect = require('undici/lib/api/api-connect.js');
    expect(Agent.prototype).toBeInstanceOf(Dispatcher);
    expect(EnvHttpProxyAgent.prototype).toBeInstanceOf(Dispatcher);
    expect(typeof request).toBe('function');
    expect(typeof connect).toBe('function');
    // They are the very functions undici's index installs on the prototype.
    const api = require('undici/lib/api/index.js');
    expect(api.request).toBe(request);
    expect(api.connect).toBe(connect);
  });

  it("undici's index still installs its API on Dispatcher.prototype, and proxies still tunnel through connect", () => {
    const index = readFileSync(require.resolve('undici/index.js'), 'utf8');
    expect(index).toMatch(/Object\.assign\(Dispatcher\.prototype, api\)/);
    const proxy = readFileSync(require.resolve('undici/lib/dispatcher/proxy-agent.js'), 'utf8');
    expect(proxy).toMatch(/\]\.connect\(/);
  });

  it('loading undici.ts gives every dispatcher `connect`, as the index would', async () => {
    const { Agent } = await import('../../src/api/undici.js');
    const connect = require('undici/lib/api/api-connect.js');
    expect((Agent.prototype as unknown as { connect: unknown }).connect).toBe(connect);
  });
});
