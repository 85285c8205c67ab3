import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/grid.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';
import { credentials, useServer } from '../helpers/harness.js';

/**
 * Issue 21 item 13, on a real pseudo-terminal: one very long username in a 300-row list is cut
 * (its column is capped near the width of the others), so the other rows keep their names, roles
 * and e-mails instead of all being squeezed for it.
 */

const server = useServer();
let env: Record<string, string>;
const LONG = 'aaron.with.a.very.long.username.from.the.ldap';

beforeAll(async () => {
  server.addUser({
    _id: 'LoNgUsErNaMe12345',
    username: LONG,
    name: 'Aaron Long',
    type: 'user',
    active: true,
    status: 'offline',
    roles: ['user'],
    emails: [{ address: 'aaron@example.com', verified: true }],
  });
  env = credentials(server, 'admin', { RCUSER_PAGER: 'cat' });
});

function lines(transcript: string): string[] {
  return transcript
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^.*\r/, ''));
}

describe.runIf(hasPython)(`a 300-row list with one very long username${PTY_SKIP}`, { timeout: 30_000 }, () => {
  it('at 80 columns: the long username is cut, the other rows keep their columns', async () => {
    const s = runInPty(['list', '--sort', 'username', '--limit', '300'], env, { columns: 80, rows: 400 });
    expect(await s.exit).toBe(0);
    const screen = lines(s.transcript());
    for (const l of screen) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    const head = screen.find((l) => l.startsWith('│ Username'))!;
    expect(head.split('│').map((c) => c.trim())).toEqual(['', 'Username', 'Name', 'Status', 'Active', 'Roles', '']);
    const aaron = screen.find((l) => l.includes('aaron.with'))!;
    expect(aaron).toMatch(/│ aaron\.with\.[a-z.]*… +│ Aaron Long +│/);
    // The rows around it are not squeezed: whole names.
    expect(
      screen.find((l) => l.includes('│ admin ')),
      screen.join('\n'),
    ).toMatch(/│ Administrator +│/);
  });
});
