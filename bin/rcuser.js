#!/usr/bin/env node
// Node 22.1+: keep V8's compiled code of the bundle between runs (in the OS temp directory, or
// NODE_COMPILE_CACHE), since every run of rcuser is a new process. Absent on Node 20: a no-op.
process.getBuiltinModule('node:module').enableCompileCache?.();

const { run } = await import('../dist/rcuser.js');
process.exitCode = await run(process.argv.slice(2));
