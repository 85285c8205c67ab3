/**
 * What a user installs: `npm pack`, then `npm install -g` of the tarball into a temporary prefix, as
 * the README says. The bundle carries its dependencies, so the install is one package, offline.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { commandFor } from '../../scripts/spawn-cmd.mjs';
import { useServer, credentials } from '../helpers/harness.js';

const execFileP = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const win = process.platform === 'win32';

/**
 * Every package whose code the bundle carries, with the licence its package.json declares: a new
 * one (a dependency's new dependency) fails this test until its licence has been read.
 */
const BUNDLED: Record<string, string> = {
  '@colors/colors': 'MIT',
  ajv: 'MIT',
  'ajv-formats': 'MIT',
  'ansi-regex': 'MIT',
  atomically: 'MIT',
  chalk: 'MIT',
  'cli-table3': 'MIT',
  commander: 'MIT',
  conf: 'MIT',
  'debounce-fn': 'MIT',
  'dot-prop': 'MIT',
  'emoji-regex': 'MIT',
  'env-paths': 'MIT',
  'fast-deep-equal': 'MIT',
  'fast-uri': 'BSD-3-Clause',
  'is-fullwidth-code-point': 'MIT',
  'jq-wasm': 'MIT',
  'json-schema-traverse': 'MIT',
  'mimic-function': 'MIT',
  semver: 'ISC',
  'string-width': 'MIT',
  'strip-ansi': 'MIT',
  'stubborn-fs': 'MIT',
  'stubborn-utils': 'MIT',
  'uint8array-extras': 'MIT',
  undici: 'MIT',
  'when-exit': 'MIT',
};

/** npm's own environment when run under `npm test` (npm_config_global, npm_lifecycle_*…) must not steer the child npm. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (/^npm_(lifecycle|package|config_(global|prefix|dry_run|ignore_scripts|location))/i.test(k)) delete env[k];
  return env;
}

/** npm, or a command npm installed, as each OS runs it (a .cmd through cmd.exe on Windows). */
function run(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number }) {
  const c = commandFor(command, args);
  return execFileP(c.file, c.args, { ...opts, ...c.options });
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
const sameBytes = (file: string, bytes: Buffer) =>
  fs.statSync(file).size === bytes.length && fs.readFileSync(file).equals(bytes);

let tmp: string;
let packed: string[];
let prefix: string;
let installLog: string;
let npxOut: string;
const server = useServer();

// One pack and one install, both local: nothing is fetched (~2 s on an idle machine).
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-pack-'));
  // --ignore-scripts: `prepack` would rebuild dist/ while other test files run the CLI from it;
  // `npm test` has just built it (pretest), and the build clears stale chunks.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
    cwd: ROOT,
    env: cleanEnv(),
  });
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = info!.files.map((f) => f.path);
  prefix = path.join(tmp, 'prefix');
  const tarball = `.${path.sep}${info!.filename}`;
  // The README's commands, with npm's default log level: its warnings are part of what a user sees.
  // --offline: nothing may need fetching. npx gets a cache of its own, so no earlier run is reused.
  const [r, x] = await Promise.all([
    run('npm', ['install', '-g', tarball, '--prefix', prefix, '--no-audit', '--no-fund', '--offline'], {
      cwd: tmp,
      env: cleanEnv(),
      timeout: 240_000,
    }),
    run(
      'npx',
      ['--yes', '--offline', '--cache', path.join(tmp, 'npx-cache'), '--package', tarball, 'rcuser', '--version'],
      {
        cwd: tmp,
        env: cleanEnv(),
        timeout: 240_000,
      },
    ),
  ]);
  installLog = r.stdout + r.stderr;
  npxOut = x.stdout;
}, 300_000);

