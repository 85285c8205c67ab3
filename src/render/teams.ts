/** The user's teams (users.listTeams): "Teams (3)" and a table. Pure: returns a string. */
import type { Team } from '../api/teams.js';
import { isRecord } from '../lib/values.js';
import type { ColumnFit } from './fit.js';
import { table, type TableOptions } from './table.js';
import { clean } from './text.js';

const TEAM_HEAD = ['Team', 'Type', 'Role', 'Room ID'];
/** The room ID is never cut; the name is; the role, then the type, go first on a narrow terminal. */
const TEAM_FITS: ColumnFit[] = [
  { kind: 'free' },
  { kind: 'keep', drop: 1 },
  { kind: 'keep', drop: 0 },
  { kind: 'keep' },
];

/** TEAM_TYPE: 0 public, 1 private. */
const teamType = (t: unknown): string => (t === 0 ? 'public' : t === 1 ? 'private' : clean(t, 20));

/** By name, ignoring case. `isOwner` (sent by servers that know it) says owner or member. */
export function renderTeams(teams: unknown[], opts: TableOptions): string {
  if (teams.length === 0) return 'Teams: none\n';
  const name = (t: unknown) => (isRecord(t) && typeof t.name === 'string' ? t.name : '');
  const rows = [...teams]
    .sort((a, b) => name(a).localeCompare(name(b), 'en', { sensitivity: 'base', numeric: true }))
    .map((x): string[] => {
      if (!isRecord(x)) return [clean(x, 60), '', '', ''];
      const t = x as Team;
      const role = t.isOwner === true ? 'owner' : t.isOwner === false ? 'member' : '';
      return [clean(t.name, 80), teamType(t.type), role, clean(t.roomId, 80)];
    });
  const drawn = table({
    style: 'box',
    head: TEAM_HEAD,
    rows,
    color: opts.color,
    ascii: opts.ascii,
    maxWidth: opts.columns,
    fits: TEAM_FITS,
  });
  return `Teams (${teams.length})\n${drawn}\n`;
}
