import { describe, expect, it } from 'vitest';
import { table } from '../../src/render/table.js';

describe('table', () => {
  it('card: labels padded to the longest, two spaces before the value', () => {
    expect(
      table({
        style: 'card',
        rows: [
          ['ID', 'x'],
          ['Last login', 'y'],
          ['', 'z'],
        ],
        color: false,
      }),
    ).toBe('  ID          x\n  Last login  y\n              z');
  });

  it('columns: padded by terminal width (wide characters count two), the last column not padded', () => {
    const out = table({
      style: 'columns',
      head: ['', 'NAME', 'SERVER'],
      rows: [
        ['*', '日本', 'https://a'],
        ['', 'ab', 'https://b'],
      ],
      color: false,
    });
    expect(out).toBe('   NAME  SERVER\n*  日本  https://a\n   ab    https://b');
  });

  it('box: cuts the shrinkable columns to maxWidth, then styles the cells', () => {
    const out = table({
      style: 'box',
      head: ['A', 'B'],
      rows: [['a'.repeat(30), 'b'.repeat(30)]],
      color: false,
      maxWidth: 47,
      shrinkable: [1],
      styleCell: (text, _r, i) => (i === 0 ? text.toUpperCase() : text),
    });
    const lines = out.split('\n');
    expect(lines.every((l) => [...l].length <= 47)).toBe(true);
    expect(lines[3]).toBe(`│ ${'A'.repeat(30)} │ ${'b'.repeat(9)}… │`);
  });
});