afterAll(async () => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const globalModules = (): string => path.join(prefix, win ? '' : 'lib', 'node_modules');
const installed = (): string => path.join(globalModules(), 'rcuser');
const rcuser = (args: string[], env: Record<string, string> = {}) =>
  run(path.join(prefix, win ? '' : 'bin', 'rcuser'), args, {
    cwd: tmp,
    env: { PATH: process.env.PATH, HOME: tmp, NO_COLOR: '1', RCUSER_CONFIG_DIR: path.join(tmp, 'config'), ...env },
  });

describe('npm pack → npm install -g', () => {
  it('packs the built CLI, its manual and the licences, not the sources or tests', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'bin/rcuser.js',
        'dist/rcuser.js',
        'dist/THIRD-PARTY-NOTICES.txt',
        'dist/jq.wasm',
      ]),
    );
    for (const f of packed)
      expect(f).toMatch(
        /^(package\.json|README\.md|LICENSE|bin\/rcuser\.js|dist\/(rcuser\.js|THIRD-PARTY-NOTICES\.txt|jq\.wasm)|dist\/chunks\/[\w-]+\.js)$/,
      );
  });

  it('installs one package, rcuser, and runs no install script', () => {
    expect(fs.readdirSync(globalModules()).filter((name) => !name.startsWith('.'))).toEqual(['rcuser']);
    expect(fs.existsSync(path.join(installed(), 'node_modules'))).toBe(false);
    expect(installLog).toMatch(/^added 1 package\b/m);
    // npm 11 warns of every install script (preinstall, install, postinstall, prepare) it was not told to allow.
    expect(installLog).not.toMatch(/install-scripts|allowScripts|prepare/);
  });

  it('declares no runtime dependency and no install script', () => {
    expect(Object.keys(pkg)).not.toContain('dependencies');
    expect(Object.keys(pkg.scripts).filter((s) => /^(pre|post)?(install|prepare)$/.test(s))).toEqual([]);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('ships no stale chunks: every chunk is imported by another shipped file', () => {
    const dist = path.join(installed(), 'dist');
    const files = packed
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(installed(), f), 'utf8'));
    for (const chunk of fs.readdirSync(path.join(dist, 'chunks'))) {
      // As an import's specifier: "./x.js", or `./x.js` (how rolldown writes a dynamic import()).
      const users = files.filter((text) => [`/${chunk}"`, `/${chunk}\``].some((ref) => text.includes(ref)));
      expect(users.length, `dist/chunks/${chunk} is imported by nothing`).toBeGreaterThan(0);
    }
  });

  it("ships rcuser's MIT licence", () => {
    const text = fs.readFileSync(path.join(installed(), 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} The rcuser authors\n/);
    expect(pkg.license).toBe('MIT');
  });

  it('ships the notices of every bundled package: its name, version, licence and licence files verbatim', () => {
    const notices = fs.readFileSync(path.join(installed(), 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const listed = [...notices.split('\n\n')[1]!.matchAll(/^ {2}(\S+) (\S+) \((.+)\)$/gm)].map((m) => [m[1]!, m[3]!]);
    expect(Object.fromEntries(listed)).toEqual(BUNDLED);
    for (const name of Object.keys(BUNDLED)) {
      const dir = path.join(ROOT, 'node_modules', name);
      const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
      expect(notices).toContain(`\n${name} ${version} (${BUNDLED[name]})\n`);
      const licence = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
      expect(licence, `${name} has a licence file`).toBeDefined();
      const text = fs.readFileSync(path.join(dir, licence!), 'utf8').replace(/\r\n/g, '\n').trimEnd();
      expect(notices).toContain(`\n${name}/${licence}:\n\n${text}\n`);
    }
  });

  // An asset (jq-wasm's .wasm) is shipped as its package has it: the notices must name that package.
  it('ships no file in dist/ but chunks, the notices, and copies of files of packages the notices name', () => {
    const assets = packed.filter(
      (f) => f.startsWith('dist/') && !/^dist\/(chunks\/[\w-]+\.js|rcuser\.js|THIRD-PARTY-NOTICES\.txt)$/.test(f),
    );
    for (const asset of assets) {
      const bytes = fs.readFileSync(path.join(installed(), asset));
      const origin = Object.keys(BUNDLED).find((name) =>
        filesUnder(path.join(ROOT, 'node_modules', name)).some((f) => sameBytes(f, bytes)),
      );
      expect(origin, `${asset} is a file of no package the notices name`).toBeDefined();
    }
  });

  it('installs an rcuser command that prints its version', async () => {
    const { stdout, stderr } = await rcuser(['--version']);
    expect(stdout).toBe(`${pkg.version}\n`);
    expect(stderr).toBe('');
  });

  it('runs without installing, with npx --package ./rcuser-<version>.tgz rcuser', () => {
    expect(npxOut).toBe(`${pkg.version}\n`);
  });

  it('shows help with examples', async () => {
    const { stdout } = await rcuser(['info', '--help']);
    expect(stdout).toMatch(/^Usage: rcuser info /);
    expect(stdout).toContain('\nExamples:\n');
  });

  it('looks a user up on the test server, as JSON, as a table and through --jq', async () => {
    const env = credentials(server, 'test.john');
    const json = await rcuser(['info', 'test.john', '--json'], env);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ username: 'test.john', name: 'Test John' });
    const table = await rcuser(['info', 'test.john'], env);
    expect(table.stdout).toMatch(/^Test John \(@test\.john\)/);
    expect(table.stderr).toBe('');
    // --jq runs the jq.wasm shipped beside the bundle (jq-wasm itself is not installed).
    const jq = await rcuser(['info', 'test.john', '--jq', '.username, (.roles | length)'], env);
    expect(jq.stderr).toBe('');
    expect(jq.stdout).toBe('test.john\n2\n');
    // Three runs of the installed CLI; a busy machine can take seconds for each (no timing is asserted).
  }, 60_000);

  it('declares what npm shows and enforces', () => {
    expect(pkg.engines.node).toBe('>=20.18.1');
    expect(pkg.bin).toEqual({ rcuser: 'bin/rcuser.js' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['rocket.chat', 'cli']));
    expect(fs.readFileSync(path.join(ROOT, 'bin', 'rcuser.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
