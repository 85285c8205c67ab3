import type { FoundUser } from '../../api/finding.js';
import type { Context } from '../../cmdutil/context.js';
import { InterruptedError } from '../../errors.js';
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
}

export function jsonSink(ctx: Context): UserSink {
  let count = 0;
  return {
    add(users) {
      if (users.length === 0) return;
      count += users.length;
      // One write per page of whole lines: an interrupted run leaves complete lines behind.
      ctx.io.stdout.write(users.map((u) => userLine(u.raw) + '\n').join(''));
    },
    get count() {
      return count;
    },
    finish: async () => undefined,
  };
}

export function tableSink(ctx: Context, opts: { pager: boolean }): UserSink {
  const rows: ListRow[] = [];
  return {
    add(users) {
      // Only what the table shows is kept.
      for (const { user: u } of users) rows.push({ username: u.username, name: u.name, status: u.status, active: u.active, roles: u.roles, emails: u.emails });
    },
    get count() {
      return rows.length;
    },
    async finish(footer) {
      const { renderUserList } = await import('../../render/user-list.js');
      const text = renderUserList(rows, { color: ctx.io.colorStdout, columns: ctx.io.columns, footer: footer(rows.length) });
      await writeHuman(ctx, text, opts.pager);
    },
  };
}

/** RCUSER_PAGER, else PAGER, else `less -FRX`; empty or `cat` means none (as gh reads GH_PAGER/PAGER). */
export function pagerCommand(env: Record<string, string | undefined>): string | undefined {
  const cmd = (env.RCUSER_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return cmd === '' || cmd === 'cat' ? undefined : cmd;
}

/**
 * Human output: on a terminal through the pager (less -F quits at once when the text fits the
 * screen), unless --no-pager. A pager that cannot start, or fails without a signal (the shell's 126
 * and 127, a bad option), is reported and the text printed: the table is not lost to it.
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
    if (exit.started && (exit.code === 0 || exit.signal !== null)) return;
    ctx.io.stderr.write(`rcuser: the pager \`${clean(command, 200)}\` ${exit.started ? `failed (exit ${exit.code})` : 'could not be started'}; printing instead (set RCUSER_PAGER, or pass --no-pager)\n`);
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
