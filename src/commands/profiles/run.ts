import type { Context } from '../../context.js';
import { toJson } from '../../render/json.js';
import { fitTable, renderStacked, type ColumnFit } from '../../render/fit.js';
import { displayWidth } from '../../render/grid.js';
import { clean, formatDate } from '../../render/text.js';
import type { Profile } from '../../store/types.js';

export interface ProfilesOptions {
  json?: boolean;
}

/** A profile as listed: everything but the token. */
export interface ProfileListing {
  name: string;
  active: boolean;
  server: string;
  username: string | null;
  userId: string;
  tokenKind: Profile['tokenKind'];
  serverVersion: string | null;
  storedAt: string | null;
  /** Only when the profile trusts an extra CA (--ca-file at login). */
  caFile?: string;
}

export function listing(profiles: Profile[], active: string | undefined): ProfileListing[] {
  return [...profiles]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({
      name: p.name,
      active: p.name === active,
      server: p.server,
      username: p.username ?? null,
      userId: p.userId,
      tokenKind: p.tokenKind,
      serverVersion: p.serverVersion ?? null,
      storedAt: p.storedAt || null,
      ...(p.caFile ? { caFile: p.caFile } : {}),
    }));
}

/** Names, servers and users are typed and copied, so never cut; the CA file, date and token kind go first. */
const FITS: ColumnFit[] = [{ kind: 'keep' }, { kind: 'keep' }, { kind: 'keep' }, { kind: 'keep' }, { kind: 'keep', drop: 2 }, { kind: 'keep', drop: 1 }, { kind: 'keep', drop: 0 }];
/** Two spaces between columns, none at the ends. */
const ALIGNED = { perColumn: 2, fixed: -2 };

/** Aligned columns like `docker context ls`; `*` marks the active profile. Fits `columns` when given. */
export function renderProfiles(rows: ProfileListing[], columns?: number): string {
  // The CA column only when some profile has one: most setups never need it.
  const ca = rows.some((r) => r.caFile);
  const table = [
    ['', 'NAME', 'SERVER', 'USER', 'TOKEN', 'STORED', ...(ca ? ['CA FILE'] : [])],
    ...rows.map((r) => [
      r.active ? '*' : '',
      clean(r.name, 60),
      clean(r.server, 80),
      clean(r.username ?? r.userId, 60),
      r.tokenKind === 'login' ? 'login' : 'personal access token',
      formatDate(r.storedAt) ?? '',
      ...(ca ? [clean(r.caFile ?? '', 300)] : []),
    ]),
  ];
  const draw = (head: string[], body: string[][]) => {
    const all = [head, ...body];
    const widths = head.map((_, i) => Math.max(...all.map((row) => displayWidth(row[i]!))));
    const pad = (cell: string, i: number) => cell + ' '.repeat(widths[i]! - displayWidth(cell));
    return all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, i))).join('  ').trimEnd()).join('\n');
  };
  const [head, ...body] = table;
  // Stacked, the active mark leads the name's line instead of a column of its own.
  const narrow = (h: string[], b: string[][]) => b.map((r) => [`${r[0] ? '* ' : ''}${r[1]}`, ...r.slice(2)]);
  const fit = fitTable(head!, body, FITS, columns, ALIGNED);
  if (!fit.fits && columns) return renderStacked(head!.slice(1), narrow(head!, body), FITS.slice(1), columns) + '\n';
  return draw(fit.head, fit.rows) + '\n';
}

export async function runProfiles(ctx: Context, opts: ProfilesOptions): Promise<void> {
  const store = await ctx.store();
  const rows = listing(store.list(), store.activeName());
  if (opts.json) {
    ctx.io.stdout.write(toJson(rows) + '\n');
    return;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write(`No profiles stored (in ${store.path}); run \`rcuser login <server>\` to add one.\n`);
    return;
  }
  ctx.io.stdout.write(renderProfiles(rows, ctx.io.columns));
}
