/**
 * The layout's rules, checked on the sources: no import cycles in src/ (static, dynamic or
 * type-only), no arrow from a lower floor to a higher one (README, Layout), at most three files at
 * the root, and no exported name used twice.
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

/**
 * The floors of src/, top to bottom: a file imports only from floors below its own, or from its own
 * folder. Rooms on one floor (api and store) do not import each other. Below what commands share
 * (cmdutil) come the output formats (export), the terminal (iostreams), the renderers, then the
 * Rocket.Chat client and the profile store, then the typed errors and the leaf helpers.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['cli.ts'],
  ['main.ts'],
  ['root'],
  ['commands/<verb>'],
  ['commands/shared'],
  ['cmdutil'],
  ['export'],
  ['iostreams'],
  ['render'],
  ['api', 'store'],
  ['errors.ts'],
  ['lib'],
];

/** The room a file sits in: a top folder, a root file, `commands/shared`, or one verb's folder. */
function room(file: string): string {
  const [top, sub] = file.split(path.sep);
  return top === 'commands' ? (sub === 'shared' ? 'commands/shared' : `commands/${sub}`) : top!;
}

function floor(file: string): number {
  const r = room(file).startsWith('commands/') && room(file) !== 'commands/shared' ? 'commands/<verb>' : room(file);
  const i = FLOORS.findIndex((f) => f.includes(r));
  if (i < 0) throw new Error(`${file}: on no floor; add its folder to FLOORS`);
  return i;
}

/** Imports that go sideways or up: to another room on the same floor or above. */
function upward(g: Map<string, string[]>): string[] {
  return [...g].flatMap(([file, deps]) =>
    deps.filter((d) => room(d) !== room(file) && floor(d) <= floor(file)).map((d) => `${file} → ${d}`),
  );
}

describe('src/ imports', () => {
  it('sees the sources and their imports (the checks below are not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get(path.join('commands', 'info', 'run.ts'))).toContain(path.join('cmdutil', 'client-factory.ts'));
    expect(
      importsOf(
        path.join(SRC, 'x', 'y.ts'),
        "import a from './a.js';\nexport { b } from '../b.js';\nconst c = await import('./c.js');\nimport type { D } from 'undici';",
      ),
    ).toEqual([path.join('x', 'a.ts'), 'b.ts', path.join('x', 'c.ts')]);
  });

  it('every import resolves to a file', () => {
    const missing = [...graph].flatMap(([file, deps]) =>
      deps.filter((d) => !graph.has(d)).map((d) => `${file} → ${d}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no cycles', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(graph)).toEqual([]);
  });

  it('every import goes down a floor or stays in its room: no command imports another, nothing imports upward', () => {
    expect(
      upward(new Map([[path.join('api', 'http.ts'), [path.join('iostreams', 'io.ts'), path.join('lib', 'env.ts')]]])),
    ).toEqual([`${path.join('api', 'http.ts')} → ${path.join('iostreams', 'io.ts')}`]);
    expect(
      upward(
        new Map([
          [
            path.join('commands', 'list', 'run.ts'),
            [path.join('commands', 'info', 'x.ts'), path.join('commands', 'shared', 'y.ts')],
          ],
        ]),
      ),
    ).toEqual([`${path.join('commands', 'list', 'run.ts')} → ${path.join('commands', 'info', 'x.ts')}`]);
    expect(upward(graph)).toEqual([]);
  });

  it('src/ keeps at most three files at its root: the entry, main and the typed errors', () => {
    const root = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    expect(root).toEqual(['cli.ts', 'errors.ts', 'main.ts']);
  });

  it('no two modules export the same name', () => {
    const owners = new Map<string, string[]>();
    for (const file of graph.keys()) {
      const text = fs.readFileSync(path.join(SRC, file), 'utf8');
      for (const m of text.matchAll(
        /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm,
      )) {
        owners.set(m[1]!, [...(owners.get(m[1]!) ?? []), file]);
      }
    }
    expect(owners.size).toBeGreaterThan(100);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
