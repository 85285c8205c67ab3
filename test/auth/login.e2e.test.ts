import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_IDS, SEED_PASSWORDS } from '../fake-server/index.js';
import { useConfigDir, useServer } from '../helpers/harness.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { notOnWindows, onWindows } from '../helpers/platform.js';

const server = useServer();
const config = useConfigDir('rcuser-auth-');

const cli = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> =>
  runCli(args, { stdin: opts.stdin, env: { RCUSER_CONFIG_DIR: config.dir, ...opts.env } });

const file = (): string => path.join(config.dir, 'profiles.json');

async function loginJohn(extra: string[] = []): Promise<CliResult> {
  return cli(['login', server.url, '-u', 'test.john', '--password-stdin', ...extra], {
    stdin: `${SEED_PASSWORDS['test.john']}\n`,
  });
}

describe('login → info → whoami → logout (the issue\'s "done when")', () => {
  it('works end to end from a fresh config dir', async () => {
    const login = await loginJohn();
    expect(login).toEqual({
      code: 0,
      stdout: '',
      stderr: `Logged in to ${server.url} as test.john (profile "${server.host}", now active)\n`,
    });

    if (process.platform !== 'win32') expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    const { active, profiles } = config.stored();
    expect(active).toBe(server.host);
    const p = profiles[server.host]!;
    expect(p).toMatchObject({
      name: server.host,
      server: server.url,
      userId: SEED_IDS['test.john'],
      username: 'test.john',
      tokenKind: 'login',
      serverVersion: '8.8',
    });
    expect(Object.keys(p).sort()).toEqual([
      'name',
      'server',
      'serverVersion',
      'storedAt',
      'token',
      'tokenKind',
      'userId',
      'username',
    ]);
    expect(server.isTokenValid(p.token!)).toBe(true);
    expect(JSON.stringify(config.stored())).not.toContain(SEED_PASSWORDS['test.john']);

    const info = await cli(['info', 'test.john', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).username).toBe('test.john');

    const who = await cli(['whoami', '--json']);
    expect(who.code).toBe(0);
    const w = JSON.parse(who.stdout);
    expect(w).toMatchObject({
      username: 'test.john',
      name: 'Test John',
      userId: SEED_IDS['test.john'],
      server: server.url,
      profile: server.host,
      credentials: 'profile',
      tokenKind: 'login',
      tokenEnd: p.token!.slice(-4),
      tokenAgeDays: 0,
    });
    expect(who.stdout + who.stderr).not.toContain(p.token!);

    const human = await cli(['whoami']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Test John (@test.john)\n');
    expect(human.stdout).toContain(`  Credentials  profile "${server.host}"\n`);
    expect(human.stdout).toContain(`  Token        login token, ending …${p.token!.slice(-4)}, stored `);
    expect(human.stdout).not.toContain(p.token!);

    const out = await cli(['logout']);
    expect(out).toEqual({
      code: 0,
      stdout: '',
      stderr: `Logged out test.john on ${server.url}; profile "${server.host}" removed.\n`,
    });
    expect(server.isTokenValid(p.token!)).toBe(false);
    expect(config.stored().profiles).toEqual({});

    const after = await cli(['whoami']);
    expect(after.code).toBe(4);
    expect(after.stderr).toContain('rcuser login');
    // The revoked token itself now gets a 401 from the server.
    const res = await fetch(`${server.url}/api/v1/me`, {
      headers: { 'x-user-id': p.userId!, 'x-auth-token': p.token! },
    });
    expect(res.status).toBe(401);
  });
});

describe('login', () => {
  it('accepts an e-mail address as the user and a --name for the profile', async () => {
    const r = await cli(['login', server.url, '-u', 'test.john@test.com', '--password-stdin', '--name', 'work'], {
      stdin: `${SEED_PASSWORDS['test.john']}\n`,
    });
    expect(r.stderr).toBe(`Logged in to ${server.url} as test.john (profile "work", now active)\n`);
    expect(config.stored().active).toBe('work');
  });

  it('wrong password: exit 4, nothing stored', async () => {
    const r = await cli(['login', server.url, '-u', 'test.john', '--password-stdin'], { stdin: 'nope\n' });
    expect(r).toEqual({
      code: 4,
      stdout: '',
      stderr:
        `rcuser: wrong username or password\n  check both (the username may also be an e-mail address), then run \`rcuser login ${server.url} -u test.john --password-stdin\`;\n` +
        '  accounts that sign in through SSO (SAML, OAuth, CAS) have no password here: create a personal access token (My Account → Personal Access Tokens) and run:\n' +
        `    rcuser login ${server.url} --token-stdin --user-id <your-user-id> < token.txt\n`,
    });
    expect(fs.existsSync(file())).toBe(false);
  });

  it('without a terminal and without --password-stdin: usage error naming --password-stdin, before any request', async () => {
    const before = server.requests.length;
    const r = await cli(['login', server.url, '-u', 'test.john']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--password-stdin');
    expect(server.requests.length).toBe(before);
  });

  it('without -u and without a terminal: usage error naming -u', async () => {
    const r = await cli(['login', server.url, '--password-stdin'], { stdin: 'x\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-u <name-or-email>');
  });

  it('refuses plain http to a remote host unless --allow-http', async () => {
    const r = await cli(['login', 'http://chat.example.com', '-u', 'x', '--password-stdin'], { stdin: 'x\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing plain http:// to chat.example.com');
  });

  it('a URL that is not Rocket.Chat: exit 1 naming the URL and what came back, before reading the password', async () => {
    const r = await cli(['login', `${server.url}/somewhere`, '-u', 'test.john', '--password-stdin'], { stdin: 'x\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${server.url}/somewhere`);
    expect(r.stderr).toContain('HTTP 200');
    expect(r.stderr).toContain('text/html');
    expect(server.requests.some((q) => q.path.endsWith('/api/v1/login') && q.path.includes('somewhere'))).toBe(false);
  });

  it('TOTP user in a script: exit 4 naming --code, then --code logs in', async () => {
    const stdin = `${SEED_PASSWORDS['tina.totp']}\n`;
    const first = await cli(['login', server.url, '-u', 'tina.totp', '--password-stdin'], { stdin });
    expect(first.code).toBe(4);
    expect(first.stderr).toBe(
      `rcuser: ${server.url} asks for a two-factor code from your authenticator app (or a backup code)\n  there is no terminal to ask for it: run \`rcuser login ${server.url} -u tina.totp --password-stdin --code <code>\` (or set RCUSER_2FA_CODE)\n`,
    );
    const ok = await cli(
      ['login', server.url, '-u', 'tina.totp', '--password-stdin', '--code', server.totpCode('tina.totp')],
      { stdin },
    );
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe(`Logged in to ${server.url} as tina.totp (profile "${server.host}", now active)\n`);
  });

  it('TOTP code from RCUSER_2FA_CODE; a wrong code is exit 4 naming --code', async () => {
    const stdin = `${SEED_PASSWORDS['tina.totp']}\n`;
    const bad = await cli(['login', server.url, '-u', 'tina.totp', '--password-stdin'], {
      stdin,
      env: { RCUSER_2FA_CODE: '000000' },
    });
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('the two-factor code was not accepted');
    expect(bad.stderr).toContain('--code');
    const ok = await cli(['login', server.url, '-u', 'tina.totp', '--password-stdin'], {
      stdin,
      env: { RCUSER_2FA_CODE: server.totpCode('tina.totp') },
    });
    expect(ok.code).toBe(0);
  });

  it('e-mail 2FA user: the first attempt says where the code went, the second passes it with --code', async () => {
    const stdin = `${SEED_PASSWORDS['eddie.email']}\n`;
    const first = await cli(['login', server.url, '-u', 'eddie.email', '--password-stdin'], { stdin });
    expect(first.code).toBe(4);
    expect(first.stderr).toContain(`${server.url} asks for a two-factor code, sent by e-mail to eddie.email`);
    const code = server.lastEmailCode('eddie.email');
    expect(code).toMatch(/^\d{6}$/);
    const ok = await cli(['login', server.url, '-u', 'eddie.email', '--password-stdin', '--code', code!], { stdin });
    expect(ok.code).toBe(0);
    expect(config.stored().profiles[server.host]!.username).toBe('eddie.email');
  });

  it('a personal access token: checked with /me, stored as such, and logout does not revoke it', async () => {
    const pat = server.createPersonalAccessToken('jane.doe', 'cli');
    const r = await cli(['login', server.url, '--token-stdin', '--user-id', pat.userId], { stdin: `${pat.token}\n` });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: `Stored a personal access token for jane.doe on ${server.url} (profile "${server.host}", now active)\n`,
    });
    expect(config.stored().profiles[server.host]).toMatchObject({
      tokenKind: 'personal-access-token',
      username: 'jane.doe',
      userId: pat.userId,
    });

    const who = await cli(['whoami', '--json']);
    expect(JSON.parse(who.stdout)).toMatchObject({
      tokenKind: 'personal-access-token',
      tokenAgeDays: null,
      username: 'jane.doe',
    });

    const logoutsBefore = server.requests.filter((q) => q.path === '/api/v1/logout').length;
    const out = await cli(['logout']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('Forgot the personal access token of jane.doe');
    expect(out.stderr).toContain('It was not revoked');
    expect(server.requests.filter((q) => q.path === '/api/v1/logout').length).toBe(logoutsBefore);
    expect(server.isTokenValid(pat.token)).toBe(true);
    expect(config.stored().profiles).toEqual({});
  });

  it('a personal access token the server rejects: exit 4, nothing stored', async () => {
    const r = await cli(['login', server.url, '--token-stdin', '--user-id', SEED_IDS['jane.doe']], {
      stdin: 'not-a-real-token-xxxxxxxxxxxx\n',
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`does not accept this token for user id ${SEED_IDS['jane.doe']}`);
    expect(r.stderr).not.toContain('not-a-real-token');
    expect(fs.existsSync(file())).toBe(false);
  });

  it('--token-stdin without --user-id is a usage error', async () => {
    const r = await cli(['login', server.url, '--token-stdin'], { stdin: 'x\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--token-stdin needs --user-id <id>');
  });

  it('two logins at once both end up stored', async () => {
    const stdin = `${SEED_PASSWORDS['test.john']}\n`;
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const results = await Promise.all(
      names.map((n) => cli(['login', server.url, '-u', 'test.john', '--password-stdin', '--name', n], { stdin })),
    );
    expect(results.map((r) => r.code)).toEqual(names.map(() => 0));
    expect(Object.keys(config.stored().profiles).sort()).toEqual(names);
    expect(fs.existsSync(`${file()}.lock`)).toBe(false);
  });

  it.skipIf(onWindows)(
    `a profile file readable by others: every command warns like ssh${notOnWindows('file modes')}`,
    async () => {
      await loginJohn();
      fs.chmodSync(file(), 0o644);
      const r = await cli(['profiles', '--json']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(
        `rcuser: warning: permissions 0644 for ${file()} are too open: others may read your tokens; run chmod 600 ${file()}\n`,
      );
      expect(JSON.parse(r.stdout)).toHaveLength(1);
    },
  );

  it('a corrupt profile file: login stops before the password is used, names the file, keeps it', async () => {
    fs.writeFileSync(file(), '{"profiles": {', { mode: 0o600 });
    const logins = (): number => server.requests.filter((q) => q.path === '/api/v1/login').length;
    const before = logins();
    const r = await loginJohn();
    expect(logins()).toBe(before);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the profile file ${file()} is damaged`);
    expect(fs.readFileSync(file(), 'utf8')).toBe('{"profiles": {');
  });
});

describe('login with no server', () => {
  it('logs in again to the active profile: same server, name and user; the old token is replaced', async () => {
    expect((await loginJohn(['--name', 'work'])).code).toBe(0);
    const before = config.stored().profiles.work!.token!;
    const again = await cli(['login', '--password-stdin'], { stdin: `${SEED_PASSWORDS['test.john']}\n` });
    expect(again).toEqual({
      code: 0,
      stdout: '',
      stderr: `Logging in again to ${server.url} as test.john (profile "work")\nLogged in to ${server.url} as test.john (profile "work", now active)\n`,
    });
    const { active, profiles } = config.stored();
    expect(active).toBe('work');
    expect(Object.keys(profiles)).toEqual(['work']);
    expect(profiles.work!.token).not.toBe(before);
  });

  it('with no profile stored either, asks for a server (exit 2)', async () => {
    const r = await cli(['login', '--password-stdin'], { stdin: 'x\n' });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "rcuser: which server? none given\n  run `rcuser login <server>`, e.g. `rcuser login chat.example.com`\nRun 'rcuser login --help' for usage.\n",
    });
  });

  it('--profile names the profile to renew; an unknown one is a usage error', async () => {
    expect((await loginJohn(['--name', 'work'])).code).toBe(0);
    const r = await cli(['login', '--profile', 'nope', '--password-stdin'], { stdin: 'x\n' });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'rcuser: no profile named "nope"\n  stored profiles: work\nRun \'rcuser login --help\' for usage.\n',
    });
  });
});
