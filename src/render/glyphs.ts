/**
 * The characters rcuser draws with, beyond the words: table borders, markers, separators. A
 * terminal whose locale is not UTF-8 (LC_ALL=C, LANG=POSIX; decided once, in iostreams/io.ts)
 * gets ASCII ones, which every such terminal shows. Each stands in for one of the same width
 * except the ellipsis, which cutToWidth measures.
 */
export interface Glyphs {
  /** Marks a cut cell or line. */
  ellipsis: string;
  /** Before a user's status ("● online"). */
  dot: string;
  /** Between the parts of one line ("online · in a meeting", the progress line). */
  sep: string;
  /** A value that changed ("active true → false"). */
  arrow: string;
  /** A count the server did not send. */
  none: string;
  /** status: a token the server took, and one it did not. */
  ok: string;
  bad: string;
  /** The batch progress bar. */
  barDone: string;
  barLeft: string;
  /** Box-drawn tables: corners and joins, top to bottom, then the lines. */
  box: {
    top: [string, string, string];
    mid: [string, string, string];
    bottom: [string, string, string];
    h: string;
    v: string;
  };
}

export const UNICODE: Glyphs = {
  ellipsis: '…',
  dot: '●',
  sep: '·',
  arrow: '→',
  none: '–',
  ok: '✓',
  bad: '✗',
  barDone: '█',
  barLeft: '░',
  box: { top: ['┌', '┬', '┐'], mid: ['├', '┼', '┤'], bottom: ['└', '┴', '┘'], h: '─', v: '│' },
};

export const ASCII: Glyphs = {
  ellipsis: '...',
  dot: '*',
  sep: '-',
  arrow: '->',
  none: '-',
  ok: '+',
  bad: 'x',
  barDone: '#',
  barLeft: '-',
  box: { top: ['+', '+', '+'], mid: ['+', '+', '+'], bottom: ['+', '+', '+'], h: '-', v: '|' },
};

export const glyphsFor = (ascii: boolean | undefined): Glyphs => (ascii ? ASCII : UNICODE);

/**
 * A message (not a table: nothing is aligned on it) for a terminal that is not UTF-8: the arrows
 * and ellipses rcuser writes in words ("My Account → Personal Access Tokens", a cut value) in ASCII.
 */
export function asciiText(text: string, ascii: boolean | undefined): string {
  return ascii ? text.replace(/→/g, ASCII.arrow).replace(/…/g, ASCII.ellipsis) : text;
}
