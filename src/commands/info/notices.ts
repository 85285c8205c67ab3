/**
 * The stderr line for rooms the server left out (no `view-other-user-channels`). A batch says for how
 * many of its users; a single lookup has no counts.
 */
export function roomsWithheldNotice(counts?: { withheld: number; of: number }): string {
  const which = counts ? ` for ${counts.withheld} of ${counts.of} users` : '';
  return `rcuser: the server left the rooms out${which}: listing another user's rooms needs the \`view-other-user-channels\` permission (admins have it by default)\n`;
}

/** The stderr line for teams a caller without view-all-teams may not see (a batch says for how many users). */
export function teamsPartialNotice(counts?: { partial: number; of: number }): string {
  const which = counts ? ` for ${counts.partial} of ${counts.of} users` : '';
  return `rcuser: the teams may be incomplete${which}: without the \`view-all-teams\` permission (admins have it) the server lists only public teams and private teams you are in\n`;
}
