/**
 * The layout's rules, checked on the sources: no import cycles in src/ (static, dynamic or
 * type-only), and no arrow from a lower layer to a higher one (README, Development: Layout).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** src-relative paths of the files `file` imports from src/ (node: and package imports left out). */
function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(SRC, path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts'))))
    .filter((p) => !p.startsWith('..')); // package.json, read for the version
}

const graph = new Map(sources(SRC).map((f) => [path.relative(SRC, f), importsOf(f)]));

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const layer = (file: string) => file.split(path.sep)[0]!;

/** The top of the tree: the entry, the error switch, the program and its usage wording. No command imports these. */
const WIRING = ['cli.ts', 'main.ts', 'program.ts', 'usage-voice.ts'];

function violations(from: string[], forbidden: string[]): string[] {
  return [...graph].flatMap(([file, deps]) =>
    from.includes(layer(file)) ? deps.filter((d) => forbidden.includes(layer(d))).map((d) => `${file} → ${d}`) : [],
  );
}

describe('src/ imports', () => {
  it('sees the sources and their imports (the checks below are not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get(path.join('commands', 'info', 'run.ts'))).toContain('client-factory.ts');
    expect(importsOf(path.join(SRC, 'x', 'y.ts'), "import a from './a.js';\nexport { b } from '../b.js';\nconst c = await import('./c.js');\nimport type { D } from 'undici';")).toEqual([
      path.join('x', 'a.ts'),
      'b.ts',
      path.join('x', 'c.ts'),
    ]);
  });

  it('every import resolves to a file', () => {
    const missing = [...graph].flatMap(([file, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${file} → ${d}`));
    expect(missing).toEqual([]);
  });

  it('has no cycles', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(graph)).toEqual([]);
  });

  it('src/api and src/store never import src/render or src/commands', () => {
    expect(violations(['api', 'store'], ['render', 'commands'])).toEqual([]);
  });

  it('src/render never imports src/commands; src/lib imports nothing of rcuser', () => {
    expect(violations(['render'], ['commands'])).toEqual([]);
    const lib = [...graph].filter(([file, deps]) => layer(file) === 'lib' && deps.some((d) => layer(d) !== 'lib'));
    expect(lib).toEqual([]);
  });

  it('a command imports no other command, nor the program wiring above it', () => {
    const across = [...graph].flatMap(([file, deps]) => {
      const [top, verb] = file.split(path.sep);
      if (top !== 'commands') return [];
      return deps.filter((d) => (d.split(path.sep)[0] === 'commands' && d.split(path.sep)[1] !== verb) || WIRING.includes(d)).map((d) => `${file} → ${d}`);
    });
    expect(across).toEqual([]);
  });

  it('only src/program.ts imports a command: the modules commands share never reach back into one', () => {
    const into = [...graph].flatMap(([file, deps]) =>
      layer(file) === 'commands' || file === 'program.ts' ? [] : deps.filter((d) => layer(d) === 'commands').map((d) => `${file} → ${d}`),
    );
    expect(into).toEqual([]);
  });
});
