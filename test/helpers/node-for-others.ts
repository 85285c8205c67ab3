import fs from 'node:fs';
import path from 'node:path';

/** Whether `nobody` can run this file: every directory above it searchable by others, the file executable. */
function othersCanRun(file: string): boolean {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir))
    if (!(fs.statSync(dir).mode & 0o001)) return false;
  return (fs.statSync(file).mode & 0o005) === 0o005;
}

/**
 * A node `nobody` can run: this one, or a link to it (a copy across file systems) in `dir`.
 * `npm run test:matrix` runs nodes from ~/.cache, which is root's own 0700 directory.
 */
export function nodeForOthers(dir: string): string {
  if (othersCanRun(process.execPath)) return process.execPath;
  const linked = path.join(dir, 'node');
  try {
    fs.linkSync(process.execPath, linked);
  } catch {
    fs.copyFileSync(process.execPath, linked);
  }
  fs.chmodSync(linked, 0o755);
  return linked;
}
