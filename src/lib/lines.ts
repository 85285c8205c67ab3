import { StringDecoder } from 'node:string_decoder';

/** No user name, id, import id or e-mail address comes near this; a longer line is not an identifier. */
export const MAX_LINE_LENGTH = 4096;

/** A line past the limit; the caller words it for the user (this module imports nothing of rcuser). */
export class LineTooLongError extends Error {
  readonly line: number;
  readonly max: number;
  constructor(line: number, max: number) {
    super(`line ${line} is longer than ${max} characters`);
    this.name = 'LineTooLongError';
    this.line = line;
    this.max = max;
  }
}

/**
 * The lines of a stream (without `\n` or `\r\n`), read as the consumer asks for them, so a full
 * window stops the pipe. Not readline: its async iterator throws "readline was closed" on Node 24
 * when the pipe ends while the consumer is still behind, which is exactly what a large batch does.
 *
 * Linear: each chunk is scanned once, and the pieces of a line spread over many chunks are joined
 * once (re-splitting the growing remainder on every chunk took 46 s for one 100 MB line). Bounded:
 * a line past `max` characters stops the reading (`< /dev/zero` never ends a line).
 */
export async function* streamLines(
  input: AsyncIterable<string | Buffer>,
  max = MAX_LINE_LENGTH,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pieces: string[] = [];
  let pending = 0;
  let line = 1;
  const take = (tail: string): string => {
    let s = pieces.length === 0 ? tail : pieces.join('') + tail;
    pieces = [];
    pending = 0;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    return s;
  };
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      // A trailing \r is not part of the line; one character of slack for it.
      if (pending + (nl - start) > max + 1) throw new LineTooLongError(line, max);
      const s = take(text.slice(start, nl));
      if (s.length > max) throw new LineTooLongError(line, max);
      yield s;
      line++;
      start = nl + 1;
    }
    if (start < text.length) {
      pending += text.length - start;
      if (pending > max + 1) throw new LineTooLongError(line, max);
      pieces.push(start === 0 ? text : text.slice(start));
    }
  }
  const tail = decoder.end();
  if (pieces.length === 0 && tail === '') return; // the input ended with a newline (or was empty)
  const rest = take(tail);
  if (rest.length > max) throw new LineTooLongError(line, max);
  yield rest;
}
