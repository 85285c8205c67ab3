import type { FoundUser } from '../../api/finding.js';
import type { Context } from '../../cmdutil/context.js';
import { InterruptedError } from '../../errors.js';
import { pagerCommand } from '../../iostreams/io.js';
import { pickAll, type Field } from '../../export/fields.js';
import type { ExportWriter } from '../../export/writer.js';
import { clean } from '../../render/text.js';
import { userLine } from '../../render/ndjson.js';
import type { ListRow } from '../../render/user-list.js';

/**
 * Where the users a listing finds go (`list`, `search`): NDJSON lines as each page arrives, or
 * rows kept for one table at the end, shown through a pager on a terminal.
 */
export interface UserSink {
  add(users: FoundUser[]): void;
  readonly count: number;
  /** Human output: the table and the count line. NDJSON has nothing left to write. */
  finish(footer: (shown: number) => string): Promise<void>;
  /** The listing found nobody: what an empty output still has (a CSV header). */
  finishEmpty?(): void;
  /** Ctrl-C: write what is held (the rest of a jq run); no header or table. */
  stopped?(): void;
}

export function jsonSink(ctx: Context): UserSink {
  let count = 0;
  return {
    add(users) {
      if (users.length === 0) return;
      count += users.length;
      // One write per page of whole lines: an interrupted run leaves complete lines behind.
      ctx.io.stdout.write(users.map((u) => `${userLine(u.raw)}\n`).join(''));
    },
    get count() {
      return count;
    },
    finish: async () => undefined,
  };
}

/**
 * --csv, --tsv, --jq and --json --fields: each user becomes its row or JSON document at once, and
 * each page is written as it arrives (or fed to jq), like NDJSON.
 */
export function exportSink(writer: ExportWriter): UserSink {
  let count = 0;
  return {
    add(users) {
      if (users.length === 0) return;
      count += users.length;
      writer.emit(users.map((u) => writer.item(u.user, u.raw)));
    },
    get count() {
      return count;
    },
    async finish() {
      writer.end();
      const failure = writer.failure();
      if (failure) throw failure;
    },
    finishEmpty: () => writer.end(),
    stopped: () => writer.end({ headerIfEmpty: false }),
  };
}

/** --fields without a format: the picked values of each user, one table at the end (through the pager). */
export function fieldTableSink(ctx: Context, fields: readonly Field[], opts: { pager: boolean }): UserSink {
  const rows: unknown[][] = [];
  return {
    add(users) {
      for (const { user } of users) rows.push(pickAll(user, fields));
    },
    get count() {
      return rows.length;
    },
    async finish(footer) {
      const { renderFieldTable } = await import('../../export/table.js');
      const text = renderFieldTable(fields, rows, {
        color: ctx.io.colorStdout,
        ascii: ctx.io.ascii,
        columns: ctx.io.columns,
      });
      await writeHuman(ctx, `${text}\n${footer(rows.length)}\n`, opts.pager);
    },
  };
}

export function tableSink(ctx: Context, opts: { pager: boolean }): UserSink {
  const rows: ListRow[] = [];
  return {
    add(users) {
      // Only what the table shows is kept.
      for (const { user: u } of users)
        rows.push({
          username: u.username,
          name: u.name,
          status: u.status,
          active: u.active,
          roles: u.roles,
          emails: u.emails,
        });
    },
    get count() {
      return rows.length;
    },
    async finish(footer) {
      const { renderUserList } = await import('../../render/user-list.js');
      const text = renderUserList(rows, {
        color: ctx.io.colorStdout,
        ascii: ctx.io.ascii,
        columns: ctx.io.columns,
        footer: footer(rows.length),
      });
      await writeHuman(ctx, text, opts.pager);
    },
  };
}

/**
 * Human output: on a terminal through the pager (less -F quits at once when the text fits the
 * screen), unless --no-pager. A pager that cannot start, or ends without reading any of the text
 * (the shell's 126 and 127, a bad option, `true`, killed first), is reported and the text printed:
 * the table is not lost to it. One that read it is never followed by a second copy, whatever its exit.
 */
export async function writeHuman(ctx: Context, text: string, wantPager: boolean): Promise<void> {
  const command = wantPager && ctx.io.stdoutIsTTY ? pagerCommand(ctx.env) : undefined;
  if (command) {
    const { runPager } = await import('../../iostreams/pager.js');
    // The terminal sends Ctrl-C to the pager too, which handles it (less stops a search). Leaving
    // now would leave the pager on the terminal, fighting the shell: wait until it is quit, as git does.
    let interrupted = false;
    const release = ctx.io.onInterrupt?.(() => (interrupted = true), { every: true });
    const exit = await runPager(command, text, ctx.env, ctx.io.onExit?.bind(ctx.io)).finally(() => release?.());
    if (interrupted) throw new InterruptedError();
    // Whether the pager showed the table is whether it read any of it, whatever its exit status:
    // `cat; exit 1` showed it (printing it again would show it twice), `true` or a pager killed
    // before reading did not. Only through a pipe (no temporary file) is its exit status the guess.
    const shown = exit.started && (exit.read ?? (exit.code === 0 || exit.signal !== null));
    if (shown) return;
    const why = !exit.started
      ? 'could not be started'
      : exit.code
        ? `failed (exit ${exit.code})`
        : `ended (${exit.signal ?? 'exit 0'}) without reading the table`;
    ctx.io.stderr.write(
      `rcuser: the pager \`${clean(command, 200)}\` ${why}; printing instead (set RCUSER_PAGER, or pass --no-pager)\n`,
    );
  }
  ctx.io.stdout.write(text);
}

/** Ctrl-C during a listing, caught: see catchInterrupt. */
export interface Interruption {
  readonly stopped: boolean;
  /** Settles when Ctrl-C comes, to race the paging against. */
  readonly signal: Promise<'interrupted'>;
  release(): void;
}

/**
 * Ctrl-C during a listing: `onStop` runs at once (it erases the progress line, which the default
 * stop would leave under the shell's prompt); the command then takes no further page and says how
 * far it got. A second Ctrl-C still exits at once.
 */
export function catchInterrupt(ctx: Context, onStop: () => void): Interruption {
  let stopped = false;
  let fire!: () => void;
  const signal = new Promise<'interrupted'>((resolve) => (fire = () => resolve('interrupted')));
  const release =
    ctx.io.onInterrupt?.(() => {
      stopped = true;
      onStop();
      fire();
    }) ?? (() => undefined);
  return {
    get stopped() {
      return stopped;
    },
    signal,
    release,
  };
}
