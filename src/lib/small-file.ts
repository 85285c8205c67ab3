/**
 * Reading a small file of the user's (the profile file, a CA bundle) without trusting what is at the
 * path: a FIFO there would block open() for ever (deaf to SIGINT), /dev/zero would be read until
 * memory runs out, a 1 GB file would take 1 GB. Opened without blocking, checked with fstat on the
 * opened descriptor (no swap between check and read), refused unless a regular file within `max`
 * bytes, and never read past `max` whatever the size said. A leaf module: no imports but node:fs.
 */
import fs from 'node:fs';

/** Why a path cannot be read as a small regular file. */
export class NotSmallFileError extends Error {
  constructor(
    /** `not-regular` (a FIFO, device, directory, socket) or `too-large`. */
    readonly reason: 'not-regular' | 'too-large',
    /** "a named pipe (FIFO)", "a character device", …, or the size in words. */
    readonly what: string,
    /** The path is /dev/null (or a link to it): callers may take that as empty. */
    readonly devNull = false,
  ) {
    super(what);
  }
}

function kind(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** The bytes of `file`, at most `max`; ENOENT and other errors are thrown as fs throws them. */
export function readSmallFile(file: string, max: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      let devNull = false;
      try {
        devNull = st.isCharacterDevice() && fs.realpathSync(file) === '/dev/null';
      } catch {
        // gone meanwhile: not /dev/null
      }
      throw new NotSmallFileError('not-regular', kind(st), devNull);
    }
    if (st.size > max) throw new NotSmallFileError('too-large', sizeWords(st.size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 * 1024, max + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      // A file that grew past the cap while being read (or lied about its size).
      if (total > max) throw new NotSmallFileError('too-large', `more than ${sizeWords(max)}`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

export function sizeWords(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}
