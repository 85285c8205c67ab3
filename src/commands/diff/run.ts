import fs from 'node:fs';
import type { Context } from '../../cmdutil/context.js';
import { CliError, ExitCode, UsageError } from '../../errors.js';
import { streamLines } from '../../lib/lines.js';
import { DiffLineError, diffUserLines, type UserChange } from '../../lib/user-diff.js';
import { changeJson, renderDiff } from '../../render/diff.js';
import { clean } from '../../render/text.js';
import type { DiffOptions } from './options.js';

/** A user object with many custom fields is a few KiB; past this a "line" is not one user. */
const MAX_USER_LINE = 4 * 1024 * 1024;

const NDJSON_HINT = 'diff reads NDJSON, one user a line, as written by `rcuser list --json` or `rcuser info - --json`';

export async function runDiff(ctx: Context, opts: DiffOptions): Promise<number> {
  const { before, after } = opts;
  if (before === '-' && after === '-')
    throw new UsageError('only one of the two lists can come from stdin (-)', 'save one of them to a file first');
  const names = [before, after].map((f) => (f === '-' ? '(stdin)' : clean(f, 300)));
  const open = (file: string, side: 0 | 1): AsyncIterable<string> => {
    const input = file === '-' ? ctx.io.stdin : fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    return lines(input, names[side]!);
  };
  // The second file is opened (and checked) before the first is read, so a typo fails at once.
  await checkReadable(after, names[1]!);
  await checkReadable(before, names[0]!);
  const changes: UserChange[] = [];
  const { io } = ctx;
  let counts: Awaited<ReturnType<typeof diffUserLines>>;
  try {
    counts = await diffUserLines(open(before, 0), open(after, 1), (c) => {
      // --json streams; the grouped text waits for the end (removed users are known last).
      if (opts.json) io.stdout.write(`${changeJson(c)}\n`);
      else changes.push(c);
    });
  } catch (err) {
    if (err instanceof DiffLineError)
      throw new CliError(`${names[err.side]}:${err.line}: ${err.message}`, ExitCode.usage, NDJSON_HINT);
    throw err;
  }
  const differs = counts.added + counts.removed + counts.changed > 0;
  if (!opts.json && differs) io.stdout.write(renderDiff(changes, counts, io.colorStdout, io.ascii));
  counts.notFound.forEach((n, side) => {
    if (n > 0)
      io.stderr.write(
        `rcuser: ${names[side]}: skipped ${n.toLocaleString('en-US')} batch ${n === 1 ? 'line' : 'lines'} for users not found\n`,
      );
  });
  if (!differs)
    io.stderr.write(
      `rcuser: no differences (${counts.before.toLocaleString('en-US')} users before, ${counts.after.toLocaleString('en-US')} after)\n`,
    );
  return differs && opts.exitCode ? ExitCode.failure : ExitCode.ok;
}

async function checkReadable(file: string, name: string): Promise<void> {
  if (file === '-') return;
  try {
    const st = await fs.promises.stat(file);
    if (st.isDirectory()) throw new CliError(`${name} is a directory`, ExitCode.usage, NDJSON_HINT);
    await fs.promises.access(file, fs.constants.R_OK);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : ((err as Error).message ?? String(err));
    throw new CliError(`cannot read ${name}: ${why}`, ExitCode.usage);
  }
}

/** The file's lines; a read error after opening names the file, like a bad line does. */
async function* lines(input: AsyncIterable<string | Buffer>, name: string): AsyncGenerator<string> {
  try {
    yield* streamLines(input, MAX_USER_LINE);
  } catch (err) {
    if (err instanceof DiffLineError || (err as Error).name === 'LineTooLongError') throw err;
    throw new CliError(`cannot read ${name}: ${(err as Error).message}`, ExitCode.usage);
  }
}
