/**
 * Help text fitted to a width (80 columns, or a narrower terminal). Commander lays out its own
 * sections unwrapped (program.ts sets its help width out of reach) and the hand-written sections
 * (examples, notes) come as written; this reflows both the same way:
 * - prose (unindented lines) is joined and wrapped at spaces; a short line ending in ":" is a heading;
 * - a two-column block (indented lines, `term  description`) keeps one description column for the
 *   whole block; a term too wide for it goes on its own line with its description below, at that
 *   column; a more indented line continues the description above it.
 * Words are never broken (a single word wider than the width is left whole). Plain string lengths:
 * help is ASCII apart from "…". Loaded with program.ts, so --help loads nothing new.
 */

const HELP_MAX = 80;

/** The width help is fitted to: 80, or the terminal's when narrower (at least 20). */
export function helpWidth(columns: number | undefined): number {
  return Math.max(20, Math.min(HELP_MAX, columns ?? HELP_MAX));
}

/** Greedy wrap of words into lines: the first `first` columns wide, the rest `rest` wide. */
function wrapWords(words: string[], first: number, rest: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const room = lines.length === 0 ? first : rest;
    if (line === '') line = w;
    else if (line.length + 1 + w.length <= room) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const words = (s: string): string[] => s.split(/ +/).filter((w) => w !== '');

/** The words of `s` to wrap, a `code span` kept whole (copyable) when it fits `room`. */
function tokens(s: string, room: number): string[] {
  const all = s.match(/(?:[^\s`]*`[^`]*`)+[^\s`]*|\S+/g) ?? [];
  return all.flatMap((t) => (t.length > room ? words(t) : [t]));
}

const HEADING = /^[A-Z][\w -]{0,30}:$/;
/** "Exit codes: 0 found, …": a labelled line starts a paragraph of its own. */
const LABEL = /^[A-Z][a-z]+( [a-z]+)?: /;

function fitProse(lines: string[], width: number): string[] {
  const out: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length === 0) return;
    const text = para.join(' ');
    // "Usage: rcuser diff [options] <a> <b>": continued under the command.
    const hang = text.startsWith('Usage: ') ? 'Usage: '.length : 0;
    const wrapped = wrapWords(tokens(text, width - hang), width, width - hang);
    out.push(wrapped[0]!, ...wrapped.slice(1).map((l) => ' '.repeat(hang) + l));
    para = [];
  };
  for (const line of lines) {
    if (HEADING.test(line.trim()) || line.startsWith('Usage: ')) {
      flush();
      para.push(line.trim());
      flush();
    } else {
      if (LABEL.test(line)) flush();
      para.push(line.trim());
      if (line.trimEnd().endsWith(':')) flush();
    }
  }
  flush();
  return out;
}

interface Row {
  term: string;
  desc: string;
}

function fitTable(lines: string[], width: number): string[] {
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  const rows: Row[] = [];
  for (const line of lines) {
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (lead > indent + 1 && rows.length > 0) {
      // A continuation of the description above.
      const last = rows[rows.length - 1]!;
      last.desc = last.desc ? `${last.desc} ${body}` : body;
      continue;
    }
    const gap = /\s{2,}/.exec(body);
    rows.push(
      gap ? { term: body.slice(0, gap.index), desc: body.slice(gap.index + gap[0].length) } : { term: body, desc: '' },
    );
  }
  const longestWord = Math.max(0, ...rows.flatMap((r) => words(r.desc).map((w) => w.length)));
  const described = rows.filter((r) => r.desc);
  const stacked = indent + 4;
  // The description column: of the places right of some term, the one giving the fewest lines (then
  // the leftmost). When most terms would not fit left of it, every row is stacked alike instead.
  const lineCount = (col: number): number =>
    rows.reduce((n, r) => {
      const desc = r.desc ? wrapWords(tokens(r.desc, width - col), width - col, width - col).length : 0;
      return n + (col !== stacked && indent + r.term.length + 2 <= col && desc ? desc : desc + 1);
    }, 0);
  const fitCount = (c: number): number => described.filter((r) => indent + r.term.length + 2 <= c).length;
  const candidates = [...new Set(described.map((r) => indent + r.term.length + 2))].filter(
    (c) => c <= width - Math.max(16, longestWord) && fitCount(c) * 2 >= described.length,
  );
  let col = stacked;
  let best = lineCount(stacked);
  for (const c of candidates.sort((a, b) => a - b)) {
    const n = lineCount(c);
    if (n < best) [col, best] = [c, n];
  }
  const fits = (r: Row): boolean => col !== stacked && indent + r.term.length + 2 <= col;
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const r of rows) {
    const descLines = r.desc ? wrapWords(tokens(r.desc, width - col), width - col, width - col) : [];
    if (fits(r) && descLines.length) {
      out.push(pad + r.term.padEnd(col - indent) + descLines[0]!);
      out.push(...descLines.slice(1).map((l) => ' '.repeat(col) + l));
    } else {
      // The term alone (continued two further in), then its description at the column.
      const termWords = words(r.term);
      const more = indent + 2 + Math.max(...termWords.map((w) => w.length)) <= width ? 2 : 0;
      const termLines = wrapWords(termWords, width - indent, width - indent - more);
      out.push(pad + termLines[0]!, ...termLines.slice(1).map((l) => pad + ' '.repeat(more) + l));
      out.push(...descLines.map((l) => ' '.repeat(col) + l));
    }
  }
  return out;
}

/** `text` (one piece of help output) fitted to `width` columns. */
export function fitHelp(text: string, width: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      out.push('');
      i++;
      continue;
    }
    const indented = /^\s/.test(line);
    let j = i;
    while (j < lines.length && lines[j]!.trim() !== '' && /^\s/.test(lines[j]!) === indented) j++;
    const block = lines.slice(i, j);
    out.push(...(indented ? fitTable(block, width) : fitProse(block, width)));
    i = j;
  }
  return out.join('\n');
}
