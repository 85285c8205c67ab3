import { describe, expect, it } from 'vitest';
import { renderStatus } from '../../src/commands/status/run.js';
import { renderWhoami, type WhoamiInfo } from '../../src/commands/whoami/render.js';
import { renderDiff } from '../../src/render/diff.js';
import { cutToWidth } from '../../src/render/fit.js';
import { ASCII, asciiText } from '../../src/render/glyphs.js';
import { progressLine } from '../../src/render/progress-line.js';
import { renderSummary } from '../../src/render/summary.js';
import { renderTable } from '../../src/render/table.js';

/**
 * Issue 21 item 13: with a locale that is not UTF-8 (IO.ascii), what rcuser draws itself is ASCII:
 * borders, markers, separators, the bar, "...". Each renderer, ASCII against its usual glyphs.
 */
const NON_ASCII = /[^\x00-\x7f]/;

describe('ASCII glyphs', () => {
  it('tables: borders from cli-table3 and from the linear grid (more than 500 rows)', () => {
    expect(renderTable(['A', 'B'], [['x', 'y']], { color: false, ascii: true })).toBe(
      ['+---+---+', '| A | B |', '+---+---+', '| x | y |', '+---+---+'].join('\n'),
    );
    const many = Array.from({ length: 501 }, (_, i) => [String(i), 'y']);
    const grid = renderTable(['A', 'B'], many, { color: false, ascii: true }).split('\n');
    expect(grid.slice(0, 4)).toEqual(['+-----+---+', '| A   | B |', '+-----+---+', '| 0   | y |']);
    expect(grid.at(-1)).toBe('+-----+---+');
    expect(renderTable(['A', 'B'], [['x', 'y']], { color: false })).toBe(
      ['┌───┬───┐', '│ A │ B │', '├───┼───┤', '│ x │ y │', '└───┴───┘'].join('\n'),
    );
  });

  it('a cut cell ends in "..." and still fits its width', () => {
    expect(cutToWidth('Livestream', 9, ASCII.ellipsis)).toBe('Livest...');
    expect(cutToWidth('Livestream', 9)).toBe('Livestre…');
  });

  it('a server value rcuser shortened before the table (500 characters) ends in "..." too', async () => {
    const { renderUser } = await import('../../src/render/user.js');
    const user = { _id: 'u1', username: 'ann', name: 'N'.repeat(600), bio: `${'b'.repeat(600)} …` };
    const text = renderUser(user as never, { color: false, now: 0, server: 'https://c.example.com', ascii: true });
    expect(text).not.toMatch(NON_ASCII);
    expect(text).toContain(`${'N'.repeat(10)}...`);
    expect(renderUser(user as never, { color: false, now: 0, server: 'https://c.example.com' })).toContain('N…');
  });

  it('the progress line: bar and separators', () => {
    const p = { done: 750, total: 3000, notFound: 2, failed: 0, elapsedMs: 10_000 };
    expect(progressLine(p, 80, ASCII)).toBe('#####--------------- 750 of 3,000 looked up - 2 not found - 30 s left');
  });

  it('status: + for a valid token, x for a rejected one', () => {
    const row = { name: 'work', active: true, server: 'https://c.example.com', username: 'ann', userId: 'u' };
    const text = renderStatus(
      [
        { ...row, tokenKind: 'login', state: 'valid', detail: null, fix: null },
        {
          ...row,
          name: 'old',
          active: false,
          tokenKind: 'login',
          state: 'revoked',
          detail: 'gone',
          fix: 'rcuser login',
        },
      ],
      false,
      undefined,
      true,
    );
    expect(text).not.toMatch(NON_ASCII);
    expect(text).toContain('  + ann on https://c.example.com: login token valid');
    expect(text).toContain('  x ann on https://c.example.com: login token revoked (gone)');
  });

  it('whoami: the token end after "..."', () => {
    const w: WhoamiInfo = {
      username: 'ann',
      name: 'Ann',
      userId: 'U1',
      server: 'https://c.example.com',
      serverVersion: '8.8',
      profile: 'c',
      credentials: 'profile',
      tokenKind: 'login',
      tokenEnd: 'wxyz',
      tokenStoredAt: null,
      tokenAgeDays: null,
      twoFactor: null,
      signIn: null,
    };
    expect(renderWhoami(w, undefined, true)).toContain('  Token        login token, ending ...wxyz\n');
  });

  it('diff: a changed value with ->', () => {
    const counts = { before: 1, after: 1, added: 0, removed: 0, changed: 1, notFound: [0, 0] as [number, number] };
    const change = {
      change: 'changed' as const,
      _id: 'u',
      username: 'ann',
      fields: { active: { old: true, new: false } },
    };
    expect(renderDiff([change], counts, false, true)).toContain('  ~ @ann  active true -> false\n');
  });

  it('a batch: a count the server did not send is "-"', () => {
    const rows = [{ query: 'ann', user: { _id: 'u', username: 'ann', name: 'Ann' } }];
    const text = renderSummary(rows, { color: false, ascii: true, rooms: true });
    expect(text).not.toMatch(NON_ASCII);
    expect(text).toMatch(/\| ann +\| ann +\| Ann +\| +\| +\| +\| +- \| u +\|/);
  });

  it('messages: arrows and ellipses in words', () => {
    expect(asciiText('My Account → Personal Access Tokens…', true)).toBe('My Account -> Personal Access Tokens...');
    expect(asciiText('My Account → Tokens', false)).toBe('My Account → Tokens');
  });
});
