#!/usr/bin/env node
// Node 22.1+: keep V8's compiled code of the bundle between runs (in the OS temp directory, or
// NODE_COMPILE_CACHE), since every run of rcuser is a new process. Absent on Node 20: a no-op.
process.getBuiltinModule('node:module').enableCompileCache?.();

const bundle = new URL('../dist/rcuser.js', import.meta.url);
const { run } = await import(bundle.href).catch((err) => {
  // A clone not built yet: `npm install` does not build (the package has no install script).
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || err.url !== bundle.href) throw err;
  process.stderr.write(
    'rcuser: dist/ is not built yet: run `npm run build` in the clone (npm test and npm run demo build it too)\n',
  );
  process.exit(1);
});
process.exitCode = await run(process.argv.slice(2));
