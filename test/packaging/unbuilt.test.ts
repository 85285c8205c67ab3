/** A clone before its first build: `npm install` builds nothing (rcuser ships no install script). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

const exec = promisify(execFile);

it('bin/rcuser.js without dist/ says how to build it, exit 1', async () => {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-unbuilt-'));
  try {
    fs.mkdirSync(path.join(clone, 'bin'));
    fs.copyFileSync(BIN, path.join(clone, 'bin', 'rcuser.js'));
    const err = await exec(process.execPath, [path.join(clone, 'bin', 'rcuser.js'), '--version']).then(
      () => expect.fail('it ran without a bundle'),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err.stdout).toBe('');
    expect(err.stderr).toBe(
      'rcuser: dist/ is not built yet: run `npm run build` in the clone (npm test and npm run demo build it too)\n',
    );
    expect(err.code).toBe(1);
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
});
