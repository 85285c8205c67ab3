// Bundles src/cli.ts into dist/ (`npm run build`; a development tool, not shipped). Every run of rcuser is a new Node process, so
// what the bundle loads at start-up is paid every time; the choices below were measured with
// `node --cpu-prof` and `npm run bench` (README, Development).
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { LAZY_BUILTINS, standInSource } from './lazy-builtins.mjs';
import { bundledInputs, bundledPackages, NOTICES_FILE, renderNotices } from './notices.mjs';
import { rechunk } from './rechunk.mjs';

/**
 * Node built-ins imported with ESM `import` each cost the ESM loader a resolve and a wrapper module
 * at every start; through require() (below) they are a plain lookup. So every
 * `import x from 'node:y'`, rcuser's and its dependencies', is bundled as require('node:y').
 */
const builtinsAsRequire = {
  name: 'builtins-as-require',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => {
      if (args.namespace !== 'file') return undefined;
      // Dependencies' require()s are left to esbuild (and lazy-builtins). Their ES imports come here
      // too: each would cost a module namespace, and chalk's `import process from 'node:process'`
      // even builds process.stdin to fill one (~8 ms of every table on Node 22+).
      if (
        /node_modules/.test(args.importer) &&
        (args.kind !== 'import-statement' || Object.hasOwn(LAZY_BUILTINS, args.path))
      )
        return undefined;
      return { path: args.path, namespace: 'builtin-require' };
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
    }));
  },
};

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_BUILTINS).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      // Only for dependencies; rcuser's own code imports what it needs, when it needs it.
      if (!/node_modules/.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'lazy-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      loader: 'js',
      contents: standInSource(args.path),
    }));
  },
};

/** jq-wasm's WebAssembly (jq 1.8 itself), shipped beside the bundle for --jq (src/export/jq.ts). */
const JQ_WASM = 'jq.wasm';

// esbuild's chunks are regrouped by rechunk() into dist/; this directory only holds them until then.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-build-'));

await esbuild
  .build({
    entryPoints: { rcuser: 'src/cli.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.18',
    splitting: true,
    outdir: stage,
    chunkNames: 'chunks/[name]-[hash]',
    // Less text for V8 to scan on every start; names are kept so RCUSER_DEBUG stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled code calls require() only for Node built-ins (everything else is in the bundle), and ESM
    // has no require of its own. process.getBuiltinModule (Node 20.16+) is that without the cost of
    // createRequire in every chunk; it returns undefined for an unknown name, where require throws.
    banner: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: this string is JavaScript source; its template literal runs in the bundle
      js: "const require=(id)=>{const m=process.getBuiltinModule(id);if(m===undefined)throw Object.assign(new Error(`Cannot find module '${id}'`),{code:'MODULE_NOT_FOUND'});return m};",
    },
    // --jq's engine reads jq.wasm, which the build puts in dist/ beside rcuser.js; the module that
    // reads it is always a chunk in dist/chunks/ (checked below), so the path is relative to that.
    define: { RCUSER_JQ_WASM: JSON.stringify(`../${JQ_WASM}`) },
    plugins: [builtinsAsRequire, lazyBuiltins],
    metafile: true,
    logLevel: 'warning',
  })
  .then(async (result) => {
    const written = new Set(await rechunk(stage, result.metafile, 'dist'));
    const jqChunk = [...written].find(
      (file) => /[\\/]jq-[^\\/]+\.js$/.test(file) && fs.readFileSync(file, 'utf8').includes('jq.wasm'),
    );
    if (!jqChunk || path.dirname(jqChunk) !== path.resolve('dist/chunks'))
      throw new Error('build: the --jq engine is not a chunk of its own in dist/chunks/');
    const jqWasm = path.relative(process.cwd(), createRequire(import.meta.url).resolve('jq-wasm/jq.wasm'));
    fs.copyFileSync(jqWasm, path.join('dist', JQ_WASM));
    // The licences of every package whose code or assets went in: the metafile says which. A file put
    // into dist/ by other means than esbuild must have its source added to this list.
    fs.writeFileSync(
      path.join('dist', NOTICES_FILE),
      renderNotices(bundledPackages([...bundledInputs(result.metafile), jqWasm])),
    );
    // Neither tool deletes: chunk names carry content hashes, so each build would leave the previous
    // build's chunks in dist/chunks/ for `npm pack` to ship. Delete those this build did not write,
    // after the build rather than before, so a CLI running meanwhile never misses a file.
    for (const name of fs.readdirSync('dist/chunks')) {
      const file = path.resolve('dist/chunks', name);
      if (!written.has(file)) fs.rmSync(file, { force: true });
    }
  })
  .finally(() => fs.rmSync(stage, { recursive: true, force: true }));
