import type { FoundUser } from '../../api/finding.js';
import type { Context } from '../../context.js';
import { formatJson } from '../../render/json.js';
import type { ListRow } from '../../render/user-list.js';
import { isCompact } from '../info/batch.js';

/**
 * THE REDACTION CALL SITE for `list` and `search`: every user line of NDJSON passes here before it
 * reaches stdout. Secret redaction over raw JSON text (issue 9) is not in yet; when it lands, apply
 * it here, to `raw`, and nowhere else. Until then the listing endpoints do not send `services`.
 */
export function userLine(raw: string): string {
  return isCompact(raw) ? raw : formatJson(raw, 0);
}

/** Where found users go: NDJSON lines as they arrive, or rows kept for one table at the end. */
export interface UserSink {
  add(users: FoundUser[]): void;
  readonly count: number;
  /** Human output: the table and the count line (through the pager on a terminal). */
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

/**
 * Long human output on a terminal goes through a pager, as `gh` does: RCUSER_PAGER, else PAGER, else
 * `less -FRX` (which quits by itself when the text fits one screen). --no-pager, an empty value or
 * `cat` turns it off; a pager that cannot start is skipped.
 */
async function writeHuman(ctx: Context, text: string, wantPager: boolean): Promise<void> {
  const command = wantPager && ctx.io.stdoutIsTTY ? pagerCommand(ctx.env) : undefined;
  if (command) {
    const { runPager } = await import('../../pager.js');
    if (await runPager(command, text, ctx.env)) return;
  }
  ctx.io.stdout.write(text);
}

export function pagerCommand(env: Record<string, string | undefined>): string | undefined {
  const cmd = (env.RCUSER_PAGER ?? env.PAGER ?? 'less -FRX').trim();
  return cmd === '' || cmd === 'cat' ? undefined : cmd;
}
