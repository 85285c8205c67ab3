/** `npm run demo` is the README's first command: bundle test/demo.ts as the script does and run it. */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run demo', () => {
  it('shows test.john with rooms, some JSON and a not-found, then stops by itself', { timeout: 60_000 }, async () => {
    // The same options as the package.json script (the bundle must sit one level below bin/).
    const outfile = `${ROOT}dist/demo.js`;
    await build({ entryPoints: [`${ROOT}test/demo.ts`], bundle: true, platform: 'node', format: 'esm', target: 'node20.18', outfile, logLevel: 'warning' });
    const r = await runScript(outfile, [], { timeoutMs: 50_000 });
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
