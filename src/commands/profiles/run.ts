import type { Context } from '../../cmdutil/context.js';
import { ExitCode } from '../../errors.js';
import type { ProfilesOptions } from './options.js';
import { toJson } from '../../render/json.js';
import type { ColumnFit } from '../../render/fit.js';
import { table } from '../../render/table.js';
import { clean, formatDate } from '../../render/text.js';
import { profileSummary, type ProfileSummary } from '../../store/profile-summary.js';
import type { Profile } from '../../store/types.js';

/** A profile as listed: everything but the token. */
export interface ProfileListing extends ProfileSummary {
  serverVersion: string | null;
  storedAt: string | null;
  /** Only when the profile trusts an extra CA (--ca-file at login). */
  caFile?: string;
}

export function listing(profiles: Profile[], active: string | undefined): ProfileListing[] {
  return [...profiles]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({
      ...profileSummary(p, p.name === active),
      serverVersion: p.serverVersion ?? null,
      storedAt: p.storedAt || null,
      ...(p.caFile ? { caFile: p.caFile } : {}),
    }));
}

/** Names, servers and users are typed and copied, so never cut; the CA file, date and token kind go first. */
const FITS: ColumnFit[] = [
  { kind: 'keep' },
  { kind: 'keep' },
  { kind: 'keep' },
  { kind: 'keep' },
  { kind: 'keep', drop: 2 },
  { kind: 'keep', drop: 1 },
  { kind: 'keep', drop: 0 },
];

/** Aligned columns like `docker context ls`; `*` marks the active profile. Fits `columns` when given. */
export function renderProfiles(rows: ProfileListing[], columns?: number, ascii = false): string {
  // The CA column only when some profile has one: most setups never need it.
  const ca = rows.some((r) => r.caFile);
  const cells = rows.map((r) => [
    r.active ? '*' : '',
    clean(r.name, 60),
    clean(r.server, 80),
    clean(r.username ?? r.userId, 60),
    r.tokenKind === 'login' ? 'login' : 'personal access token',
    formatDate(r.storedAt) ?? '',
    ...(ca ? [clean(r.caFile ?? '', 300)] : []),
  ]);
  const head = ['', 'NAME', 'SERVER', 'USER', 'TOKEN', 'STORED', ...(ca ? ['CA FILE'] : [])];
  return `${table({ style: 'columns', head, rows: cells, color: false, ascii, maxWidth: columns, fits: FITS })}\n`;
}

export async function runProfiles(ctx: Context, opts: ProfilesOptions): Promise<number> {
  const store = await ctx.store();
  const rows = listing(store.list(), store.activeName());
  if (opts.json) {
    ctx.io.stdout.write(`${toJson(rows)}\n`);
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    ctx.io.stderr.write(`No profiles stored (in ${store.path}); run \`rcuser login <server>\` to add one.\n`);
    return ExitCode.ok;
  }
  ctx.io.stdout.write(renderProfiles(rows, ctx.io.columns, ctx.io.ascii));
  return ExitCode.ok;
}
