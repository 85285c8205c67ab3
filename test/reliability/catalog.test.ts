/**
 * The reliability catalog (CATALOG.md, beside these tests) and the tests agree: every case it names
 * has a test whose title starts with that name, in a file its section names, and every such test
 * here is in the catalog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = __dirname;
const ROOT = path.resolve(DIR, '../..');
const CATALOG = fs.readFileSync(path.join(DIR, 'CATALOG.md'), 'utf8');

/** A case name (H4) or a range (H1–H3), as the catalog's first column starts. */
const NAMES = /^((?:[A-Z]{1,2}\d+(?:–[A-Z]{1,2}\d+)?(?:, |\s))+)/;

function expand(names: string): string[] {
  return names
    .trim()
    .split(/,\s*|\s+/)
    .filter(Boolean)
    .flatMap((n) => {
      const [from, to] = n.split('–');
      if (to === undefined) return [from!];
      const prefix = /^[A-Z]+/.exec(from!)![0];
      const [a, b] = [Number(from!.slice(prefix.length)), Number(to.slice(prefix.length))];
      return Array.from({ length: b - a + 1 }, (_, i) => `${prefix}${a + i}`);
    });
}

/** Each case the catalog names, with the test files of its section (bare names are in this directory). */
function catalogCases(text: string): Map<string, string[]> {
  const cases = new Map<string, string[]>();
  let files: string[] = [];
  for (const line of text.split('\n')) {
    const cell = /^\| (.*?) \| /.exec(line)?.[1];
    if (cell === undefined) continue;
    const section = /^\*\*.*\*\* \((.*)\)$/.exec(cell);
    if (section) {
      files = [...section[1]!.matchAll(/`([^`]+\.test\.ts)`/g)].map((m) =>
        m[1]!.includes('/') ? path.join(ROOT, m[1]!) : path.join(DIR, m[1]!),
      );
      continue;
    }
    const names = NAMES.exec(cell)?.[1];
    if (names) for (const name of expand(names)) cases.set(name, files);
  }
  return cases;
}

/** A test (`it(`, `it.each(…)(`, `it.skipIf(…)(`) whose title starts with the name. */
const TITLE = (name: string): RegExp => new RegExp(`^\\s*it\\b[^\\n]*?\\(\\s*['"\`]${name}\\b`, 'gm');
const titled = (text: string, name: string): boolean => TITLE(name).test(text);
const cases = catalogCases(CATALOG);

describe('the reliability catalog', () => {
  it('reads the cases and their files', () => {
    expect(cases.size).toBeGreaterThan(150);
    expect(expand('H1–H3, E1 ')).toEqual(['H1', 'H2', 'H3', 'E1']);
    expect(cases.get('N12')).toEqual([path.join(DIR, 'network.test.ts')]);
    expect(cases.get('R7')).toContain(path.join(ROOT, 'test/e2e/redirects.test.ts'));
  });

  it('names only test files that exist', () => {
    const files = new Set([...cases.values()].flat());
    for (const f of files) expect(fs.existsSync(f), path.relative(ROOT, f)).toBe(true);
  });

  it('has a test, titled with its name, for every case of a section with a file in this directory', () => {
    const missing = [...cases]
      .filter(([, files]) => files.some((f) => path.dirname(f) === DIR))
      .filter(([name, files]) => !files.some((f) => titled(fs.readFileSync(f, 'utf8'), name)))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it('names every case test of this directory', () => {
    const unnamed = fs
      .readdirSync(DIR)
      .filter((f) => f.endsWith('.test.ts'))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(DIR, f), 'utf8').matchAll(TITLE('([A-Z]{1,2}\\d+)'))].map((m) => `${f}: ${m[1]}`),
      )
      .filter((t) => !cases.has(t.split(': ')[1]!));
    expect(unnamed).toEqual([]);
  });

  it('would see a case without its test', () => {
    const withExtra = catalogCases(
      `${CATALOG}\n| **More** (\`network.test.ts\`) | |\n| N99 something new | its behaviour |\n`,
    );
    expect(titled(fs.readFileSync(path.join(DIR, 'network.test.ts'), 'utf8'), 'N99')).toBe(false);
    expect(withExtra.get('N99')).toEqual([path.join(DIR, 'network.test.ts')]);
  });
});
