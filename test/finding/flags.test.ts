/** Flag parsing of search and list through their `run` parameter: what the run function receives. */
import { describe, expect, it } from 'vitest';
import type { ListOptions } from '../../src/commands/list/options.js';
import type { SearchOptions } from '../../src/commands/search/options.js';
import { main } from '../../src/main.js';
import { testContext } from '../helpers/io.js';
import { parseFlags } from '../helpers/flags.js';

async function parse(argv: string[]): Promise<{ cmd: string; term?: string; opts: ListOptions | SearchOptions }> {
  const c = await parseFlags<ListOptions | SearchOptions>(argv);
  return { ...c, term: c.cmd === 'search' ? (c.opts as SearchOptions).term : undefined };
}

describe('rcuser list flags', () => {
  it('become the server filters', async () => {
    const c = await parse([
      'list',
      '--deactivated',
      '--role',
      'admin',
      '--role',
      'moderator',
      '--role',
      'admin',
      '--type',
      'bot',
      '--never-logged-in',
      '--search',
      '  smith ',
      '--json',
      '--limit',
      '20',
      '--no-pager',
      '--max-wait',
      '5',
    ]);
    expect(c.opts).toMatchObject({
      filters: { active: false, roles: ['admin', 'moderator'], type: 'bot', loggedIn: false, search: 'smith' },
      json: true,
      limit: 20,
      pager: false,
      maxWait: 5,
    });
  });

  it('no flags: no filters, the pager on', async () => {
    const c = await parse(['list']);
    expect(c.opts).toMatchObject({ filters: {}, pager: true, maxWait: 120 });
  });

  it.each([
    [['list', '--active', '--deactivated'], "option '--active' cannot be used with option '--deactivated'"],
    [
      ['list', '--logged-in', '--never-logged-in'],
      "option '--logged-in' cannot be used with option '--never-logged-in'",
    ],
    [['list', '--type', 'robot'], "'robot'"],
    [['list', '--limit', '0'], '--limit takes a whole number'],
    [['search'], "missing required argument 'term'"],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const ctx = testContext();
    expect(await main(argv, ctx)).toBe(2);
    expect(ctx.io.err()).toContain(message);
  });
});

describe('rcuser search flags', () => {
  it('the term and the output flags', async () => {
    const c = await parse(['search', 'ali', '--json', '--limit', '3']);
    expect(c).toMatchObject({ cmd: 'search', term: 'ali', opts: { json: true, limit: 3, pager: true } });
  });
});
