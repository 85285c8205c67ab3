/**
 * `--jq <expr>`: jq itself (jq 1.8 compiled to WebAssembly: the jq-wasm package, pinned), over the
 * JSON rcuser would print with --json. Only ever loaded with import(), only with --jq: loading the
 * engine costs ~55-75 ms of CPU, which no other command pays (test/e2e/jq-lazy.test.ts).
 *
 * jq-wasm runs one whole jq process per call (`jq -c <expr> /dev/stdin`, stdin given as one string):
 * it cannot be fed a stream. A call costs ~2-5 ms of fixed overhead, a document ~0.1 ms. So the
 * documents are gathered into chunks of at most CHUNK_CHARS of JSON and each chunk is one call:
 * without `input`, `inputs` or `halt`, jq runs the program once per document, so chunks give the
 * output one call over the whole stream would, in bounded memory. A program that reads across
 * documents (`[., inputs]`, `reduce inputs as $u`, `input_line_number`, `halt`) gets one call over
 * the whole stream at the end, which holds the whole stream's JSON in memory.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadJq, type Jq } from 'jq-wasm';
import { UsageError } from '../errors.js';

/** Set by scripts/build.mjs: where the build put jq.wasm, relative to the chunk this module is in. */
declare const RCUSER_JQ_WASM: string | undefined;

/** The JSON text gathered before one call to the engine (~1,700 users of a list). */
export const CHUNK_CHARS = 1024 * 1024;

/** Words that make a jq program read across documents; in a string or a name too: a false alarm only costs memory. */
const ACROSS_DOCUMENTS = /\binput|\bhalt/;

let loaded: Promise<Jq> | undefined;

/** The engine, loaded once: compiling and running programs reuse it. */
function engine(): Promise<Jq> {
  // The bundle ships jq.wasm beside rcuser.js (scripts/build.mjs); from sources it is jq-wasm's own.
  const file =
    typeof RCUSER_JQ_WASM === 'string'
      ? new URL(RCUSER_JQ_WASM, import.meta.url)
      : createRequire(import.meta.url).resolve('jq-wasm/jq.wasm');
  return (loaded ??= loadJq({ wasmBinary: readFileSync(file) }));
}

/** Where a jq program's results and messages go. */
export interface JqOutput {
  /** Results, each line-terminated: strings raw, other values as compact JSON. */
  out(text: string): void;
  /** jq's own messages (`debug`, `stderr`, runtime errors), line-terminated. */
  err(text: string): void;
}

/** Feeds documents to a compiled program. */
export interface JqRun {
  /** One JSON document (compact, on one line). */
  push(json: string): void;
  /** Runs what is left; after this, `errors` is final. */
  end(): void;
  /** Documents jq stopped on with a runtime error (it goes on with the next one, as it does). */
  readonly errors: number;
  /** Documents pushed so far. */
  readonly documents: number;
}

/** A jq program that compiled. */
export interface JqFilter {
  readonly expression: string;
  /** Whether the program reads across documents, so it runs once over the whole stream at the end. */
  readonly wholeStream: boolean;
  run(output: JqOutput, opts?: { chunkChars?: number }): JqRun;
}

/**
 * Loads the engine and compiles `expression` (a run over no input: jq compiles first, and with no
 * input runs nothing). A compile error is a usage error naming line and column, before any request.
 */
export async function compileJq(expression: string): Promise<JqFilter> {
  const jq = await engine();
  const check = jq.raw('', expression, ['-c']);
  if (check.exitCode !== 0) throw compileError(expression, check.stderr);
  return {
    expression,
    wholeStream: ACROSS_DOCUMENTS.test(expression),
    run: (output, opts) =>
      runner(jq, expression, ACROSS_DOCUMENTS.test(expression), output, opts?.chunkChars ?? CHUNK_CHARS),
  };
}

/** jq's "jq: error: <what> at <top-level>, line L, column C:" with its source line and caret, in rcuser's words. */
export function compileError(expression: string, stderr: string): UsageError {
  const lines = stderr.split('\n').filter((l) => !/^jq: \d+ compile errors?$/.test(l) && l.trim() !== '');
  const first = lines[0] ?? 'jq: error: the expression does not compile';
  const m = /^jq: error: (.*?)(?: at <top-level>)?, line (\d+), column (\d+):?$/.exec(first);
  const what = m ? `${m[1]} at line ${m[2]}, column ${m[3]}` : first.replace(/^jq: error: /, '');
  // jq shows the line (indented by 4) and a caret under the column: they point better than words.
  // The hint's first line gets 2 spaces from main, the others none: all end up indented by 2.
  const [source, caret] = m ? lines.slice(1, 3) : [];
  const shown = source !== undefined && caret !== undefined ? `${source.slice(4)}\n${caret.slice(2)}\n  ` : '';
  return new UsageError(
    `--jq ${JSON.stringify(expression)} is not a jq program: ${what}`,
    `${shown}the jq language: https://jqlang.org/manual/`,
  );
}

function runner(jq: Jq, expression: string, wholeStream: boolean, output: JqOutput, chunkChars: number): JqRun {
  let buffer: string[] = [];
  let size = 0;
  /** Documents run so far: jq numbers a chunk's lines from 1, the user sees the whole stream's. */
  let offset = 0;
  let errors = 0;
  const flush = () => {
    if (buffer.length === 0) return;
    const text = `${buffer.join('\n')}\n`;
    const count = buffer.length;
    buffer = [];
    size = 0;
    const r = jq.raw(text, expression, ['-c']);
    if (r.stdout !== '') output.out(results(r.stdout));
    if (r.stderr !== '') output.err(`${messages(r.stderr, offset)}\n`);
    // jq exits 5 after a runtime error; its messages say on which documents (halt_error: its own text).
    if (r.exitCode !== 0) errors += Math.max(1, (r.stderr.match(/^jq: error \(at /gm) ?? []).length);
    offset += count;
  };
  return {
    push(json) {
      buffer.push(json);
      size += json.length + 1;
      if (!wholeStream && size >= chunkChars) flush();
    },
    end: flush,
    get errors() {
      return errors;
    },
    get documents() {
      return offset + buffer.length;
    },
  };
}

/** jq -c's output lines: strings raw (as `gh --jq` prints them), everything else as it is. */
export function results(stdout: string): string {
  let out = '';
  for (const line of stdout.split('\n'))
    out += `${line.charCodeAt(0) === 0x22 /* " */ ? (JSON.parse(line) as string) : line}\n`;
  return out;
}

/** jq's runtime errors name a line of /dev/stdin, counted in the chunk: say which document of the whole output. */
export function messages(stderr: string, offset: number): string {
  return stderr.replace(
    /^jq: error \(at \/dev\/stdin:(\d+)\)/gm,
    (_, n: string) => `jq: error (at document ${offset + Number(n)})`,
  );
}
