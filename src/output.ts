import type { FoundUser } from './api/finding.js';
import type { Context } from './context.js';
import { userLine } from './render/ndjson.js';
import type { ListRow } from './render/user-list.js';

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
      const { renderUserList } = await import('./render/user-list.js');
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
 * screen), unless --no-pager; a pager that cannot start is skipped and the text printed.
 */
export async function writeHuman(ctx: Context, text: string, wantPager: boolean): Promise<void> {
  const command = wantPager && ctx.io.stdoutIsTTY ? pagerCommand(ctx.env) : undefined;
  if (command) {
    const { runPager } = await import('./pager.js');
    if (await runPager(command, text, ctx.env)) return;
  }
  ctx.io.stdout.write(text);
}
