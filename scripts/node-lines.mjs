// The Node lines rcuser is tested and benchmarked on besides the machine's own, and where their
// binaries come from: the official builds the npm registry carries as `node-<os>-<arch>` packages,
// fetched once into a cache outside the repository and reused by `npm run test:matrix` and
// `npm run bench`. A development tool, not shipped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandFor } from './spawn-cmd.mjs';

/** Newest of each line users run today (Node 20, the machines' own, is past end of life: 2026-04-30). */
export const MATRIX_MAJORS = [22, 24, 26];

/** npm with these arguments, its output as text (npm.cmd through cmd.exe on Windows: spawn-cmd.mjs). */
const npm = (args, options) => {
  const c = commandFor('npm', args);
  return execFileSync(c.file, c.args, { ...options, ...c.options, encoding: 'utf8' });
};
const PACKAGE = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;

/** ${RCUSER_NODE_CACHE} or ${XDG_CACHE_HOME:-~/.cache}/rcuser-node: one directory per version. */
export function cacheRoot() {
  if (process.env.RCUSER_NODE_CACHE) return path.resolve(process.env.RCUSER_NODE_CACHE);
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'rcuser-node');
}

const nodeIn = (dir) => path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
const byVersion = (a, b) => {
  const [p, q] = [a, b].map((v) => v.split('.').map(Number));
  return p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
};

/** The newest release of each major: one registry query; offline, the newest cached one. */
export function newestVersions(majors, log = console.error) {
  let published = [];
  try {
    published = JSON.parse(
      npm(['view', PACKAGE, 'versions', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }),
    );
  } catch (err) {
    log(`node-lines: cannot ask the registry for ${PACKAGE} (${String(err.message).split('\n')[0]}); using the cache`);
  }
  const cached = fs.existsSync(cacheRoot())
    ? fs.readdirSync(cacheRoot()).filter((v) => fs.existsSync(nodeIn(path.join(cacheRoot(), v))))
    : [];
  return majors.map((major) => {
    const releases = (published.length ? published : cached).filter(
      (v) => /^\d+\.\d+\.\d+$/.test(v) && v.split('.')[0] === String(major),
    );
    const newest = releases.sort(byVersion).at(-1);
    if (!newest)
      throw new Error(`node-lines: no ${PACKAGE} release of Node ${major} in the registry or in ${cacheRoot()}`);
    return newest;
  });
}

/** Path of the node binary of this exact version, fetched (npm pack + tar) on first use and checked. */
export function ensureNode(version, log = console.error) {
  const dir = path.join(cacheRoot(), version);
  if (!fs.existsSync(nodeIn(dir))) {
    fs.mkdirSync(cacheRoot(), { recursive: true });
    const tmp = fs.mkdtempSync(path.join(cacheRoot(), `.fetch-${version}-`));
    try {
      log(`node-lines: fetching ${PACKAGE}@${version} into ${dir}`);
      // npm pack checks the tarball against the registry's integrity hash.
      const [info] = JSON.parse(
        npm(['pack', `${PACKAGE}@${version}`, '--json', '--pack-destination', tmp], {
          cwd: tmp,
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 600_000,
        }),
      );
      execFileSync('tar', ['xzf', path.join(tmp, info.filename), '-C', tmp], { stdio: 'inherit' });
      // Renamed into place whole, so a fetch that dies halfway never leaves a usable-looking directory.
      try {
        fs.renameSync(path.join(tmp, 'package'), dir);
      } catch (err) {
        if (!fs.existsSync(nodeIn(dir))) throw err; // else another run fetched it meanwhile
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const bin = nodeIn(dir);
  const reported = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`node-lines: ${bin} says ${reported}, expected v${version}`);
  return bin;
}

/** Each major's newest Node, fetched if needed: [{ major, version, bin }]. */
export function matrixNodes(majors = MATRIX_MAJORS, log = console.error) {
  return newestVersions(majors, log).map((version, i) => ({
    major: majors[i],
    version,
    bin: ensureNode(version, log),
  }));
}
