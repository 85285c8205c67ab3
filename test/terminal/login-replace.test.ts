import { describe, expect, it } from 'vitest';
import { SEED_PASSWORDS } from '../fake-server/index.js';
import { useConfigDir, useServer } from '../helpers/harness.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';

/**
 * Issue 21 item 10: `login --name X` over a profile that holds another server or user used to
 * replace it silently (its token lost, never revoked). A script is refused (exit 2) before any
 * password is sent; a person is asked. Removing the active profile at a terminal is asked too.
 */
const server = useServer();
const config = useConfigDir('rcuser-replace-');

const cli = (args: string[], stdin?: string): Promise<CliResult> =>
  runCli(args, { stdin, env: { RCUSER_CONFIG_DIR: config.dir } });
const loginAs = (user: string, extra: string[] = [], pwOf = user): Promise<CliResult> =>
  cli(['login', server.url, '-u', user, '--password-stdin', '--name', 'work', ...extra], `${SEED_PASSWORDS[pwOf]}\n`);
const logins = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/login').length;

describe('in a script', { timeout: 30_000 }, () => {
  it('refuses to replace a profile of another user before the password is sent, naming it and --replace', async () => {
    expect((await loginAs('test.john')).code).toBe(0);
    const token = config.stored().profiles.work!.token;
    const before = logins();
    const r = await loginAs('jane.doe');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `rcuser: profile "work" holds test.john on ${server.url}; this login would replace it (its login token is not revoked)`,
    );
    expect(r.stderr).toContain('or pass --replace');
    expect(logins()).toBe(before);
    expect(config.stored().profiles.work).toMatchObject({ username: 'test.john', token });
    expect(server.isTokenValid(token!)).toBe(true);
  });

  it('--replace allows it; renewing the same user needs nothing', async () => {
    expect((await loginAs('test.john')).code).toBe(0);
    expect((await loginAs('test.john')).code).toBe(0);
    expect((await loginAs('jane.doe', ['--replace'])).code).toBe(0);
    expect(config.stored().profiles.work!.username).toBe('jane.doe');
  });

  it('an e-mail login that turns out to be another user is refused, and its new token revoked', async () => {
    expect((await loginAs('test.john')).code).toBe(0);
    const r = await loginAs('jane.doe@example.com', [], 'jane.doe');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profile "work" holds test.john on');
    expect(config.stored().profiles.work!.username).toBe('test.john');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/logout' });
  });
});

describe.runIf(hasPython)(`at a terminal${PTY_SKIP}`, { timeout: 30_000 }, () => {
  it('asks before replacing; no keeps the profile and sends no password', async () => {
    expect((await loginAs('test.john')).code).toBe(0);
    const before = logins();
    const s = runInPty(['login', server.url, '-u', 'jane.doe', '--name', 'work'], { RCUSER_CONFIG_DIR: config.dir });
    await s.waitFor(
      `Profile "work" holds test.john on ${server.url}. Replace it (its login token is not revoked)? [y/N] `,
    );
    s.type('\r');
    expect(await s.exit).toBe(2);
    expect(s.transcript()).toContain('rcuser: kept profile "work"; nothing was stored');
    expect(logins()).toBe(before);

    const yes = runInPty(['login', server.url, '-u', 'jane.doe', '--name', 'work'], { RCUSER_CONFIG_DIR: config.dir });
    await yes.waitFor('[y/N] ');
    yes.type('y\r');
    await yes.waitFor('Password for jane.doe');
    yes.type(`${SEED_PASSWORDS['jane.doe']!}\r`);
    expect(await yes.exit).toBe(0);
    expect(config.stored().profiles.work!.username).toBe('jane.doe');
  });

  it('asks before removing the active profile', async () => {
    expect((await loginAs('test.john')).code).toBe(0);
    const no = runInPty(['profiles', 'remove', 'work'], { RCUSER_CONFIG_DIR: config.dir });
    await no.waitFor(`"work" (test.john on ${server.url}) is the active profile. Remove it? [y/N] `);
    no.type('n\r');
    expect(await no.exit).toBe(2);
    expect(config.stored().profiles.work).toBeDefined();
    const yes = runInPty(['profiles', 'remove', 'work'], { RCUSER_CONFIG_DIR: config.dir });
    await yes.waitFor('Remove it? [y/N] ');
    yes.type('yes\r');
    expect(await yes.exit).toBe(0);
    expect(config.stored().profiles.work).toBeUndefined();
  });
});
