/** Flag parsing through each command's `run` parameter (gh's runF): what a run function receives, without running it. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { createProgram } from '../../src/root/program.js';
import { testContext } from '../helpers/io.js';
import { parseFlags } from '../helpers/flags.js';

const parse = parseFlags;

const GLOBAL_DEFAULTS = {
  server: undefined,
  profile: undefined,
  timeout: 30,
  color: true,
  verbose: undefined,
  caFile: undefined,
  insecure: undefined,
  allowHttp: undefined,
  from: {},
  envAuth: { userId: undefined, token: undefined },
  envProfile: undefined,
};

describe('rcuser info flags', () => {
  it('every flag, and the globals given before the command', async () => {
    const c = await parse([
      '--server',
      'chat.example.com',
      '--timeout',
      '5',
      '--verbose',
      '--no-color',
      'info',
      '@a',
      'b',
      '--rooms',
      '--json',
      '--concurrency',
      '3',
      '--max-wait',
      '7',
    ]);
    expect(c).toEqual({
      cmd: 'info',
      opts: {
        ...GLOBAL_DEFAULTS,
        server: 'chat.example.com',
        from: { server: '--server' },
        timeout: 5,
        verbose: true,
        color: false,
        users: ['@a', 'b'],
        username: undefined,
        userId: undefined,
        importId: undefined,
        email: undefined,
        rooms: true,
        json: true,
        concurrency: 3,
        maxWait: 7,
      },
    });
  });

  it('lookup flags and defaults', async () => {
    const c = await parse([
      'info',
      '--user-id',
      'U1',
      '--profile',
      'work',
      '--ca-file',
      'ca.pem',
      '--insecure',
      '--allow-http',
    ]);
    expect(c.opts).toEqual({
      ...GLOBAL_DEFAULTS,
      profile: 'work',
      caFile: 'ca.pem',
      from: { profile: '--profile', caFile: '--ca-file' },
      insecure: true,
      allowHttp: true,
      users: [],
      username: undefined,
      userId: 'U1',
      importId: undefined,
      email: undefined,
      rooms: undefined,
      json: undefined,
      concurrency: 8,
      maxWait: 120,
    });
    expect((await parse(['info', '--import-id', 'I', '--email', 'e@x', '--username', 'u'])).opts).toMatchObject({
      importId: 'I',
      email: 'e@x',
      username: 'u',
    });
  });

  it('a bad number is a usage error before anything runs', async () => {
    const ctx = testContext();
    expect(await main(['info', 'x', '--concurrency', '0'], ctx)).toBe(2);
    expect(ctx.io.err()).toContain('--concurrency takes a whole number from 1 to 64, not "0"');
  });
});

describe('the environment, resolved before a command runs', () => {
  const env = {
    RCUSER_SERVER: 'env.example.com',
    RCUSER_PROFILE: 'envp',
    RCUSER_CA_FILE: 'env.pem',
    RCUSER_USER_ID: 'U',
    RCUSER_TOKEN: 'T',
  };

  it('fills in what no flag gave, and says where each value came from', async () => {
    expect((await parse(['whoami'], env)).opts).toMatchObject({
      server: 'env.example.com',
      profile: 'envp',
      caFile: 'env.pem',
      from: { server: 'RCUSER_SERVER', profile: 'RCUSER_PROFILE', caFile: 'RCUSER_CA_FILE' },
      envAuth: { userId: 'U', token: 'T' },
      envProfile: 'envp',
    });
  });

  it('a flag beats the environment; an empty variable counts as unset', async () => {
    const c = await parse(['status', '--server', 'flag.example.com', '--profile', 'flagp'], {
      ...env,
      RCUSER_CA_FILE: '',
    });
    expect(c.opts).toMatchObject({
      server: 'flag.example.com',
      profile: 'flagp',
      caFile: undefined,
      from: { server: '--server', profile: '--profile' },
      envProfile: 'envp',
    });
    expect((c.opts.from as Record<string, string>).caFile).toBeUndefined();
  });

  it('RCUSER_2FA_CODE stands in for --code', async () => {
    expect((await parse(['login', 's'], { RCUSER_2FA_CODE: '123456' })).opts).toMatchObject({
      code: '123456',
      from: { code: 'RCUSER_2FA_CODE' },
    });
    expect((await parse(['login', 's', '--code', '9'], { RCUSER_2FA_CODE: '123456' })).opts).toMatchObject({
      code: '9',
      from: { code: '--code' },
    });
  });
});

describe('rcuser login flags', () => {
  it('the server argument apart from --server, and every flag', async () => {
    const c = await parse([
      'login',
      'chat.example.com',
      '-u',
      'jane',
      '--password-stdin',
      '--code',
      '123456',
      '--name',
      'work',
    ]);
    expect(c).toEqual({
      cmd: 'login',
      opts: {
        ...GLOBAL_DEFAULTS,
        from: { code: '--code' },
        serverArg: 'chat.example.com',
        username: 'jane',
        passwordStdin: true,
        code: '123456',
        tokenStdin: undefined,
        userId: undefined,
        name: 'work',
      },
    });
  });

  it('a personal access token; no server argument', async () => {
    const c = await parse(['--server', 's', 'login', '--token-stdin', '--user-id', 'U1']);
    expect(c.opts.serverArg).toBeUndefined();
    expect(c.opts).toMatchObject({
      server: 's',
      tokenStdin: true,
      userId: 'U1',
      username: undefined,
      passwordStdin: undefined,
    });
  });
});

describe('the commands that had no run parameter', () => {
  it.each([
    [['whoami', '--json'], 'whoami', { json: true }],
    [['whoami'], 'whoami', { json: undefined }],
    [['status', '--json'], 'status', { json: true }],
    [['logout', '--profile', 'work'], 'logout', { profile: 'work' }],
    [['use', 'work'], 'use', { name: 'work' }],
    [['profiles', '--json'], 'profiles', { json: true }],
    [['profiles', 'rename', 'a', 'b'], 'rename', { profile: 'a', newName: 'b' }],
    [['profiles', 'remove', 'old'], 'remove', { name: 'old' }],
    [['completion', 'zsh'], 'completion', { shell: 'zsh' }],
    [
      ['diff', 'a.ndjson', '-', '--exit-code'],
      'diff',
      { before: 'a.ndjson', after: '-', exitCode: true, json: undefined },
    ],
    [['__profiles'], 'profileNames', { timeout: 30 }],
  ])('%j', async (argv, cmd, opts) => {
    const c = await parse(argv);
    expect(c.cmd).toBe(cmd);
    expect(c.opts).toMatchObject({ ...opts, timeout: 30, envAuth: {} });
  });

  it('a run function returns the exit code main returns', async () => {
    const ctx = testContext();
    const program = createProgram(ctx, { whoami: async () => 4 });
    await program.parseAsync(['whoami'], { from: 'user' });
    expect(ctx.exitCode).toBe(4);
  });
});
