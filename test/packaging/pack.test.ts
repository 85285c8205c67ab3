import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm's own environment when run under `npm test` (npm_config_global, npm_lifecycle_*…) must not steer the child npm. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(global|prefix|dry_run|ignore_scripts|location))/i.test(k)) delete env[k];
  return env;
}

let tmp: string;
let tarball: string;
let packed: string[];
let prefix: string;

// One pack, one install: the slow part (~1 minute) is npm fetching the runtime dependencies.
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-pack-'));
  // --ignore-scripts: `prepare` would rebuild dist/ while other test files run the CLI from it;
  // `npm test` has just built it (pretest), and the build clears stale chunks first.
  const { stdout } = await exec(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, env: cleanEnv() });
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, info!.filename);
  packed = info!.files.map((f) => f.path);
  prefix = path.join(tmp, 'prefix');
  await exec(npm, ['install', '-g', tarball, '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tmp, env: cleanEnv(), timeout: 240_000 });
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const installed = (): string => path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', 'rcuser');
const rcuser = (args: string[]) =>
  exec(path.join(prefix, 'bin', 'rcuser'), args, { cwd: tmp, env: { PATH: process.env.PATH, HOME: tmp, NO_COLOR: '1', RCUSER_CONFIG_DIR: path.join(tmp, 'config') } });

describe('npm pack → npm install -g', () => {
  it('packs the built CLI and its manual, not the sources or tests', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/rcuser.js', 'dist/rcuser.js']));
    for (const f of packed) expect(f).toMatch(/^(package\.json|README\.md|bin\/rcuser\.js|dist\/rcuser\.js|dist\/chunks\/[\w-]+\.js)$/);
  });

  it('ships no stale chunks: every chunk is imported by another shipped file', () => {
    const dist = path.join(installed(), 'dist');
    const files = packed.filter((f) => f.startsWith('dist/')).map((f) => fs.readFileSync(path.join(installed(), f), 'utf8'));
    for (const chunk of fs.readdirSync(path.join(dist, 'chunks'))) {
      // As an import's specifier: "./x.js", or `./x.js` (how rolldown writes a dynamic import()).
      const users = files.filter((text) => [`/${chunk}"`, `/${chunk}\``].some((ref) => text.includes(ref)));
      expect(users.length, `dist/chunks/${chunk} is imported by nothing`).toBeGreaterThan(0);
    }
  });

  it('installs an rcuser command that prints its version', async () => {
    const { stdout, stderr } = await rcuser(['--version']);
    expect(stdout).toBe(`${pkg.version}\n`);
    expect(stderr).toBe('');
  });

  it('shows help with examples', async () => {
    const { stdout } = await rcuser(['info', '--help']);
    expect(stdout).toMatch(/^Usage: rcuser info /);
    expect(stdout).toContain('\nExamples:\n');
  });

  it('installs the runtime dependencies only, no development tools', () => {
    const modules = path.join(installed(), 'node_modules');
    const present = fs.existsSync(modules) ? fs.readdirSync(modules) : [];
    for (const dev of Object.keys(pkg.devDependencies)) {
      const [scope, name] = dev.startsWith('@') ? dev.split('/') : [dev, undefined];
      const found = name ? fs.existsSync(path.join(modules, scope!, name)) : present.includes(scope!);
      expect(found, `${dev} was installed`).toBe(false);
    }
  });

  it('declares what npm shows and enforces', () => {
    expect(pkg.license).toBe('MIT');
    expect(pkg.engines.node).toBe('>=20.18.1');
    expect(pkg.bin).toEqual({ rcuser: 'bin/rcuser.js' });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['rocket.chat', 'cli']));
    expect(fs.readFileSync(path.join(ROOT, 'bin', 'rcuser.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
