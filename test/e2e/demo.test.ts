/** `npm run demo` is the README's first command: bundle test/demo.ts as the script does and run it. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
    const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  it('shows test.john with rooms, some JSON and a not-found, then stops by itself', { timeout: 60_000 }, async () => {
    // The same options as the package.json script (the bundle must sit one level below bin/).
    const outfile = `${ROOT}dist/demo.js`;
    await build({ entryPoints: [`${ROOT}test/demo.ts`], bundle: true, platform: 'node', format: 'esm', target: 'node20.18', outfile, logLevel: 'warning' });
    const r = await run(outfile);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Test John (@test.john)  ● offline\n  ID          5fRTXMt7DMJbpPJfh\n');
    expect(r.stdout).toContain('Rooms (7)\n');
    expect(r.stdout).toContain('│ roxie      │ direct  │      2 │        │ 5fRTXMt7DMJbpPJfhrbAXPnMktTFbNpwtJ │\n');
    expect(r.stdout).toContain('{\n  "_id": "jN4e7DpQx9Hm2RtKw",\n');
    const url = /running at (http:\/\/127\.0\.0\.1:\d+) /.exec(r.stderr)?.[1];
    expect(url).toBeDefined();
    expect(r.stderr).toContain('$ rcuser info test.john --rooms\n');
    expect(r.stderr).toContain(`$ rcuser info nobody\nrcuser: no user @nobody on ${url}\n(exit code 3: user not found)\n`);
    expect(r.stderr).toContain('the test server has stopped');
  });
});
