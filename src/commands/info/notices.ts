/**
 * The stderr line for rooms the server left out (no `view-other-user-channels`). A batch says for how
 * many of its users; a single lookup has no counts.
 */
export function roomsWithheldNotice(counts?: { withheld: number; of: number }): string {
  const which = counts ? ` for ${counts.withheld} of ${counts.of} users` : '';
  return `rcuser: the server left the rooms out${which}: listing another user's rooms needs the \`view-other-user-channels\` permission (admins have it by default)\n`;
}
