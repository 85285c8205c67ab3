// The second step of `npm run build`: regroup esbuild's chunks into fewer files (scripts/build.mjs).
import path from 'node:path';
import { rolldown } from 'rolldown';

/** The command whose path gets a chunk of its own: a lookup is what scripts run in loops. */
export const LOOKUP_ENTRY = 'src/commands/info/run.ts';

/**
 * esbuild splits shared code by which lazy modules reach it, so a lookup loaded the entry and ~19
 * chunks, and Node's ES module loader costs ~0.3 ms of CPU per file. esbuild cannot be told where to
 * cut; rolldown can, and re-bundling esbuild's output keeps each module once. Two groups:
 *   core    every chunk the entry imports statically: what every command loads (the help path);
 *   lookup  every chunk `info` imports statically beyond core: undici, the client, the JSON output.
 * Everything else (tables, batches, other commands, conf) stays as esbuild cut it, loaded on demand.
 * Measured A/B in CPU time (24 interleaved runs, README "Speed"): `info --json` −12 ms on Node 20 and
 * −5 ms on 24, `--help` −3 ms on 20 and 24.
 *
 * @param {string} stageDir esbuild's output directory
 * @param {import('esbuild').Metafile} metafile esbuild's metafile of that build
 * @param {string} outDir where the shipped files go
 * @returns {Promise<string[]>} absolute paths of the files written
 */
export async function rechunk(stageDir, metafile, outDir) {
  const outputs = Object.fromEntries(Object.entries(metafile.outputs).map(([file, out]) => [path.resolve(file), out]));
  const staticClosure = (file, seen = new Set()) => {
    for (const imp of outputs[file]?.imports ?? []) {
      const dep = path.resolve(imp.path);
      if (imp.kind === 'import-statement' && !seen.has(dep)) staticClosure(dep, seen.add(dep));
    }
    return seen;
  };
  const entry = path.resolve(stageDir, 'rcuser.js');
  const lookupRoot = Object.keys(outputs).find((file) => outputs[file].entryPoint === LOOKUP_ENTRY);
  // A rename of the lookup's module must not quietly bring the ~20 files back.
  if (!lookupRoot) throw new Error(`rechunk: no chunk has ${LOOKUP_ENTRY} as its entry point`);
  const core = staticClosure(entry);
  const lookup = staticClosure(lookupRoot, new Set([lookupRoot]));
  for (const file of core) lookup.delete(file);

  const bundle = await rolldown({ input: { rcuser: entry }, platform: 'node', logLevel: 'warn' });
  const { output } = await bundle.write({
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    // esbuild's names already end in a hash of their own (chunk-ZPMXWJWW); one hash is enough.
    chunkFileNames: (chunk) => `chunks/${chunk.name.replace(/-[A-Z0-9]{8}$/, '')}-[hash].js`,
    codeSplitting: {
      groups: [
        { name: 'core', test: (id) => core.has(path.resolve(id)) },
        { name: 'lookup', test: (id) => lookup.has(path.resolve(id)) },
      ],
    },
    // esbuild has minified already; only keep rolldown from adding the whitespace back.
    minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
  });
  await bundle.close();
  return output.map((o) => path.resolve(outDir, o.fileName));
}
