import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/grid.js';
import { BIN } from '../helpers/cli.js';
import { hasPython, PTY_SKIP, runInPty, runProgramInPty } from '../helpers/pty.js';
import { useServer, credentials } from '../helpers/harness.js';

/**
 * Issue 21 items 1 and 2, on a real pseudo-terminal: a batch table never cuts its Query column (the
 * only thing that names a failed line), and a column the user asked for (--rooms) goes last.
 */

const server = useServer();
let env: Record<string, string>;

beforeAll(async () => {
  env = credentials(server, 'admin');
});

function lines(transcript: string): string[] {
  return transcript
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^.*\r/, ''));
}

const MISSING = ['email:margaret.hamilton.one@example.com', 'email:margaret.hamilton.two@example.com'];

describe.runIf(hasPython).each([40, 60, 80])(`at %i columns${PTY_SKIP}`, (columns) => {
  it('two missing e-mail lookups keep their whole queries, so the lines differ', async () => {
    const input = [...MISSING, 'test.john', 'roxie'].join('\\n');
    const s = runProgramInPty(['/bin/sh', '-c', `printf '${input}\\n' | "${process.execPath}" "${BIN}" info -`], env, {
      columns,
    });
    expect(await s.exit).toBe(3);
    const screen = lines(s.transcript());
    for (const q of MISSING) expect(screen.filter((l) => l.includes(q))).toHaveLength(1);
    for (const l of screen) expect(displayWidth(l), l).toBeLessThanOrEqual(columns);
    if (columns === 80) {
      // The usernames repeat the queries: that column went first, the rest stayed a table.
      expect(screen.some((l) => l.startsWith('│ Query') && !l.includes('Username'))).toBe(true);
      expect(screen.find((l) => l.includes(MISSING[0]!))).toMatch(/│ not found │/);
    }
  });

  it('info a b c --rooms keeps the Rooms column it asked for, or says it left it out', async () => {
    const s = runInPty(['info', 'test.john', 'roxie', 'admin', '--rooms'], env, { columns });
    expect(await s.exit).toBe(0);
    const screen = lines(s.transcript());
    const text = screen.join('\n');
    for (const l of screen) expect(displayWidth(l), l).toBeLessThanOrEqual(columns);
    const shown = /│ Rooms │/.test(text) || /^ {2}Rooms {2,}\d/m.test(text);
    if (columns === 80) expect(shown).toBe(true);
    if (!shown) expect(text).toMatch(/Rooms left out/);
    // Columns nobody asked for went first.
    if (/│ Rooms │/.test(text)) expect(text).not.toMatch(/│ Status │/);
  });
});
