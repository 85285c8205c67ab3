/** The test harness itself (test/helpers/harness.ts): what every other test file leans on. */
import { describe, expect, it } from 'vitest';
import {
  credentials,
  runCli,
  spawnCli,
  startServer,
  useConfigDir,
  useServer,
  type FakeServer,
} from '../helpers/harness.js';

const server = useServer({ version: '8.4.0' });
const dir = useConfigDir('rcuser-harness-');

describe('useServer', { timeout: 30_000 }, () => {
  it('is the running test server, with its host and a credentials shortcut', async () => {
    expect(server.version).toBe('8.4.0');
    expect(server.host).toBe(new URL(server.url).host);
    const r = await runCli(['whoami', '--json'], { env: server.env('jane.doe') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      username: 'jane.doe',
      server: server.url,
      credentials: 'environment',
    });
  });
});

describe('credentials', { timeout: 30_000 }, () => {
  it('logs a user in now, or takes credentials in hand; extras come last', () => {
    const env = credentials(server, 'admin', { TERM: 'dumb' });
    expect(env).toEqual({
      RCUSER_SERVER: server.url,
      RCUSER_USER_ID: expect.any(String),
      RCUSER_TOKEN: expect.any(String),
      TERM: 'dumb',
    });
    expect(server.isTokenValid(env.RCUSER_TOKEN)).toBe(true);
    const admin = server.login('admin');
    expect(credentials(server, admin)).toEqual({
      RCUSER_SERVER: server.url,
      RCUSER_USER_ID: admin.userId,
      RCUSER_TOKEN: admin.authToken,
    });
    expect(credentials('https://chat.example.com', { userId: 'u', token: 't' })).toEqual({
      RCUSER_SERVER: 'https://chat.example.com',
      RCUSER_USER_ID: 'u',
      RCUSER_TOKEN: 't',
    });
  });

  it('a personal access token instead of a login token', async () => {
    const env = credentials(server, 'jane.doe', {}, 'personal');
    const r = await runCli(['whoami', '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ username: 'jane.doe', credentials: 'environment' });
    expect(server.requests.at(-1)?.headers['x-auth-token']).toBe(env.RCUSER_TOKEN);
  });
});

describe('startServer', () => {
  let mine: FakeServer;
  it('starts a server of its own for one test', async () => {
    mine = await startServer({ version: '6.6.0' });
    expect(mine.url).not.toBe(server.url);
    expect((await fetch(`${mine.url}/api/info`)).status).toBe(200);
  });

  it('closed it when that test ended (and a server closed by its test is fine too)', async () => {
    await expect(fetch(`${mine.url}/api/info`)).rejects.toThrow();
    const gone = await startServer();
    await gone.close();
  });
});

describe('useConfigDir', { timeout: 30_000 }, () => {
  it('a fresh directory per test; stored() reads its profiles', async () => {
    const env = { ...server.env('test.john'), RCUSER_CONFIG_DIR: dir.dir };
    const token = await runCli(
      ['login', server.url, '--token-stdin', '--user-id', env.RCUSER_USER_ID, '--name', 'here'],
      {
        env: { RCUSER_CONFIG_DIR: dir.dir },
        stdin: `${server.createPersonalAccessToken('test.john').token}\n`,
      },
    );
    expect(token.code).toBe(0);
    expect(dir.stored().active).toBe('here');
  });
});

describe('spawnCli', { timeout: 30_000 }, () => {
  it('a process to signal: Ctrl-C on a batch that waits', async () => {
    const slow = await startServer({ delay: () => 5_000 });
    const run = spawnCli(['info', '-', '--json'], { env: credentials(slow, 'admin'), keepStdinOpen: true });
    run.child.stdin!.write('roxie\n');
    // Once the lookup is under way (however slowly node started), Ctrl-C.
    while (!slow.requests.some((q) => q.path === '/api/v1/users.info')) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(run.signal()).toBeNull();
  });
});
