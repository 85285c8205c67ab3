// The second step of `npm run build`: regroup esbuild's chunks into fewer files (scripts/build.mjs).
import path from 'node:path';
import { rolldown } from 'rolldown';

/** The command whose path gets a chunk of its own: a lookup is what scripts run in loops. */
export const LOOKUP_ENTRY = 'src/commands/info/run.ts';
/** What a lookup without --json loads on top: the user's table and the rooms' table. */
export const TABLE_ENTRIES = ['src/render/user.ts', 'src/render/rooms.ts'];

/**
 * esbuild splits shared code by which lazy modules reach it, so a lookup loaded the entry and ~19
 * chunks, and Node's ES module loader costs ~0.3 ms of CPU per file. esbuild cannot be told where to
 * cut; rolldown can, and re-bundling esbuild's output keeps each module once. Three groups:
 *   core    every chunk the entry imports statically: what every command loads (the help path);
 *   lookup  every chunk `info` imports statically beyond core: undici, the client, the JSON output;
 *   table   what the human output of `info` adds beside its two lazy renderers (cli-table3, chalk).
 * Everything else (batches, other commands, conf) stays as esbuild cut it, loaded on demand.
 * Files loaded: `--help` 11 → 2, `info --json` 20 → 3, `info` (table) 27 → 6. Measured A/B in CPU time
 * (24 interleaved runs each, Node 20 / 24): `info --json` −8 to −12 / −5 ms, the table −11 / −5 ms,
 * `--help` −4 / −5 ms (README, "Speed and `npm run bench`").
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
  const chunkOf = (source) => {
    const file = Object.keys(outputs).find((f) => outputs[f].entryPoint === source);
    // A renamed module must not quietly bring the ~20 files back.
    if (!file) throw new Error(`rechunk: no chunk has ${source} as its entry point`);
    return file;
  };
  const closureOf = (source) => staticClosure(chunkOf(source), new Set([chunkOf(source)]));
  const core = staticClosure(entry);
  const lookup = closureOf(LOOKUP_ENTRY);
  // Without the two renderers themselves: a module imported with import() from the group's own chunk
  // would need a namespace object built by rolldown's helpers, one more file for every lookup.
  const table = new Set(TABLE_ENTRIES.flatMap((source) => [...staticClosure(chunkOf(source))]));
  for (const file of [...core, ...lookup]) table.delete(file);
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
        { name: 'table', test: (id) => table.has(path.resolve(id)) },
      ],
    },
    // esbuild has minified already; only keep rolldown from adding the whitespace back.
    minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
  });
  await bundle.close();
  return output.map((o) => path.resolve(outDir, o.fileName));
}
