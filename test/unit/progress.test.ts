import { describe, expect, it } from 'vitest';
import { renderProgress } from '../../src/render/progress-line.js';

describe('renderProgress', () => {
  it('draws over the current line, with thousands separators, leaving out zero counts', () => {
    expect(renderProgress({ done: 1234, notFound: 0, failed: 0 })).toBe('\r\x1b[2K1,234 looked up');
    expect(renderProgress({ done: 5, notFound: 3, failed: 1 })).toBe('\r\x1b[2K5 looked up · 3 not found · 1 failed');
  });
});
