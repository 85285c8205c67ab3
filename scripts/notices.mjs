// The third-party notices shipped beside the bundle (a step of `npm run build`, scripts/build.mjs).
// dist/ carries copies of other packages' code (and any asset of theirs it ships, such as a .wasm);
// their MIT/ISC/BSD licences ask that their notices travel with those copies.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped file name, in dist/. */
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/** A licence or notice file by its name: LICENSE, license.md, LICENCE-MIT.txt, COPYING, NOTICE. */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

/**
 * The source files whose bytes went into the build's outputs, from esbuild's metafile: every input
 * of every output with a byte in it (JavaScript, and assets esbuild copies with the `file` or
 * `binary` loaders). Plugin namespaces (`builtin-require:node:fs`) are not files.
 *
 * @param {import('esbuild').Metafile} metafile
 * @returns {string[]} paths as the metafile has them (relative to the build's working directory)
 */
export function bundledInputs(metafile) {
  const files = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0 && !/^[\w-]+:/.test(input)) files.add(input);
    }
  }
  return [...files];
}

/**
 * The packages those files belong to: the directory after the last `node_modules/` of a path (a
 * nested copy, node_modules/conf/node_modules/ajv, is a package of its own), with its name, version
 * and licence from its package.json, and the licence files found from each bundled file's directory
 * up to the package's root (undici keeps one beside the fetch code it took from elsewhere).
 *
 * @param {Iterable<string>} files bundled source files (relative to `cwd`, or absolute)
 * @param {string} cwd
 * @returns {Array<{ name: string, version: string, license: string, dir: string, licenceFiles: string[] }>} by name
 */
export function bundledPackages(files, cwd = process.cwd()) {
  /** @type {Map<string, Set<string>>} package directory → directories of its bundled files */
  const dirs = new Map();
  for (const file of files) {
    const abs = path.resolve(cwd, file).split(path.sep).join('/');
    const at = abs.lastIndexOf('/node_modules/');
    if (at < 0) continue; // rcuser's own
    const rest = abs.slice(at + '/node_modules/'.length).split('/');
    const root = abs.slice(0, at + '/node_modules/'.length) + rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/');
    if (!dirs.has(root)) dirs.set(root, new Set());
    dirs.get(root).add(path.posix.dirname(abs));
  }
  const packages = [];
  for (const [root, fileDirs] of dirs) {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const found = new Set();
    for (let dir of fileDirs) {
      for (;;) {
        for (const name of fs.readdirSync(dir))
          if (LICENCE_FILE.test(name) && fs.statSync(path.join(dir, name)).isFile()) found.add(path.join(dir, name));
        if (dir === root || !dir.startsWith(`${root}/`)) break;
        dir = path.posix.dirname(dir);
      }
    }
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN');
    const licenceFiles = [...found].sort((a, b) => a.length - b.length || a.localeCompare(b));
    packages.push({ name: pkg.name, version: pkg.version, license, dir: root, licenceFiles });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * Notices for C code compiled into a package's WebAssembly (jq and Oniguruma in jq-wasm, llhttp in
 * undici): the packages ship no licence text for it, so scripts/licences/<package>.<part>.txt does.
 *
 * @param {string} name package name
 * @returns {string[]} files
 */
function compiledIn(name) {
  const dir = fileURLToPath(new URL('./licences/', import.meta.url));
  const prefix = `${name.replace('/', '__')}.`;
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The notices file: a list of the packages, then each one's licence files verbatim. A package
 * without a licence file fails the build: its notice cannot be made up here.
 *
 * @param {ReturnType<typeof bundledPackages>} packages
 * @returns {string}
 */
export function renderNotices(packages) {
  const missing = packages.filter((p) => p.licenceFiles.length === 0).map((p) => `${p.name}@${p.version}`);
  if (missing.length > 0)
    throw new Error(`notices: no licence file in ${missing.join(', ')}; add its notice by hand before bundling it`);
  const rule = '-'.repeat(72);
  const head = [
    'rcuser bundles code from the packages below into dist/. Their licences and notices follow,',
    'each as its package ships it. (rcuser itself: see LICENSE.)',
    '',
    ...packages.map((p) => `  ${p.name} ${p.version} (${p.license})`),
  ];
  const sections = packages.flatMap((p) => [
    rule,
    `${p.name} ${p.version} (${p.license})`,
    ...p.licenceFiles.flatMap((file) => [
      '',
      `${p.name}/${path.relative(p.dir, file).split(path.sep).join('/')}:`,
      '',
      fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trimEnd(),
    ]),
    ...compiledIn(p.name).flatMap((file) => [
      '',
      `compiled into ${p.name} (scripts/licences/${path.basename(file)}):`,
      '',
      fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trimEnd(),
    ]),
    '',
  ]);
  return `${[...head, '', ...sections].join('\n')}`;
}
