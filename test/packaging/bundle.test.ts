/** What the build leaves in dist/ for Node to do at every start (`npm test` builds it first). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const files = () => ['rcuser.js', ...fs.readdirSync(path.join(DIST, 'chunks')).map((f) => path.join('chunks', f))];

describe('the bundle', () => {
  // An ES import of a built-in costs a module namespace at every start; `import process from
  // 'node:process'` (chalk's) even builds process.stdin to fill it. Built-ins go through require().
  it('imports no Node built-in as an ES module', () => {
    // A static import statement (minified: at the start of a line or after a `;`), not text in a string.
    const statement = /(?:^|[;\n])\s*import\s*(?:[\w$*{},\s]+?from\s*)?["'](node:[\w/]+)["']/g;
    const found = files().flatMap((f) =>
      [...fs.readFileSync(path.join(DIST, f), 'utf8').matchAll(statement)].map((m) => `${f}: ${m[1]}`),
    );
    expect(found).toEqual([]);
  });
});
