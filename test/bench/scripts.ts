/**
 * The programs rcuser is measured against, written to dist/bench/ at each run. Single-GET scripts are
 * CommonJS and end with process.exit() like a CLI that is done: on Node 22+ an ES module that imports
 * a built-in pays ~25 ms for the built-in's module namespace, which would flatter rcuser.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Scripts {
  /** The floor: node:http GET, print, exit. */
  floor: string;
  /** References: Node's built-in fetch; undici through its main entry (all of it); the undici pieces rcuser loads, bundled. */
  fetch: string;
  undiciAll: string;
  undiciPieces: string;
  /** Batch reference: undici's request over one Agent, N at a time, printed in input order. */
  undiciLoop: string;
  /** Preload that writes the process's peak RSS (kB) to fd 3, where /usr/bin/time is missing. */
  rssProbe: string;
}

const HEADERS = `{ 'x-user-id': process.env.RCUSER_USER_ID, 'x-auth-token': process.env.RCUSER_TOKEN }`;
const PRINT_EXIT = `(body) => { process.stdout.write(body + '\\n'); process.exit(); }`;

/**
 * esbuild's bundle of a script, loaded the way bin/rcuser.js loads rcuser's: an entry that turns on
 * Node 22+'s compile cache first (a file compiled before that call is not cached), then the bundle.
 */
function bundle(root: string, file: string): string {
  const out = file.replace(/\.src\.cjs$/, '.bundle.cjs');
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/esbuild'),
    [
      file,
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--target=node20.18',
      '--minify-whitespace',
      '--minify-syntax',
      `--outfile=${out}`,
      '--log-level=warning',
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`esbuild could not bundle ${file}`);
  const entry = file.replace(/\.src\.cjs$/, '.cjs');
  fs.writeFileSync(entry, `require('node:module').enableCompileCache?.();\nrequire(${JSON.stringify(out)});\n`);
  return entry;
}

export function writeScripts(root: string, dir: string): Scripts {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const undici = (p: string) => JSON.stringify(path.join(root, 'node_modules/undici', p));
  return {
    floor: write(
      'floor.cjs',
      `const http = require('node:http');
http.get(process.argv[2], { headers: ${HEADERS} }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d) => (body += d));
  res.on('end', () => (${PRINT_EXIT})(body));
});
`,
    ),
    fetch: write(
      'fetch.cjs',
      `fetch(process.argv[2], { headers: ${HEADERS} }).then((r) => r.text()).then(${PRINT_EXIT});\n`,
    ),
    undiciAll: write(
      'undici-all.cjs',
      `const { request } = require(${undici('index.js')});\nrequest(process.argv[2], { headers: ${HEADERS} }).then((r) => r.body.text()).then(${PRINT_EXIT});\n`,
    ),
    // What src/api/undici.ts loads and sets, nothing above it, bundled and cached as rcuser is: the
    // HTTP client's share of a lookup.
    undiciPieces: bundle(
      root,
      write(
        'undici-pieces.src.cjs',
        `const Agent = require(${undici('lib/dispatcher/agent.js')});
require(${undici('lib/dispatcher/env-http-proxy-agent.js')});
const request = require(${undici('lib/api/api-request.js')});
// After loading, as rcuser does: a V8 flag set before compiling makes Node 22+ reject the compile cache.
require('node:v8').setFlagsFromString('--liftoff-only');
const url = new URL(process.argv[2]);
request.call(new Agent(), { origin: url.origin, path: url.pathname + url.search, method: 'GET', headers: ${HEADERS} }).then((r) => r.body.text()).then(${PRINT_EXIT});
`,
      ),
    ),
    undiciLoop: write(
      'undici-loop.mjs',
      `import { Agent, request } from ${JSON.stringify(pathToFileURL(path.join(root, 'node_modules/undici/index.js')).href)};
import { createInterface } from 'node:readline';
const [server, concurrency] = [process.argv[2], Number(process.argv[3])];
const headers = ${HEADERS};
const names = [];
for await (const line of createInterface({ input: process.stdin })) if (line) names.push(line);
const dispatcher = new Agent({ connections: concurrency });
const out = new Array(names.length);
let next = 0;
let printed = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < names.length) {
    const i = next++;
    const res = await request(server + '/api/v1/users.info?username=' + encodeURIComponent(names[i]), { dispatcher, headers });
    out[i] = await res.body.text();
    while (printed < names.length && out[printed] !== undefined) { process.stdout.write(out[printed] + '\\n'); out[printed++] = null; }
  }
}));
await dispatcher.destroy();
`,
    ),
    rssProbe: write(
      'rss-probe.cjs',
      `process.on('exit', () => { try { require('node:fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n`,
    ),
  };
}
