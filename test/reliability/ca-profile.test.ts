/**
 * --ca-file is remembered: a login that trusted a private CA stores the CA's path with the profile,
 * so the next command trusts the same server. --insecure is never remembered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTestPki, type TestPki } from '../helpers/tls.js';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { expectClean, startServer } from './servers.js';

let pki: TestPki;
let tmp: string;
beforeAll(() => {
  pki = makeTestPki();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-ca-'));
});
afterAll(() => {
  pki.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
async function setup() {
  const s = await startServer({ https: { key: pki.key, cert: pki.cert } });
  const env = { RCUSER_CONFIG_DIR: path.join(tmp, `config-${n++}`) };
  const login = (extra: string[]) =>
    runCli(['login', s.url, '-u', 'test.john', '--password-stdin', ...extra], {
      env,
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
    });
  return { s, env, login };
}

describe('--ca-file stored with the profile', () => {
  it('a login with --ca-file: the next whoami trusts the server without it, and says which CA', async () => {
    const { s, env, login } = await setup();
    const r = await login(['--ca-file', pki.caFile]);
    expect(r.code).toBe(0);
    const who = await runCli(['whoami'], { env });
    expectClean(who);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain(`  CA file      ${pki.caFile}\n`);
    const json = JSON.parse((await runCli(['whoami', '--json'], { env })).stdout);
    expect(json).toMatchObject({ server: s.url, caFile: pki.caFile });
    const info = await runCli(['info', 'test.john', '--json'], { env });
    expect(info.code).toBe(0);
  });

  it('`rcuser profiles` shows the CA file (text and --json)', async () => {
    const { login, env } = await setup();
    await login(['--ca-file', pki.caFile]);
    const list = await runCli(['profiles'], { env });
    expect(list.stdout.split('\n')[0]).toMatch(/ STORED +CA FILE$/);
    expect(list.stdout).toContain(pki.caFile);
    expect(JSON.parse((await runCli(['profiles', '--json'], { env })).stdout)[0].caFile).toBe(pki.caFile);
  });

  it('a relative --ca-file is stored as an absolute path', async () => {
    const { login, env } = await setup();
    const rel = path.relative(process.cwd(), pki.caFile);
    expect(path.isAbsolute(rel)).toBe(false);
    expect((await login(['--ca-file', rel])).code).toBe(0);
    expect(JSON.parse((await runCli(['profiles', '--json'], { env })).stdout)[0].caFile).toBe(pki.caFile);
  });

  it('--insecure is never stored: the next command verifies again', async () => {
    const { login, env } = await setup();
    const r = await login(['--insecure']);
    expect(r.code).toBe(0);
    const who = await runCli(['whoami'], { env });
    expect(who.code).toBe(1);
    expect(who.stderr).toContain('could not verify the TLS certificate');
    expect(JSON.parse((await runCli(['profiles', '--json'], { env })).stdout)[0]).not.toHaveProperty('caFile');
  });

  it('a stored CA file that has gone: exit 2 naming the profile', async () => {
    const { login, env } = await setup();
    const copy = path.join(tmp, `ca-copy-${n}.pem`);
    fs.copyFileSync(pki.caFile, copy);
    await login(['--ca-file', copy]);
    fs.rmSync(copy);
    const who = await runCli(['whoami'], { env });
    expect(who.code).toBe(2);
    expect(who.stderr).toContain(`cannot read the CA file ${copy} given by profile "127.0.0.1:`);
  });
});
