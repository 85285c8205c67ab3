/** Tests that need what Windows lacks (a pseudo-terminal, POSIX signals, file modes) skip there, saying why. */
export const onWindows = process.platform === 'win32';

/** A test name's suffix on Windows, where the test is skipped: " (skipped on Windows: <why>)"; empty elsewhere. */
export function notOnWindows(why: string): string {
  return onWindows ? ` (skipped on Windows: ${why})` : '';
}
