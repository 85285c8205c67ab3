/**
 * `info --teams` and the card's extra fields, end to end against the test server's users.listTeams
 * (test/fake-server/teams.ts: test.john is in a public team he owns, a private one shared with
 * jane.doe, and a private one only he and the admin are in).
 */
import { describe, expect, it, vi } from 'vitest';
import type { FakeServer } from '../fake-server/index.js';
import { runCli } from '../helpers/cli.js';
import { credentials, startServer } from '../helpers/harness.js';

vi.setConfig({ testTimeout: 60_000 });

const PARTIAL =
  'rcuser: the teams may be incomplete: without the `view-all-teams` permission (admins have it) the server lists only public teams and private teams you are in\n';

describe('rcuser info --teams', () => {
  it('as an admin: every team, in a Teams section after the card, nothing on stderr', async () => {
    const s = await startServer();
    const r = await runCli(['info', 'test.john', '--teams'], { env: { ...credentials(s, 'admin'), COLUMNS: '100' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.slice(r.stdout.indexOf('Teams ('))).toBe(
      [
        'Teams (3)',
        '┌─────────────┬─────────┬────────┬───────────────────┐',
        '│ Team        │ Type    │ Role   │ Room ID           │',
        '├─────────────┼─────────┼────────┼───────────────────┤',
        '│ design-team │ private │ member │ DSGn8qW3mZp5Xr2Lk │',
        '│ platform    │ public  │ owner  │ PLTfRm8kQw3Zx9LpN │',
        '│ secret-ops  │ private │ member │ SCRt0pS4mQx8Wn2Zk │',
        '└─────────────┴─────────┴────────┴───────────────────┘',
        '',
      ].join('\n'),
    );
    expect(s.requests.filter((q) => q.path === '/api/v1/users.listTeams').map((q) => q.query)).toEqual([
      'userId=5fRTXMt7DMJbpPJfh',
    ]);
  });

  it('as a regular user: public teams and shared private ones, and one stderr line saying it may be partial', async () => {
    const s = await startServer();
    const r = await runCli(['info', 'test.john', '--teams', '--json'], { env: credentials(s, 'jane.doe') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(PARTIAL);
    const user = JSON.parse(r.stdout);
    expect(user.teams.map((t: { name: string }) => t.name)).toEqual(['platform', 'design-team']);
  });

  it('looking yourself up is never partial', async () => {
    const s = await startServer();
    const r = await runCli(['info', 'jane.doe', '--teams', '--json'], { env: credentials(s, 'jane.doe') });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).teams).toEqual([
      {
        _id: '7c1d9e0fa3b24e56',
        name: 'design-team',
        type: 1,
        createdAt: '2024-03-04T10:00:00.000Z',
        createdBy: { _id: 'jN4e7DpQx9Hm2RtKw', username: 'jane.doe' },
        _updatedAt: '2024-03-04T10:00:00.010Z',
        roomId: 'DSGn8qW3mZp5Xr2Lk',
        isOwner: true,
      },
    ]);
  });

  it("--json: the server's user object unchanged, with `teams` after `rooms` at its end", async () => {
    const s = await startServer();
    const env = credentials(s, 'admin');
    const plain = await runCli(['info', 'test.john', '--rooms', '--json'], { env });
    const withTeams = await runCli(['info', 'test.john', '--rooms', '--teams', '--json'], { env });
    const a = JSON.parse(plain.stdout);
    const b = JSON.parse(withTeams.stdout);
    expect(Object.keys(b)).toEqual([...Object.keys(a), 'teams']);
    expect(Object.keys(a).at(-1)).toBe('rooms');
    expect({ ...b, teams: undefined }).toEqual({ ...a, teams: undefined });
    // Still indented like any --json answer: everything before the teams is byte for byte the same.
    expect(withTeams.stdout.startsWith(plain.stdout.trimEnd().slice(0, -2))).toBe(true);
  });

  it('in a batch: teams in each JSON line, a Teams count in the table, one partial line for how many', async () => {
    const s = await startServer();
    const json = await runCli(['info', 'test.john', 'roxie', 'nobody.here', '--teams', '--json'], {
      env: credentials(s, 'jane.doe'),
    });
    expect(json.code).toBe(3);
    const lines = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.user?.teams?.length ?? l.error)).toEqual([2, 0, 'User not found.']);
    expect(json.stderr).toBe(
      'rcuser: the teams may be incomplete for 2 of 3 users: without the `view-all-teams` permission (admins have it) the server lists only public teams and private teams you are in\n',
    );
    const table = await runCli(['info', 'test.john', 'roxie', '--teams'], {
      env: { ...credentials(s, 'admin'), COLUMNS: '200' },
    });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ Teams │ ID/);
    expect(table.stdout).toMatch(/│ test\.john │ .*│ {5}3 │ 5fRTXMt7DMJbpPJfh │/);
    expect(table.stdout).toMatch(/│ roxie .*│ {5}0 │ rbAXPnMktTFbNpwtJ │/);
  });

  it('a server older than 3.13 (no users.listTeams): a clear message, exit 1, nothing looked up', async () => {
    const s = await startServer({ version: '3.12.0' });
    const mark = s.requests.length;
    const r = await runCli(['info', 'test.john', '--teams'], { env: credentials(s, 'admin') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("listing a user's teams needs Rocket.Chat 3.13 or later (users.listTeams)");
    expect(s.requests.slice(mark).map((q) => q.path)).toEqual(['/api/info']);
  });

  it('a server that answers 404 for the endpoint (a proxy in front of it, say): a clear message, exit 1', async () => {
    const s = await startServer({
      route: (req, res) => {
        if (!req.url?.startsWith('/api/v1/users.listTeams')) return false;
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"success":false,"error":"Not found"}');
        return true;
      },
    });
    const r = await runCli(['info', 'test.john', '--teams'], { env: credentials(s, 'admin') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('has no GET /api/v1/users.listTeams');
  });
});

describe('the card shows what the server sends', () => {
  const agent = {
    _id: 'aGeNt4kQw9Xp2ZmLr',
    createdAt: '2024-01-15T09:30:00.000Z',
    username: 'agent.smith',
    emails: [{ address: 'agent.smith@example.com', verified: true }],
    type: 'user',
    status: 'online',
    active: true,
    roles: ['user', 'livechat-agent'],
    name: 'Agent Smith',
    phone: '+1 555 0100',
    freeSwitchExtension: '2042',
    statusLivechat: 'available',
    requirePasswordChange: true,
    lastLogin: '2026-11-30T08:00:00.000Z',
    utcOffset: 0,
  };

  it('as an admin: phone, VoIP extension, livechat status, a required password change; no limited-view line', async () => {
    const s = await startServer();
    s.addUser(agent);
    const r = await runCli(['info', 'agent.smith'], { env: { ...credentials(s, 'admin'), COLUMNS: '100' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\n {2}Phone +\+1 555 0100\n {2}Extension +2042\n {2}Livechat +available\n {2}Password +change required\n/,
    );
    expect(r.stdout).not.toContain('Limited view');
  });

  it('as a regular user: what everyone sees (extension, livechat), then one line saying the view is limited', async () => {
    const s = await startServer();
    s.addUser(agent);
    const r = await runCli(['info', 'agent.smith'], { env: { ...credentials(s, 'roxie'), COLUMNS: '100' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  Extension   2042\n');
    expect(r.stdout).not.toContain('Phone');
    expect(r.stdout).not.toContain('Password');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      '  Limited view: e-mails, roles, dates and phone need view-full-other-user-info',
    );
  });
});

describe("the test server's users.listTeams follows the real route", () => {
  const get = async (s: FakeServer, who: string, query: string) => {
    const { userId, authToken } = s.login(who);
    const res = await fetch(`${s.url}/api/v1/users.listTeams${query}`, {
      headers: { 'X-User-Id': userId, 'X-Auth-Token': authToken },
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('needs userId and nothing else (isUsersListTeamsProps); an unknown user has no teams', async () => {
    // Sends requests Rocket.Chat refuses, on purpose.
    const s = await startServer({ allowInvalidRequests: true });
    expect(await get(s, 'admin', '')).toEqual({
      status: 400,
      body: {
        success: false,
        error: "must have required property 'userId' [invalid-params]",
        errorType: 'invalid-params',
      },
    });
    expect((await get(s, 'admin', '?userId=x&count=5')).status).toBe(400);
    expect(await get(s, 'admin', '?userId=nobody')).toEqual({ status: 200, body: { teams: [], success: true } });
  });

  it('view-all-teams decides: granted to a role, that role sees the private teams too', async () => {
    const s = await startServer();
    const john = '?userId=5fRTXMt7DMJbpPJfh';
    expect((await get(s, 'roxie', john)).body.teams.map((t: { name: string }) => t.name)).toEqual(['platform']);
    s.setPermission('view-all-teams', ['admin', 'user']);
    expect((await get(s, 'roxie', john)).body.teams.map((t: { name: string }) => t.name)).toEqual([
      'platform',
      'design-team',
      'secret-ops',
    ]);
  });
});
