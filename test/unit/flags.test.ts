/** Flag parsing through each command's `run` parameter (gh's runF): what a run function receives, without running it. */
import { describe, expect, it } from 'vitest';
import type { InfoOptions } from '../../src/commands/info/options.js';
import type { LoginOptions } from '../../src/commands/login/options.js';
import { main } from '../../src/main.js';
import { createProgram } from '../../src/root/program.js';
import { testContext } from '../helpers/io.js';

async function parse(argv: string[]) {
  const ctx = testContext();
  const calls: Array<{ cmd: string; args: unknown; opts: InfoOptions | LoginOptions }> = [];
  const program = createProgram(ctx, {
    info: async (users, opts) => {
      calls.push({ cmd: 'info', args: users, opts });
      return 0;
    },
    login: async (server, opts) => {
      calls.push({ cmd: 'login', args: server, opts });
    },
  });
  await program.parseAsync(argv, { from: 'user' });
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

const GLOBAL_DEFAULTS = { server: undefined, profile: undefined, timeout: 30, color: true, verbose: undefined, caFile: undefined, insecure: undefined, allowHttp: undefined };

describe('rcuser info flags', () => {
  it('every flag, and the globals given before the command', async () => {
    const c = await parse(['--server', 'chat.example.com', '--timeout', '5', '--verbose', '--no-color', 'info', '@a', 'b', '--rooms', '--json', '--concurrency', '3', '--max-wait', '7']);
    expect(c).toEqual({
      cmd: 'info',
      args: ['@a', 'b'],
      opts: {
        ...GLOBAL_DEFAULTS,
        server: 'chat.example.com',
        timeout: 5,
        verbose: true,
        color: false,
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
    const c = await parse(['info', '--user-id', 'U1', '--profile', 'work', '--ca-file', 'ca.pem', '--insecure', '--allow-http']);
    expect(c.args).toEqual([]);
    expect(c.opts).toEqual({
      ...GLOBAL_DEFAULTS,
      profile: 'work',
      caFile: 'ca.pem',
      insecure: true,
      allowHttp: true,
      username: undefined,
      userId: 'U1',
      importId: undefined,
      email: undefined,
      rooms: undefined,
      json: undefined,
      concurrency: 8,
      maxWait: 120,
    });
    expect((await parse(['info', '--import-id', 'I', '--email', 'e@x', '--username', 'u'])).opts).toMatchObject({ importId: 'I', email: 'e@x', username: 'u' });
  });

  it('a bad number is a usage error before anything runs', async () => {
    const ctx = testContext();
    expect(await main(['info', 'x', '--concurrency', '0'], ctx)).toBe(2);
    expect(ctx.io.err()).toContain('--concurrency takes a whole number from 1 to 64, not "0"');
  });
});

describe('rcuser login flags', () => {
  it('the server argument apart from --server, and every flag', async () => {
    const c = await parse(['login', 'chat.example.com', '-u', 'jane', '--password-stdin', '--code', '123456', '--name', 'work']);
    expect(c).toEqual({
      cmd: 'login',
      args: 'chat.example.com',
      opts: { ...GLOBAL_DEFAULTS, username: 'jane', passwordStdin: true, code: '123456', tokenStdin: undefined, userId: undefined, name: 'work' },
    });
  });

  it('a personal access token; no server argument', async () => {
    const c = await parse(['--server', 's', 'login', '--token-stdin', '--user-id', 'U1']);
    expect(c.args).toBeUndefined();
    expect(c.opts).toMatchObject({ server: 's', tokenStdin: true, userId: 'U1', username: undefined, passwordStdin: undefined });
  });
});
