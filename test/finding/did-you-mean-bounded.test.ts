import { beforeAll, describe, expect, it } from 'vitest';
import { rankSuggestions } from '../../src/commands/info/suggest.js';
import { editDistance } from '../../src/lib/nearest.js';
import { runCli } from '../helpers/cli.js';
import { credentials, startServer, useServer } from '../helpers/harness.js';

/**
 * "Did you mean" that finds real typos (issue 21 item 8) and is bounded (issue 23 item 5, reliability
 * catalog TM2–TM3): at most two autocomplete calls, no wait for a rate limit, no quadratic distance.
 */

const server = useServer({ rateLimit: { calls: 1000, windowMs: 60_000 } });
let env: Record<string, string>;
beforeAll(async () => {
  env = credentials(server, 'test.john');
});

const autocompletes = () => server.requests.filter((r) => r.path === '/api/v1/users.autocomplete').length;

async function notFound(name: string): Promise<{ hint: string; calls: number }> {
  const before = autocompletes();
  const r = await runCli(['info', name], { env });
  expect(r.code).toBe(3);
  expect(r.stdout).toBe('');
  return { hint: r.stderr.split('\n')[1]?.trim() ?? '', calls: autocompletes() - before };
}

describe('did you mean, for real typos', () => {
  it.each([
    ['anna.smth', 'did you mean @anna.smith?'],
    ['ailce', 'did you mean @alice?'],
    ['jnae.doe', 'did you mean @jane.doe?'],
    ['tset.john', 'did you mean @test.john?'],
  ])('%s → %s, in at most two calls', async (typed, hint) => {
    const r = await notFound(typed);
    expect(r.hint).toBe(hint);
    expect(r.calls).toBeLessThanOrEqual(2);
  });

  it('a name too short to be near anything, or far from everyone, gets a broader search as the next step', async () => {
    expect(await notFound('a')).toEqual({
      hint: 'try `rcuser search a` to find users whose name or username contains it',
      calls: 0,
    });
    expect((await notFound('zzzqqq')).hint).toBe(
      'try `rcuser search zzzqqq` to find users whose name or username contains it',
    );
  });

  it('an argument that looks like an e-mail address points to --email', async () => {
    expect(await notFound('jane@example.com')).toEqual({
      hint: 'to look a user up by e-mail address: rcuser info --email jane@example.com',
      calls: 0,
    });
  });
});

describe('did you mean, bounded', () => {
  it('TM2 a 16,000-character typo against ten long names: no distance table, no call', async () => {
    const long = 'q'.repeat(16_000);
    const candidates = Array.from({ length: 10 }, (_, i) => `${'q'.repeat(15_990)}${i}`.repeat(1));
    expect(rankSuggestions(long, candidates)).toEqual([]);
    // The banded distance answers "more than 3" for two 20,000-character strings without their table.
    expect(editDistance('a'.repeat(20_000), 'b'.repeat(20_000), 3)).toBe(4);
    expect(editDistance('ab'.repeat(10_000), 'ba'.repeat(10_000), 3)).toBe(2);
    expect((await notFound('x'.repeat(5_000))).calls).toBe(0);
  });

  it('TM3 a rate-limited autocomplete: the hint is skipped at once, never waited for', async () => {
    const limited = await startServer({ rateLimit: { calls: 1, windowMs: 600_000 } });
    try {
      const env = credentials(limited, 'test.john');
      const run = () => runCli(['info', 'ailce'], { env, timeoutMs: 15_000 });
      // The first run's first autocomplete uses the route's one call; every later one gets 429, wait 600 s.
      expect((await run()).code).toBe(3);
      const r = await run();
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('rcuser: no user @ailce');
      // At most two calls a run, none waited for (runCli would kill a run that waits past 15 s).
      expect(limited.requests.filter((q) => q.path === '/api/v1/users.autocomplete').length).toBeLessThanOrEqual(4);
    } finally {
      await limited.close();
    }
  });
});
