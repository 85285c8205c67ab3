import { describe, expect, it } from 'vitest';
import { wrapLine, wrapWords } from '../../src/render/wrap.js';

describe('wrapWords', () => {
  it('wraps at spaces; a word wider than the line is alone on its line, whole', () => {
    expect(wrapWords('see https://chat.example.com/a/long/path/to/it now', 20)).toEqual([
      'see',
      'https://chat.example.com/a/long/path/to/it',
      'now',
    ]);
  });

  it('keeps a (bracketed group), a `command` and a date together when they fit', () => {
    expect(wrapWords('http://127.0.0.1:3000 (Rocket.Chat 8.8)', 24)).toEqual([
      'http://127.0.0.1:3000',
      '(Rocket.Chat 8.8)',
    ]);
    expect(wrapWords('slow? try `rcuser status --timeout 60`; gone?', 33)).toEqual([
      'slow? try',
      '`rcuser status --timeout 60`;',
      'gone?',
    ]);
    expect(wrapWords('stored 2026-12-02 06:37 UTC (today)', 24)).toEqual(['stored', '2026-12-02 06:37 UTC', '(today)']);
    // Too wide to keep together: split at its spaces like any words.
    expect(wrapWords('(one two three four)', 10)).toEqual(['(one two', 'three', 'four)']);
  });

  it('measures what the terminal shows: color codes take no room', () => {
    expect(wrapWords('\u001b[32m✓\u001b[39m alice on http://x: \u001b[32mvalid\u001b[39m', 20)).toEqual([
      '\u001b[32m✓\u001b[39m alice on http://x:',
      '\u001b[32mvalid\u001b[39m',
    ]);
  });
});

describe('wrapLine', () => {
  it('indents the first line and hangs the rest; without a width, one line', () => {
    expect(wrapLine('aaa bbb ccc ddd', 12, 2, 4)).toBe('  aaa bbb\n    ccc ddd');
    expect(wrapLine('aaa bbb ccc ddd', undefined, 2, 4)).toBe('  aaa bbb ccc ddd');
    expect(wrapLine('aaa bbb', 80, 2, 4)).toBe('  aaa bbb');
  });
});
