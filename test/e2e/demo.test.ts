/** `npm run demo` is the README's first command: bundle test/demo.ts as the script does and run it. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Run the demo with stdout and stderr in one file, as a terminal shows them: each command's output
 * under its `$` line. (The demo waits for each command to end before it prints the next line.)
 */
async function runDemo(script: string): Promise<{ code: number | null; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rcuser-demo-'));
  const file = path.join(dir, 'out');
  const fd = fs.openSync(file, 'a');
  try {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      RCUSER_CONFIG_DIR: '/nonexistent/rcuser-test',
    };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { env, stdio: ['ignore', fd, fd] });
      const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
      child.on('error', reject);
      child.on('close', (c) => (clearTimeout(timer), resolve(c)));
    });
    return { code, out: fs.readFileSync(file, 'utf8') };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `$ command` → the lines under it, up to the next `$` line (blank lines at the end dropped). */
function sections(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) map.set(line, (current = []));
    else current?.push(line);
  }
  for (const lines of map.values()) while (lines.length && lines.at(-1) === '') lines.pop();
  return map;
}

/** The README's transcript of the demo: the code block after "runs four commands". */
function readmeTranscript(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf('```\n$ rcuser info test.john --rooms\n');
  return readme.slice(from + 4, readme.indexOf('\n```', from + 4));
}

describe('npm run demo', () => {
  it('shows what the README shows, then stops by itself', { timeout: 60_000 }, async () => {
    // The same options as the package.json script (the bundle must sit one level below bin/).
    const outfile = `${ROOT}dist/demo.js`;
    await build({
      entryPoints: [`${ROOT}test/demo.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.18',
      outfile,
      logLevel: 'warning',
    });
    const r = await runDemo(outfile);
    expect(r.code).toBe(0);
    const url = /running at (http:\/\/127\.0\.0\.1:\d+) /.exec(r.out)?.[1];
    expect(url).toBeDefined();
    expect(r.out).toContain('the test server has stopped');
    expect(r.out).toContain('{\n  "_id": "jN4e7DpQx9Hm2RtKw",\n');

    // The README's port is an example, and "3 years ago" grows older; everything else is as shown.
    const same = (s: string): string =>
      s.replaceAll('http://127.0.0.1:41234', url!).replace(/\(\d+ \w+ ago\)/g, '(… ago)');
    const shown = sections(same(readmeTranscript()));
    const ran = sections(r.out.replace(/\n\nDone;[^]*$/, '').replace(/\(\d+ \w+ ago\)/g, '(… ago)'));
    expect([...shown.keys()]).toEqual([
      '$ rcuser info test.john --rooms',
      '$ rcuser info jane.doe --json | head -n 12',
      '$ rcuser search ali',
      '$ rcuser info nobody',
    ]);
    expect([...ran.keys()]).toEqual([...shown.keys()]);
    for (const [command, lines] of shown) {
      // `...` stands for output the README leaves out.
      if (lines.join('\n') === '...') expect(ran.get(command)!.length, command).toBe(12);
      else expect(ran.get(command), command).toEqual(lines);
    }
  });
});
