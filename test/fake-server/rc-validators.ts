/**
 * Rocket.Chat's own request validators, from @rocket.chat/rest-typings (the exact devDependency): the
 * test server checks every request with the validator Rocket.Chat attaches to that route, so a request
 * the real server would refuse fails the test that sent it.
 *
 * The package cannot be imported as it is: its dist is ESM with extensionless and directory imports,
 * which Node's ESM loader refuses. So the few files with the validators the test server needs are
 * bundled once with esbuild, and ajv (the package compiles with `code: {source: true}`) writes each
 * compiled validator out as standalone code. That code is cached in the OS temp directory under the
 * package's version: later processes load plain functions (~2 ms) instead of bundling (~250 ms) and
 * compiling ajv's schemas (~170 ms).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: Array<{ message?: string }> | null;
}

const DIST = '@rocket.chat/rest-typings/dist';

/**
 * The validators by name, from the files that define them in 8.8.1, and the ajv instance each file
 * compiles with (ajvQuery coerces query strings: "50" → 50, "c" → ["c"]).
 */
const SOURCES: Record<string, { file: string; ajv: 'ajv' | 'ajvQuery' }> = {
  isUsersInfoParamsGetProps: { file: 'v1/users/UsersInfoParamsGet', ajv: 'ajvQuery' },
  isUsersListParamsGET: { file: 'v1/users/UsersListParamsGET', ajv: 'ajvQuery' },
  isUsersListStatusProps: { file: 'v1/users/UsersListStatusParamsGET', ajv: 'ajvQuery' },
  isUsersAutocompleteProps: { file: 'v1/users/UsersAutocompleteParamsGET', ajv: 'ajv' },
  isUsersListTeamsProps: { file: 'v1/users/UsersListTeamsParamsGET', ajv: 'ajv' },
  isSpotlightProps: { file: 'v1/misc', ajv: 'ajvQuery' },
  isDirectoryProps: { file: 'v1/misc', ajv: 'ajvQuery' },
};

export type ValidatorName = keyof typeof SOURCES;

let loaded: Record<string, ValidateFunction> | undefined;

/** The validators, built on first use in this machine, loaded from the cache after that. */
export function rcValidators(): Record<string, ValidateFunction> {
  if (loaded) return loaded;
  const version = (require(`@rocket.chat/rest-typings/package.json`) as { version: string }).version;
  const key = createHash('sha256').update(JSON.stringify(SOURCES)).update(version).digest('hex').slice(0, 12);
  const file = path.join(tmpdir(), 'rcuser-test-server', `rest-typings-${version}-${key}.cjs`);
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    code = buildStandalone();
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: test processes building at once never read a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  const mod = { exports: {} as Record<string, ValidateFunction> };
  // The standalone code requires ajv's runtime helpers (ucs2length, equal), resolved from here.
  new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
  loaded = mod.exports;
  return loaded;
}

/** Bundle the validators' files with esbuild and have ajv write each compiled validator as code. */
function buildStandalone(): string {
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const files = [...new Set(Object.values(SOURCES).map((s) => s.file))];
  const entry = [
    `export { ajv, ajvQuery } from '${DIST}/v1/Ajv';`,
    `export { default as standaloneCode } from 'ajv/dist/standalone';`,
    ...files.map((f, i) => `export * as f${i} from '${DIST}/${f}';`),
  ].join('\n');
  const out = buildSync({
    stdin: {
      contents: entry,
      resolveDir: path.dirname(require.resolve(`@rocket.chat/rest-typings/package.json`)),
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const mod = { exports: {} as Record<string, any> };
  new Function('module', 'exports', 'require', out.outputFiles[0]!.text)(mod, mod.exports, require);
  const m = mod.exports;
  const parts = Object.entries(SOURCES).map(([name, src]) => {
    const fn = m[`f${files.indexOf(src.file)}`][name];
    if (typeof fn !== 'function') throw new Error(`test server: ${DIST}/${src.file} has no ${name}`);
    const standalone: string = m.standaloneCode(m[src.ajv], fn);
    return `exports[${JSON.stringify(name)}] = (() => { const module = { exports: {} }; const exports = module.exports;\n${standalone}\nreturn module.exports; })();`;
  });
  return `'use strict';\n${parts.join('\n')}\n`;
}

/**
 * The query string as Rocket.Chat's router parses it: `qs` with `arrayLimit: 500` (qs is not
 * installed here, so this follows qs's documented rules for what clients send): a repeated key and
 * `k[]` make an array, `k[0]`…`k[500]` an array in index order, `k[a]` a nested object (bracket
 * depth up to 5, as qs's default), and `+` is a space.
 */
export function parseQs(search: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const params = new URLSearchParams(search);
  for (const [rawKey, value] of params) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\]){1,5})$/.exec(rawKey);
    const root = m ? m[1]! : rawKey;
    const segs = m ? [...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!) : [];
    assign(out, [root, ...segs], value);
  }
  return out;
}

/** The index each value of a bracketed array was given at (values are distinct strings per key in practice). */
const indexes = new WeakMap<unknown[], Map<unknown, number>>();

function assign(target: Record<string, unknown>, keys: string[], value: string): void {
  const [key, ...rest] = keys as [string, ...string[]];
  if (rest.length === 0) {
    const prev = target[key];
    target[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    return;
  }
  const next = rest[0]!;
  if (rest.length === 1 && (next === '' || (/^\d+$/.test(next) && Number(next) <= 500))) {
    // `k[]=x` appends; `k[i]=x` lands in index order, gaps closed, as qs does. Nothing rcuser sends nests deeper.
    const prev = target[key];
    const list: unknown[] = Array.isArray(prev) ? prev : prev === undefined ? [] : [prev];
    const at = indexes.get(list) ?? new Map<unknown, number>();
    const index = next === '' ? Math.max(-1, ...at.values()) + 1 : Number(next);
    at.set(value, index);
    const sorted = [...list, value].sort((a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0));
    indexes.set(sorted, at);
    target[key] = sorted;
    return;
  }
  const child = target[key];
  const obj =
    child && typeof child === 'object' && !Array.isArray(child)
      ? (child as Record<string, unknown>)
      : (target[key] = {});
  assign(obj as Record<string, unknown>, rest, value);
}

/** The message Rocket.Chat puts in `error`: ajv's messages joined with "\n " (ApiClass.ts). */
export function validatorMessage(fn: ValidateFunction): string {
  return (fn.errors ?? []).map((e) => e.message ?? '').join('\n ');
}
