/**
 * A plain grid with the same look as rcuser's cli-table3 tables (see renderTable in table.ts), built
 * in one pass. cli-table3's layout is quadratic in the number of rows: 5,000 rooms took 6 s and
 * 50,000 took minutes. This is linear and handles cells of one line without spans, which is all a
 * list of rooms needs.
 */
import { type Glyphs, UNICODE } from './glyphs.js';

const ANSI = /\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class is tested one code point at a time (zero-width spaces, joiners, variation selectors)
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf}|[\u200b-\u200d\ufe00-\ufe0f])+$/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const ASCII = /^[\x20-\x7e]*$/;

/** East Asian Wide and Fullwidth ranges (the ones terminals draw two cells wide). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    // Ideographic marks, Tangut, Khitan, Kana Supplement and Extended, small kana, Nushu (EastAsianWidth.txt: W).
    (cp >= 0x16fe0 && cp <= 0x16fff) ||
    (cp >= 0x17000 && cp <= 0x18d08) ||
    (cp >= 0x1aff0 && cp <= 0x1b2ff) ||
    // Enclosed ideographs (🈀, 🈐): wide whether or not a font draws them as emoji.
    (cp >= 0x1f200 && cp <= 0x1f2ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Hangul medial vowels and final consonants: they join the leading consonant's two columns. */
const isJamoTail = (cp: number) => (cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff);

const ZWJ = 0x200d;
const isRegional = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const isSkinTone = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;

/**
 * Columns a string takes in a terminal: wide CJK and emoji count 2, combining marks, joiners and
 * color codes 0. One pass over code points (Intl.Segmenter was 10x slower on 50,000 rows).
 */
export function displayWidth(text: string): number {
  const s = text.includes('\u001b') ? text.replace(ANSI, '') : text;
  if (ASCII.test(s)) return s.length;
  let width = 0;
  let prev = 0;
  let regionalOpen = false;
  let lastNarrowPictograph = false;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const afterJoiner = prev === ZWJ;
    prev = cp;
    if (cp === 0xfe0f) {
      // VS16 asks for emoji presentation: a text-default pictograph (❤, ☺) becomes two wide.
      if (lastNarrowPictograph) width += 1;
      lastNarrowPictograph = false;
      continue;
    }
    lastNarrowPictograph = false;
    // Only a pictograph joins the one before it (👨‍👩‍👧); a joiner before a space or a letter joins nothing.
    if ((afterJoiner && cp > 0xff && PICTOGRAPHIC.test(ch)) || isSkinTone(cp) || isJamoTail(cp) || ZERO_WIDTH.test(ch))
      continue;
    if (isRegional(cp)) {
      // A flag is a pair of regional indicators, drawn as one wide glyph.
      regionalOpen = !regionalOpen;
      if (regionalOpen) width += 2;
      continue;
    }
    regionalOpen = false;
    if (cp > 0xff && PICTOGRAPHIC.test(ch)) {
      if (EMOJI_PRESENTATION.test(ch)) width += 2;
      else {
        width += 1;
        lastNarrowPictograph = true;
      }
      continue;
    }
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

/**
 * The characters of `text` as a person sees them, so a cut never splits one: a base with its
 * combining marks, variation selectors and skin tone, an emoji ZWJ sequence (👨‍👩‍👧), a flag's pair
 * of regional indicators, a Hangul syllable spelled in jamo. A hand-written subset of UAX #29's
 * grapheme clusters: Intl.Segmenter costs 30–70 ms to load here, more than rcuser's whole start-up budget.
 */
export function* graphemes(text: string): Generator<string> {
  let cur = '';
  let prev = 0;
  let regionalOpen = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const joins: boolean =
      cur !== '' &&
      ((cp > 0x7f && (ZERO_WIDTH.test(ch) || isSkinTone(cp) || isJamoTail(cp))) ||
        (prev === ZWJ && cp > 0xff && PICTOGRAPHIC.test(ch)) ||
        (regionalOpen && isRegional(cp)));
    regionalOpen = isRegional(cp) && !(joins && regionalOpen);
    prev = cp;
    if (joins) {
      cur += ch;
      continue;
    }
    if (cur !== '') yield cur;
    cur = ch;
  }
  if (cur !== '') yield cur;
}

/** Box-drawn table: a rule under the heading, none between body rows, one space of padding per side. */
export function renderGrid(
  head: string[],
  rows: string[][],
  align: Array<'left' | 'right'> = [],
  box: Glyphs['box'] = UNICODE.box,
): string {
  const widths = head.map((h) => displayWidth(h));
  // Measured once: measuring is the expensive part for non-ASCII text.
  const measured = rows.map((row) =>
    widths.map((_, i) => {
      const w = displayWidth(row[i] ?? '');
      if (w > widths[i]!) widths[i] = w;
      return w;
    }),
  );
  const cell = (text: string, w: number, i: number) => {
    const gap = ' '.repeat(widths[i]! - w);
    return align[i] === 'right' ? ` ${gap}${text} ` : ` ${text}${gap} `;
  };
  const line = (cells: string[], ws: number[]) =>
    `${box.v}${widths.map((_, i) => cell(cells[i] ?? '', ws[i]!, i)).join(box.v)}${box.v}`;
  const rule = ([l, m, r]: [string, string, string]) => l + widths.map((w) => box.h.repeat(w + 2)).join(m) + r;
  const out: string[] = [
    rule(box.top),
    line(
      head,
      head.map((h) => displayWidth(h)),
    ),
    rule(box.mid),
  ];
  for (let r = 0; r < rows.length; r++) out.push(line(rows[r]!, measured[r]!));
  out.push(rule(box.bottom));
  return out.join('\n');
}
