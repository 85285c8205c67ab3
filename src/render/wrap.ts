/**
 * Wrapping a line of human output at word boundaries for a narrow terminal (whoami, status): words
 * are never split, so a URL stays whole (one longer than the line gets a line of its own), and a
 * `command` or a (bracketed group) that fits a line is kept together, so no line ends in an open
 * bracket or breaks a command someone copies.
 */
import { displayWidth } from './grid.js';

const ANSI = /\u001b\[[0-9;]*m/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;
const count = (s: string, ch: string) => s.split(ch).length - 1;
/** Still inside a `code span` or a bracket that opened in `s`. */
const open = (s: string) => {
  const t = s.replace(ANSI, '');
  return count(t, '`') % 2 === 1 || count(t, '(') > count(t, ')');
};

/** The units to wrap: words, a group that opened a span or bracket joined up to its end when it fits `room`. */
function units(text: string, room: number): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let group = words[i]!;
    let j = i;
    while (open(group) && j + 1 < words.length) group += ` ${words[++j]}`;
    // "2026-12-02 06:37 UTC" reads as one thing.
    if (j === i && DATE.test(words[i]!) && TIME.test(words[i + 1] ?? '')) {
      j = words[i + 2] === 'UTC' ? i + 2 : i + 1;
      group = words.slice(i, j + 1).join(' ');
    }
    if (j > i && !open(group) && displayWidth(group) <= room) {
      out.push(group);
      i = j;
    } else out.push(words[i]!);
  }
  return out;
}

/** Greedy wrap into lines of at most `first` columns (the first) and `rest` (the others). */
export function wrapWords(text: string, first: number, rest: number = first): string[] {
  const lines: string[] = [];
  let line = '';
  for (const u of units(text, Math.min(first, rest))) {
    const room = lines.length === 0 ? first : rest;
    if (line === '') line = u;
    else if (displayWidth(line) + 1 + displayWidth(u) <= room) line += ` ${u}`;
    else {
      lines.push(line);
      line = u;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * `text` after `indent` spaces, wrapped to stay under `columns` (the last column is left free, as
 * tables do), its continuation lines `hang` spaces in. Without a width, one line as it is.
 */
export function wrapLine(text: string, columns: number | undefined, indent = 0, hang = indent): string {
  if (!columns || columns <= 0 || indent + displayWidth(text) < columns) return ' '.repeat(indent) + text;
  const lines = wrapWords(text, Math.max(8, columns - 1 - indent), Math.max(8, columns - 1 - hang));
  return lines.map((l, i) => ' '.repeat(i === 0 ? indent : hang) + l).join('\n');
}
