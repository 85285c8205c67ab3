/**
 * vitest's global setup: a third of the tests spawn bin/rcuser.js, which runs dist/, so dist/ must be
 * built from the src/ under test. When a file of src/ or scripts/ (or package.json) is newer than
 * dist/rcuser.js, dist/ is rebuilt first (`npm run build`), saying so; `npx vitest run test/e2e` can
 * then never test a stale bundle. RCUSER_TEST_NO_BUILD=1 refuses instead of building.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest input of the build, when it is newer than the bundle (or there is no bundle); else undefined. */
export function staleBecause(root: string): string | undefined {
  const bundle = path.join(root, 'dist', 'rcuser.js');
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : -1;
  let newest: { file: string; at: number } | undefined;
  const consider = (file: string): void => {
    const at = fs.statSync(file).mtimeMs;
    if (at > built && (!newest || at > newest.at)) newest = { file, at };
  };
  for (const dir of ['src', 'scripts']) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const file = path.join(root, dir, f);
      if (fs.statSync(file).isFile()) consider(file);
    }
  }
  consider(path.join(root, 'package.json'));
  if (built < 0) return 'dist/rcuser.js does not exist';
  return newest && `${path.relative(root, newest.file)} is newer than dist/rcuser.js`;
}

export default function setup(): void {
  const why = staleBecause(ROOT);
  if (why === undefined) return;
  if (process.env.RCUSER_TEST_NO_BUILD === '1') {
    throw new Error(`dist/ is stale (${why}), and RCUSER_TEST_NO_BUILD=1: run \`npm run build\` first`);
  }
  process.stderr.write(`test/global-setup.ts: ${why}; building dist/ first (npm run build)\n`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
