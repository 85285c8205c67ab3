import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/harness.js';
import { hasPython, PTY_SKIP, runInPty } from '../helpers/pty.js';

/**
 * Issue 21 item 12: every command's --help fits 80 columns and wraps to a narrower terminal, words
 * whole (the words at 40, 60 and 80 columns are the same words), example descriptions in one column.
 */
const COMMANDS = [
  [],
  ['login'],
  ['logout'],
  ['whoami'],
  ['status'],
  ['profiles'],
  ['profiles', 'list'],
  ['profiles', 'remove'],
  ['profiles', 'rename'],
  ['use'],
  ['info'],
  ['search'],
  ['list'],
  ['completion'],
  ['diff'],
  ['help'],
];
const ENV = { RCUSER_CONFIG_DIR: '/nonexistent-rcuser-help-test', COLUMNS: undefined };

const lines = (text: string): string[] => text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** The columns example descriptions start at, in the Examples section (one value when aligned). */
function exampleColumns(text: string): Set<number> {
  const all = lines(text);
  const start = all.indexOf('Examples:');
  const cols = new Set<number>();
  if (start < 0) return cols;
  for (const line of all.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const lead = line.length - line.trimStart().length;
    if (lead > 4)
      cols.add(lead); // a description on a line of its own (stacked, or continued)
    else if (lead === 2) {
      const gap = /\S {2,}(?=\S)/.exec(line);
      if (gap) cols.add(gap.index + gap[0].length);
    } // lead 4: a long example continued
  }
  return cols;
}

async function helpAt(columns: number, cmd: string[]): Promise<string> {
  const s = runInPty([...cmd, '--help'], ENV, { columns, rows: 50 });
  expect(await s.exit).toBe(0);
  return s.transcript().replace(/\r\n/g, '\n');
}

/** Every command's help in a pipe (at 80), four processes at a time: the machine may be loaded. */
async function pipeHelp(): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let i = 0; i < COMMANDS.length; i += 4) {
    results.push(
      ...(await Promise.all(COMMANDS.slice(i, i + 4).map((cmd) => runCli([...cmd, '--help'], { env: ENV })))),
    );
  }
  return results;
}

describe.runIf(hasPython)(`--help at a terminal${PTY_SKIP}`, { timeout: 30_000 }, () => {
  let reference: CliResult[];
  beforeAll(async () => {
    reference = await pipeHelp();
  }, 120_000);
  for (const columns of [40, 60, 80]) {
    for (const [i, cmd] of COMMANDS.entries()) {
      const name = `rcuser ${cmd.join(' ')}${cmd.length ? ' ' : ''}--help`;
      it(`${name} fits ${columns} columns, words whole, examples aligned`, async () => {
        const text = await helpAt(columns, cmd);
        expect(lines(text).filter((l) => l.length > columns)).toEqual([]);
        // Only the spaces moved: a word cut at the edge would be two words here.
        expect(words(text)).toEqual(words(reference[i]!.stdout));
        expect(exampleColumns(text).size, text).toBeLessThanOrEqual(1);
      });
    }
  }
});

describe('--help in a pipe', { timeout: 120_000 }, () => {
  it('fits 80 columns, examples aligned', async () => {
    const results = await pipeHelp();
    for (const [i, r] of results.entries()) {
      const name = `rcuser ${COMMANDS[i]!.join(' ')} --help`;
      expect(r.code, name).toBe(0);
      expect(
        lines(r.stdout).filter((l) => l.length > 80),
        name,
      ).toEqual([]);
      expect(exampleColumns(r.stdout).size, name).toBeLessThanOrEqual(1);
    }
  });

  it('COLUMNS narrows it, as at a terminal', async () => {
    const r = await runCli(['info', '--help'], { env: { ...ENV, COLUMNS: '50' } });
    expect(Math.max(...lines(r.stdout).map((l) => l.length))).toBeLessThanOrEqual(50);
  });
});
