/** scripts/notices.mjs: which packages went into dist/, from esbuild's metafile, and their notices. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledInputs, bundledPackages, renderNotices } from '../../scripts/notices.mjs';

let root: string;

/** A package under `root`: its package.json and the given files. */
function addPackage(dir: string, manifest: object, files: Record<string, string>): void {
  const abs = path.join(root, dir);
  fs.mkdirSync(abs, { recursive: true });
  fs.writeFileSync(path.join(abs, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(abs, name)), { recursive: true });
    fs.writeFileSync(path.join(abs, name), text);
  }
}

const inputs = (entries: Record<string, number>) =>
  Object.fromEntries(Object.entries(entries).map(([k, n]) => [k, { bytesInOutput: n }]));

/** The shape of the build's metafile: a JS chunk, and a .wasm copied by esbuild's `file` loader. */
const metafile = {
  inputs: {},
  outputs: {
    'stage/rcuser.js': {
      inputs: inputs({
        'src/cli.ts': 900,
        'builtin-require:node:fs': 40,
        'node_modules/lib-a/index.js': 120,
        'node_modules/lib-a/vendor/fetch/body.js': 80,
        'node_modules/lib-a/node_modules/lib-b/index.js': 30,
        'node_modules/@scope/lib-c/dist/index.cjs': 50,
        // Read but shaken out entirely: not shipped, so not named.
        'node_modules/lib-unused/index.js': 0,
      }),
    },
    'stage/jq-ABCD1234.wasm': { inputs: inputs({ 'node_modules/wasm-lib/dist/build/jq.wasm': 928824 }) },
  },
} as unknown as Metafile;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-notices-'));
  addPackage(
    'node_modules/lib-a',
    { name: 'lib-a', version: '1.2.3', license: 'MIT' },
    {
      LICENSE: 'MIT License\r\n\r\nCopyright (c) A\r\n',
      'index.js': '',
      'vendor/fetch/LICENSE': 'MIT License\n\nCopyright (c) the fetch authors\n',
      'vendor/fetch/body.js': '',
      'vendor/other/LICENSE': 'not bundled: no file of this directory went in\n',
    },
  );
  addPackage(
    'node_modules/lib-a/node_modules/lib-b',
    { name: 'lib-b', version: '0.1.0', license: 'ISC' },
    { 'LICENSE.md': 'ISC B\n', 'index.js': '' },
  );
  addPackage(
    'node_modules/@scope/lib-c',
    { name: '@scope/lib-c', version: '2.0.0', license: { type: 'BSD-3-Clause' } },
    {
      'license.txt': 'BSD C\n',
      NOTICE: 'Portions by D\n',
      'dist/index.cjs': '',
    },
  );
  addPackage(
    'node_modules/wasm-lib',
    { name: 'wasm-lib', version: '3.0.0', license: 'MIT' },
    { LICENSE: 'MIT W\n', 'dist/build/jq.wasm': '' },
  );
  addPackage(
    'node_modules/lib-unused',
    { name: 'lib-unused', version: '9.9.9', license: 'GPL-3.0' },
    { LICENSE: 'GPL\n', 'index.js': '' },
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the third-party notices', () => {
  it('take the files with bytes in an output, JavaScript or asset, and no plugin namespaces', () => {
    expect(bundledInputs(metafile).sort()).toEqual([
      'node_modules/@scope/lib-c/dist/index.cjs',
      'node_modules/lib-a/index.js',
      'node_modules/lib-a/node_modules/lib-b/index.js',
      'node_modules/lib-a/vendor/fetch/body.js',
      'node_modules/wasm-lib/dist/build/jq.wasm',
      'src/cli.ts',
    ]);
  });

  it('name each package once, nested and scoped ones too, with the licence files above its bundled files', () => {
    const packages = bundledPackages(bundledInputs(metafile), root);
    const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
    expect(packages.map((p) => ({ ...p, dir: rel(p.dir), licenceFiles: p.licenceFiles.map(rel) }))).toEqual([
      {
        name: '@scope/lib-c',
        version: '2.0.0',
        license: 'BSD-3-Clause',
        dir: 'node_modules/@scope/lib-c',
        licenceFiles: ['node_modules/@scope/lib-c/NOTICE', 'node_modules/@scope/lib-c/license.txt'],
      },
      {
        name: 'lib-a',
        version: '1.2.3',
        license: 'MIT',
        dir: 'node_modules/lib-a',
        licenceFiles: ['node_modules/lib-a/LICENSE', 'node_modules/lib-a/vendor/fetch/LICENSE'],
      },
      {
        name: 'lib-b',
        version: '0.1.0',
        license: 'ISC',
        dir: 'node_modules/lib-a/node_modules/lib-b',
        licenceFiles: ['node_modules/lib-a/node_modules/lib-b/LICENSE.md'],
      },
      {
        name: 'wasm-lib',
        version: '3.0.0',
        license: 'MIT',
        dir: 'node_modules/wasm-lib',
        licenceFiles: ['node_modules/wasm-lib/LICENSE'],
      },
    ]);
  });

  it('list the packages, then quote their licence files whole', () => {
    const text = renderNotices(bundledPackages(bundledInputs(metafile), root));
    const rule = '-'.repeat(72);
    expect(text).toBe(
      [
        'rcuser bundles code from the packages below into dist/. Their licences and notices follow,',
        'each as its package ships it. (rcuser itself: see LICENSE.)',
        '',
        '  @scope/lib-c 2.0.0 (BSD-3-Clause)',
        '  lib-a 1.2.3 (MIT)',
        '  lib-b 0.1.0 (ISC)',
        '  wasm-lib 3.0.0 (MIT)',
        '',
        rule,
        '@scope/lib-c 2.0.0 (BSD-3-Clause)',
        '',
        '@scope/lib-c/NOTICE:',
        '',
        'Portions by D',
        '',
        '@scope/lib-c/license.txt:',
        '',
        'BSD C',
        '',
        rule,
        'lib-a 1.2.3 (MIT)',
        '',
        'lib-a/LICENSE:',
        '',
        'MIT License\n\nCopyright (c) A',
        '',
        'lib-a/vendor/fetch/LICENSE:',
        '',
        'MIT License\n\nCopyright (c) the fetch authors',
        '',
        rule,
        'lib-b 0.1.0 (ISC)',
        '',
        'lib-b/LICENSE.md:',
        '',
        'ISC B',
        '',
        rule,
        'wasm-lib 3.0.0 (MIT)',
        '',
        'wasm-lib/LICENSE:',
        '',
        'MIT W',
        '',
      ].join('\n'),
    );
  });

  it('refuse a package that ships no licence file', () => {
    addPackage('node_modules/bare', { name: 'bare', version: '1.0.0', license: 'MIT' }, { 'index.js': '' });
    expect(() => renderNotices(bundledPackages(['node_modules/bare/index.js'], root))).toThrow(
      'notices: no licence file in bare@1.0.0; add its notice by hand before bundling it',
    );
  });

  it('carry the notices of the C code compiled into jq.wasm and undici, which those packages do not ship', () => {
    const built = fs.readFileSync(new URL('../../dist/THIRD-PARTY-NOTICES.txt', import.meta.url), 'utf8');
    const section = (name: string): string => built.slice(built.indexOf(`\n${name} `));
    expect(section('jq-wasm')).toMatch(
      /compiled into jq-wasm \(scripts\/licences\/jq-wasm\.jq\.txt\):\n\njq is copyright \(C\) 2012 Stephen Dolan/,
    );
    for (const part of ['David M. Gay', 'decNumber', 'ICU License', 'Heimdal'])
      expect(section('jq-wasm')).toContain(part);
    expect(section('jq-wasm')).toMatch(
      /compiled into jq-wasm \(scripts\/licences\/jq-wasm\.oniguruma\.txt\):\n\nOniguruma/,
    );
    expect(section('undici')).toMatch(
      /compiled into undici \(scripts\/licences\/undici\.llhttp\.txt\):\n\nllhttp\n\nCopyright Fedor Indutny/,
    );
  });
});
